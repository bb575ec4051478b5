package org.wsconform.verdict;

/**
 * The one mapping from the two verdicts to pass/fail, used by the run (each case's outcome), JUnit,
 * the reports and the CLI's exit code. A case fails when either verdict is FAILED (a broken MUST,
 * or the wrong endpoint closed); {@code strict} is the level {@link FailOn#UNCLEAN}: NON-STRICT,
 * WRONG CODE, UNCLEAN and FAILED BY CLIENT fail too. UNIMPLEMENTED and NOT APPLICABLE are skipped;
 * ERROR is the harness's, never the target's.
 */
public final class Gate {

  /** The verdicts that fail; each level includes the ones before it. */
  public enum FailOn {
    /** behavior or behaviorClose FAILED (and ERROR, always). */
    FAILED("failed"),
    /** also behavior NON-STRICT: a SHOULD missed. */
    NON_STRICT("non-strict"),
    /** also behaviorClose UNCLEAN, WRONG CODE and FAILED BY CLIENT: the close went wrong. */
    UNCLEAN("unclean");

    private final String word;

    FailOn(String word) {
      this.word = word;
    }

    /** The word the command line uses for this level. */
    public String word() {
      return word;
    }

    public static FailOn parse(String s) {
      for (FailOn f : values()) {
        if (f.word.equalsIgnoreCase(s.strip())) return f;
      }
      throw new IllegalArgumentException(
          "--fail-on takes failed, non-strict or unclean, not '" + s + "'");
    }

    /** The level a case's own outcome is decided at: {@code --strict} or not. */
    public static FailOn of(boolean strict) {
      return strict ? UNCLEAN : FAILED;
    }
  }

  private Gate() {}

  /** A case's outcome, {@code strict} or not. */
  public static Outcome outcome(Behavior behavior, BehaviorClose behaviorClose, boolean strict) {
    return outcome(behavior, behaviorClose, FailOn.of(strict));
  }

  /** A case's outcome at {@code level}. */
  public static Outcome outcome(Behavior behavior, BehaviorClose behaviorClose, FailOn level) {
    if (behavior == Behavior.ERROR || behaviorClose == BehaviorClose.ERROR) return Outcome.ERROR;
    if (behavior == Behavior.FAILED || behaviorClose == BehaviorClose.FAILED) return Outcome.FAILED;
    if (behavior == Behavior.UNIMPLEMENTED || behavior == Behavior.NOT_APPLICABLE)
      return Outcome.SKIPPED;
    if (level.compareTo(FailOn.NON_STRICT) >= 0 && behavior == Behavior.NON_STRICT)
      return Outcome.FAILED;
    if (level.compareTo(FailOn.UNCLEAN) >= 0 && behaviorClose.unclean()) return Outcome.FAILED;
    return Outcome.PASSED;
  }

  /**
   * The outcome of a record that holds none (an Autobahn report's): judged on its behavior word
   * alone, not strict, as Autobahn's reports do; an unknown or missing word is an ERROR.
   */
  public static Outcome outcomeOfBehavior(String behavior) {
    Behavior b = Behavior.ofLabelOrNull(behavior);
    return b == null ? Outcome.ERROR : outcome(b, BehaviorClose.OK, FailOn.FAILED);
  }

  /**
   * Whether a case that ended in {@code outcome} fails a run gated at {@code level}. Verdict words
   * as a record holds them: an unknown word fails no level beyond its outcome. An UNIMPLEMENTED
   * case is skipped at every level, as {@code --strict} skips it: its close says nothing.
   */
  public static boolean failsRun(
      Outcome outcome, String behavior, String behaviorClose, FailOn level) {
    if (outcome.failing()) return true;
    if (outcome != Outcome.PASSED) return false;
    if (level.compareTo(FailOn.NON_STRICT) >= 0 && Behavior.NON_STRICT.label().equals(behavior))
      return true;
    BehaviorClose close = BehaviorClose.ofLabelOrNull(behaviorClose);
    return level.compareTo(FailOn.UNCLEAN) >= 0 && close != null && close.unclean();
  }
}
