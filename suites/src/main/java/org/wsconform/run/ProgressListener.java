package org.wsconform.run;

/** Told about each case as it finishes (the CLI prints progress from it). */
@FunctionalInterface
public interface ProgressListener {
  void caseFinished(CaseResult r, int done, int total);

  ProgressListener NONE = (r, d, t) -> {};
}
