package org.wsconform.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.judge.CaseVerdict.Decision;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.Gate.FailOn;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Violation;

/** "How to fix": derived from what broke, with a topic's advice for every case that can fail. */
class FixAdviceTest {
  private static final String GENERIC = FixAdvice.forTopic("no-such-group.1");
  private static final Expectation ECHO_THEN_CLOSE =
      Expectation.ok(List.of(Event.text("Hello")), CloseExpectation.byMe(1000));
  private static final CloseState CLEAN =
      new CloseState(
          true, false, false, true, null, false, false, false, 1000, null, 1000, null, "peer");

  private static Decision decide(
      HandshakeVerdict hv, List<Event> received, CloseState close, List<Violation> violations) {
    return CaseVerdict.decide(
        hv,
        true,
        new SessionEvidence(ECHO_THEN_CLOSE, received, close, null, violations),
        List.of(),
        "RFC 6455 §5.1",
        FailOn.FAILED);
  }

  @Test
  void everyViolationKindHasItsOwnAdvice() {
    for (Violation.Kind k : Violation.Kind.values()) {
      assertThat(FixAdvice.forViolation(k)).as(k.name()).isNotBlank().doesNotContain(GENERIC);
    }
    assertThat(FixAdvice.forViolation(Violation.Kind.MASKED_SERVER_FRAME)).contains("never mask");
    assertThat(FixAdvice.forViolation(Violation.Kind.CONTROL_TOO_LONG)).contains("125 octets");
    assertThat(FixAdvice.forViolation(Violation.Kind.NON_MINIMAL_LENGTH)).contains("7-bit form");
  }

  @Test
  void everyCaseInTheCatalogueHasATopicsAdvice() {
    for (ConformanceCase c : Catalogue.all()) {
      assertThat(FixAdvice.forTopic(c.id())).as(c.id()).isNotEqualTo(GENERIC);
    }
  }

  @Test
  void aDecisionCarriesTheAdviceOfWhatBrokeAndNoneWhenItPassed() {
    Violation masked =
        new Violation(
            Violation.Kind.MASKED_SERVER_FRAME, 1002, "the server masked a frame", "RFC 6455 §5.1");
    Decision failed =
        decide(HandshakeVerdict.open(), List.of(Event.text("Hello")), CLEAN, List.of(masked));
    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.fix()).contains("never mask");

    Decision passed =
        decide(HandshakeVerdict.open(), List.of(Event.text("Hello")), CLEAN, List.of());
    assertThat(passed.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(passed.fix()).isNull();
  }

  @Test
  void aBinaryMessageEchoedAsTextIsNamed() {
    Expectation binary =
        Expectation.ok(List.of(Event.binary(new byte[] {1})), CloseExpectation.byMe(1000));
    Decision d =
        CaseVerdict.decide(
            HandshakeVerdict.open(),
            true,
            new SessionEvidence(
                binary, List.of(Event.text("[object Blob]")), CLEAN, null, List.of()),
            List.of(),
            "RFC 6455 §5.6",
            FailOn.FAILED);
    assertThat(d.judgement().behavior()).isEqualTo(Behavior.FAILED);
    assertThat(d.fix()).contains("binary as binary").contains("arraybuffer");
  }

  @Test
  void noCloseReplyAndAWrongCodeAreTold() {
    CloseState noReply =
        new CloseState(
            true,
            false,
            true,
            false,
            "peer did not respond (in time) in closing handshake",
            false,
            false,
            true,
            1000,
            null,
            null,
            null,
            "me");
    // UNCLEAN fails only with --strict (--fail-on unclean): then it gets its advice
    Decision d =
        CaseVerdict.decide(
            HandshakeVerdict.open(),
            true,
            new SessionEvidence(
                ECHO_THEN_CLOSE, List.of(Event.text("Hello")), noReply, null, List.of()),
            List.of(),
            "RFC 6455 §7.1.2",
            FailOn.UNCLEAN);
    assertThat(d.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(d.fix()).contains("never answered the harness's Close");
  }

  @Test
  void handshakeAdviceFollowsTheProblemTheReasonNames() {
    assertThat(
            FixAdvice.forHandshake(
                "expected 101 Switching Protocols for 'Upgrade: WebSocket' and 'Connection:"
                    + " uPgRaDe' (values are case-insensitive), observed 'HTTP/1.1 426 Upgrade"
                    + " Required' (RFC 6455 §4.2.1 items 3, 4)"))
        .contains("case-insensitively");
    assertThat(
            FixAdvice.forHandshake(
                "expected 400 without upgrading, observed 'HTTP/1.1 101': the server switched"
                    + " protocols for a request it must refuse (RFC 6455 §4.2.1)"))
        .contains("upgraded a request it must refuse");
  }

  @Test
  void theHarnessOwnGoingAwayEchoedIsSaidToBeOurs() {
    CloseState echoed =
        new CloseState(
            true,
            true,
            false,
            true,
            null,
            false,
            false,
            false,
            1001,
            "Going Away",
            1001,
            null,
            "peer");
    assertThat(CaseVerdict.Reasons.describe(echoed, "the server"))
        .contains("server code 1001 (an echo of the harness's own 1001)");
  }
}
