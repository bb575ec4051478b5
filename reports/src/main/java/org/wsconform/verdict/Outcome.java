package org.wsconform.verdict;

import java.util.List;

/** The gate's reading of a case, which is what JUnit, the reports and the exit code see. */
public enum Outcome {
  PASSED,
  FAILED,
  SKIPPED,
  ERROR;

  private static final List<Outcome> BADNESS = List.of(PASSED, SKIPPED, FAILED, ERROR);

  /** Every outcome in report order: the declaration order. */
  public static List<Outcome> reportOrder() {
    return List.of(values());
  }

  /**
   * Every outcome from best to worst: a skipped case is worse than a pass, better than a failure.
   */
  public static List<Outcome> badnessOrder() {
    return BADNESS;
  }

  /** The outcome named {@code s}, or null for an unknown or missing name. */
  public static Outcome ofNameOrNull(String s) {
    for (Outcome o : values()) if (o.name().equals(s)) return o;
    return null;
  }

  /** True for the outcomes that fail a run at every level. */
  public boolean failing() {
    return this == FAILED || this == ERROR;
  }
}
