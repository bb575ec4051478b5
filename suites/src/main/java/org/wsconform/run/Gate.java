package org.wsconform.run;

import org.wsconform.judge.Behavior;
import org.wsconform.judge.BehaviorClose;
import org.wsconform.judge.Judgement;

/**
 * Turns the two verdicts into pass/fail. Default: a case fails when either verdict is FAILED
 * (a broken MUST, or the wrong endpoint closed). {@code strict}: NON-STRICT, WRONG CODE, UNCLEAN
 * and FAILED BY CLIENT fail too. UNIMPLEMENTED is skipped; ERROR is the harness's, never the target's.
 */
public final class Gate {
  private Gate() {}

  public static Outcome outcome(Judgement j, boolean strict) {
    if (j.behavior() == Behavior.ERROR || j.behaviorClose() == BehaviorClose.ERROR) return Outcome.ERROR;
    if (j.behavior() == Behavior.FAILED || j.behaviorClose() == BehaviorClose.FAILED) return Outcome.FAILED;
    if (j.behavior() == Behavior.UNIMPLEMENTED) return Outcome.SKIPPED;
    if (strict) {
      if (j.behavior() == Behavior.NON_STRICT) return Outcome.FAILED;
      if (j.behaviorClose() != BehaviorClose.OK && j.behaviorClose() != BehaviorClose.INFORMATIONAL) return Outcome.FAILED;
    }
    return Outcome.PASSED;
  }
}
