package org.wsconform.run;

import java.util.List;
import org.wsconform.judge.FixAdvice;
import org.wsconform.verdict.Outcome;

/**
 * Completes a finished case's "how to fix": the verdict's specific advice or its topic's, and for a
 * profile target that knows causes, who is at fault first (the runtime or the application).
 */
public final class FixAdvisor {
  private final String implementation;
  private final List<KnownCause> known;

  /**
   * @param implementation the target's implementation as the profile names it, or null
   * @param known the profile's known causes (empty for a URL target)
   */
  public FixAdvisor(String implementation, List<KnownCause> known) {
    this.implementation = implementation;
    this.known = List.copyOf(known);
  }

  /** The result with its "how to fix" (null when the case passed or was skipped). */
  public CaseResult advise(CaseResult r) {
    return r.withFix(fix(r));
  }

  String fix(CaseResult r) {
    if (r.outcome() == Outcome.PASSED || r.outcome() == Outcome.SKIPPED) return null;
    if (r.outcome() == Outcome.ERROR) return FixAdvice.forError();
    String id = r.testCase().id();
    String advice = r.fix() != null ? r.fix() : FixAdvice.forTopic(id);
    if (known.isEmpty()) return advice;
    String who = implementation == null ? "this implementation" : implementation;
    for (KnownCause k : known) {
      if (k.matches(id)) {
        return "Known " + who + " cause (" + k.fault().words() + "): " + k.text() + ". " + advice;
      }
    }
    return "Not a known " + who + " failure: start with your application code. " + advice;
  }
}
