package org.wsconform.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.wsconform.verdict.Gate.FailOn;

class GateTest {

  @Test
  void failedOrErrorInEitherVerdictDecidesFirst() {
    assertThat(Gate.outcome(Behavior.OK, BehaviorClose.ERROR, false)).isEqualTo(Outcome.ERROR);
    assertThat(Gate.outcome(Behavior.ERROR, BehaviorClose.OK, true)).isEqualTo(Outcome.ERROR);
    assertThat(Gate.outcome(Behavior.OK, BehaviorClose.FAILED, false)).isEqualTo(Outcome.FAILED);
    assertThat(Gate.outcome(Behavior.FAILED, BehaviorClose.OK, false)).isEqualTo(Outcome.FAILED);
  }

  @Test
  void unimplementedIsSkippedEvenStrictWithAnUncleanClose() {
    assertThat(Gate.outcome(Behavior.UNIMPLEMENTED, BehaviorClose.UNCLEAN, true))
        .isEqualTo(Outcome.SKIPPED);
    assertThat(Gate.outcome(Behavior.UNIMPLEMENTED, BehaviorClose.OK, false))
        .isEqualTo(Outcome.SKIPPED);
  }

  @Test
  void strictFailsNonStrictAndEveryUncleanClose() {
    for (BehaviorClose bc :
        new BehaviorClose[] {
          BehaviorClose.WRONG_CODE, BehaviorClose.UNCLEAN, BehaviorClose.FAILED_BY_CLIENT
        }) {
      assertThat(Gate.outcome(Behavior.OK, bc, false)).isEqualTo(Outcome.PASSED);
      assertThat(Gate.outcome(Behavior.OK, bc, true)).isEqualTo(Outcome.FAILED);
    }
    assertThat(Gate.outcome(Behavior.NON_STRICT, BehaviorClose.OK, false))
        .isEqualTo(Outcome.PASSED);
    assertThat(Gate.outcome(Behavior.NON_STRICT, BehaviorClose.OK, true)).isEqualTo(Outcome.FAILED);
    assertThat(Gate.outcome(Behavior.INFORMATIONAL, BehaviorClose.INFORMATIONAL, true))
        .isEqualTo(Outcome.PASSED);
  }

  @Test
  void failOnLevelsFailMoreOfThePassingCases() {
    assertThat(Gate.failsRun(Outcome.PASSED, "NON-STRICT", "OK", FailOn.FAILED)).isFalse();
    assertThat(Gate.failsRun(Outcome.PASSED, "NON-STRICT", "OK", FailOn.NON_STRICT)).isTrue();
    assertThat(Gate.failsRun(Outcome.PASSED, "OK", "WRONG CODE", FailOn.NON_STRICT)).isFalse();
    assertThat(Gate.failsRun(Outcome.PASSED, "OK", "WRONG CODE", FailOn.UNCLEAN)).isTrue();
    assertThat(Gate.failsRun(Outcome.SKIPPED, "UNIMPLEMENTED", "UNCLEAN", FailOn.UNCLEAN))
        .isFalse();
    assertThat(Gate.failsRun(Outcome.ERROR, "ERROR", "ERROR", FailOn.FAILED)).isTrue();
    assertThat(Gate.failsRun(Outcome.PASSED, "OK", "SOMETHING ELSE", FailOn.UNCLEAN)).isFalse();
    assertThat(FailOn.parse(" Non-Strict ")).isEqualTo(FailOn.NON_STRICT);
    assertThatThrownBy(() -> FailOn.parse("warn"))
        .hasMessage("--fail-on takes failed, non-strict or unclean, not 'warn'");
  }

  @Test
  void aRecordWithoutOutcomeIsJudgedOnItsBehaviorWordAlone() {
    assertThat(Gate.outcomeOfBehavior("NON-STRICT")).isEqualTo(Outcome.PASSED);
    assertThat(Gate.outcomeOfBehavior("INFORMATIONAL")).isEqualTo(Outcome.PASSED);
    assertThat(Gate.outcomeOfBehavior("UNIMPLEMENTED")).isEqualTo(Outcome.SKIPPED);
    assertThat(Gate.outcomeOfBehavior("NOT APPLICABLE")).isEqualTo(Outcome.SKIPPED);
    assertThat(Gate.outcomeOfBehavior("FAILED")).isEqualTo(Outcome.FAILED);
    assertThat(Gate.outcomeOfBehavior("WHATEVER")).isEqualTo(Outcome.ERROR);
    assertThat(Gate.outcomeOfBehavior(null)).isEqualTo(Outcome.ERROR);
  }

  @Test
  void reportOrderAndBadnessOrderDiffer() {
    assertThat(Behavior.reportOrder())
        .extracting(Behavior::label)
        .containsExactly(
            "OK",
            "NON-STRICT",
            "INFORMATIONAL",
            "UNIMPLEMENTED",
            "NOT APPLICABLE",
            "FAILED",
            "ERROR");
    assertThat(Behavior.badnessOrder())
        .extracting(Behavior::label)
        .containsExactly(
            "OK",
            "INFORMATIONAL",
            "NON-STRICT",
            "NOT APPLICABLE",
            "UNIMPLEMENTED",
            "FAILED",
            "ERROR");
    assertThat(BehaviorClose.reportOrder())
        .extracting(BehaviorClose::label)
        .containsExactly(
            "OK", "INFORMATIONAL", "WRONG CODE", "UNCLEAN", "FAILED BY CLIENT", "FAILED", "ERROR");
    assertThat(BehaviorClose.badnessOrder())
        .extracting(BehaviorClose::label)
        .containsExactly(
            "OK", "INFORMATIONAL", "FAILED BY CLIENT", "WRONG CODE", "UNCLEAN", "FAILED", "ERROR");
    assertThat(Outcome.badnessOrder())
        .containsExactly(Outcome.PASSED, Outcome.SKIPPED, Outcome.FAILED, Outcome.ERROR);
  }
}
