package org.wsconform.reports;

import java.util.List;

/** The gate's reading of a case ({@link CaseRecord#outcome()}), and the verdict vocabularies. */
public final class Outcome {

  public static final String PASSED = "PASSED";
  public static final String FAILED = "FAILED";
  public static final String SKIPPED = "SKIPPED";
  public static final String ERROR = "ERROR";

  /** Every outcome, in report order. */
  public static final List<String> ALL = List.of(PASSED, FAILED, SKIPPED, ERROR);

  /** The known behavior verdicts, in report order. */
  public static final List<String> BEHAVIORS =
      List.of("OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED", "ERROR");

  /** The known behaviorClose verdicts, in report order. */
  public static final List<String> CLOSE_BEHAVIORS = List.of(
      "OK", "INFORMATIONAL", "WRONG CODE", "UNCLEAN", "FAILED BY CLIENT", "FAILED", "ERROR");

  private Outcome() {}

  /**
   * The record's outcome when it holds one of {@link #ALL}, else the outcome its behavior maps
   * to (see {@link #fromBehavior}).
   */
  public static String of(CaseRecord r) {
    String outcome = r.outcome();
    return outcome != null && ALL.contains(outcome) ? outcome : fromBehavior(r.behavior());
  }

  /**
   * The default (non-strict) mapping of a behavior verdict: FAILED → FAILED, UNIMPLEMENTED →
   * SKIPPED, OK / NON-STRICT / INFORMATIONAL → PASSED, anything else (ERROR, unknown, missing)
   * → ERROR.
   */
  public static String fromBehavior(String behavior) {
    if (behavior == null) {
      return ERROR;
    }
    switch (behavior) {
      case "OK":
      case "NON-STRICT":
      case "INFORMATIONAL":
        return PASSED;
      case "UNIMPLEMENTED":
        return SKIPPED;
      case "FAILED":
        return FAILED;
      default:
        return ERROR;
    }
  }
}
