package org.wsconform.verdict;

import java.util.List;

/** The closing outcome of a case, with Autobahn's spelling; ERROR is ours. */
public enum BehaviorClose {
  OK("OK"),
  INFORMATIONAL("INFORMATIONAL"),
  WRONG_CODE("WRONG CODE"),
  UNCLEAN("UNCLEAN"),
  FAILED_BY_CLIENT("FAILED BY CLIENT"),
  FAILED("FAILED"),
  ERROR("ERROR");

  private static final List<BehaviorClose> BADNESS =
      List.of(OK, INFORMATIONAL, FAILED_BY_CLIENT, WRONG_CODE, UNCLEAN, FAILED, ERROR);

  private final String label;

  BehaviorClose(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static BehaviorClose ofLabel(String s) {
    for (BehaviorClose b : values()) if (b.label.equals(s)) return b;
    throw new IllegalArgumentException("unknown close verdict '" + s + "'");
  }

  /** The verdict spelled {@code s}, or null for an unknown or missing word (a foreign report's). */
  public static BehaviorClose ofLabelOrNull(String s) {
    for (BehaviorClose b : values()) if (b.label.equals(s)) return b;
    return null;
  }

  /** Every verdict in report order (counts, filters): the declaration order. */
  public static List<BehaviorClose> reportOrder() {
    return List.of(values());
  }

  /**
   * Every verdict from best to worst: the harness closing TCP itself (FAILED BY CLIENT) is the
   * mildest fault, then a wrong code, then an unclean close. Differs from the report order.
   */
  public static List<BehaviorClose> badnessOrder() {
    return BADNESS;
  }

  /**
   * True for the close verdicts that say the close went wrong without failing the case by default.
   */
  public boolean unclean() {
    return this == WRONG_CODE || this == UNCLEAN || this == FAILED_BY_CLIENT;
  }
}
