package org.wsconform.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.judge.Judgement;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Outcome;

/** Known causes of a profile target: the fix of a matching failed case names who is at fault. */
class FixAdvisorTest {
  private static final List<KnownCause> WORKERD =
      List.of(
          KnownCause.parse("H.6 application: the guide's Worker compares Upgrade case-sensitively"),
          KnownCause.parse(
              "6.3.*,6.4.* runtime: workerd replaces invalid UTF-8 with U+FFFD before your Worker"
                  + " sees the message"));

  private static CaseResult result(String id, Outcome outcome, String fix) {
    ConformanceCase c =
        Catalogue.all().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    Behavior b = outcome == Outcome.PASSED ? Behavior.OK : Behavior.FAILED;
    return new CaseResult(
            c,
            new Judgement(b, BehaviorClose.OK, "r", "rc"),
            outcome,
            outcome == Outcome.PASSED ? null : "why",
            null,
            List.of(),
            null,
            null,
            null,
            Instant.now(),
            1,
            List.of(),
            null,
            Map.of())
        .withFix(fix);
  }

  @Test
  void aMatchingKnownCauseComesFirstAndSaysWhoIsAtFault() {
    FixAdvisor a = new FixAdvisor("workerd", WORKERD);
    String utf8 = a.advise(result("6.3.1", Outcome.FAILED, null)).fix();
    assertThat(utf8)
        .startsWith("Known workerd cause (a runtime issue, not your code")
        .contains("U+FFFD")
        .contains("1007");
    String h6 = a.advise(result("H.6", Outcome.FAILED, "specific advice.")).fix();
    assertThat(h6)
        .startsWith("Known workerd cause (in your Worker/application code; you can fix it)")
        .endsWith("specific advice.");
    assertThat(a.advise(result("1.1.1", Outcome.FAILED, null)).fix())
        .startsWith("Not a known workerd failure: start with your application code.");
    assertThat(a.advise(result("6.3.1", Outcome.PASSED, null)).fix()).isNull();
  }

  @Test
  void withoutAProfileTheTopicsAdviceIsTheFallback() {
    FixAdvisor a = new FixAdvisor(null, List.of());
    assertThat(a.advise(result("6.3.1", Outcome.FAILED, null)).fix()).contains("1007");
    assertThat(a.advise(result("6.3.1", Outcome.ERROR, null)).fix())
        .contains("not the target's fault");
  }

  @Test
  void aKnownCauseThatDoesNotParseSaysHowToWriteIt() {
    assertThatThrownBy(() -> KnownCause.parse("6.3.* everyone: nobody knows"))
        .hasMessageContaining("PATTERNS runtime|application: cause");
    assertThatThrownBy(() -> KnownCause.parse("6.3.*"))
        .hasMessageContaining("PATTERNS runtime|application: cause");
  }
}
