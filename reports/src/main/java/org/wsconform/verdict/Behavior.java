package org.wsconform.verdict;

import java.util.List;

/**
 * The protocol outcome of a case, with Autobahn's spelling; ERROR (the harness could not run it)
 * and NOT APPLICABLE (the case cannot test this peer) are ours.
 */
public enum Behavior {
  OK("OK"),
  NON_STRICT("NON-STRICT"),
  INFORMATIONAL("INFORMATIONAL"),
  UNIMPLEMENTED("UNIMPLEMENTED"),
  /**
   * Ours: the case cannot say anything about this peer (e.g. it needs an echo and the target is an
   * application endpoint that does not echo); the reason says why. Never a failure: skipped.
   */
  NOT_APPLICABLE("NOT APPLICABLE"),
  FAILED("FAILED"),
  ERROR("ERROR");

  private static final List<Behavior> BADNESS =
      List.of(OK, INFORMATIONAL, NON_STRICT, NOT_APPLICABLE, UNIMPLEMENTED, FAILED, ERROR);

  private final String label;

  Behavior(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Behavior ofLabel(String s) {
    for (Behavior b : values()) if (b.label.equals(s)) return b;
    throw new IllegalArgumentException("unknown behavior verdict '" + s + "'");
  }

  /** The verdict spelled {@code s}, or null for an unknown or missing word (a foreign report's). */
  public static Behavior ofLabelOrNull(String s) {
    for (Behavior b : values()) if (b.label.equals(s)) return b;
    return null;
  }

  /** Every verdict in report order (counts, filters): the declaration order. */
  public static List<Behavior> reportOrder() {
    return List.of(values());
  }

  /**
   * Every verdict from best to worst: a skipped case (UNIMPLEMENTED) is worse than a missed SHOULD
   * (NON-STRICT), which is worse than a note (INFORMATIONAL). Differs from the report order.
   */
  public static List<Behavior> badnessOrder() {
    return BADNESS;
  }

  /** True when this verdict ranks worse than {@code other} in {@link #badnessOrder()}. */
  public boolean worseThan(Behavior other) {
    return BADNESS.indexOf(this) > BADNESS.indexOf(other);
  }
}
