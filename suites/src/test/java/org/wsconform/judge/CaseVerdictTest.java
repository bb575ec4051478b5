package org.wsconform.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsconform.judge.CaseVerdict.Decision;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Gate.FailOn;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Violation;

/** The verdict pipeline: each rule shown both ways, with the reason texts the reports show. */
class CaseVerdictTest {
  private static final String RFC = "RFC 6455 §5.1";
  private static final List<Event> ECHO = List.of(Event.text("Hello"));
  private static final Expectation ECHO_THEN_CLOSE =
      Expectation.ok(ECHO, CloseExpectation.byMe(1000));
  private static final CloseState CLEAN =
      new CloseState(
          true, false, false, true, null, false, false, false, 1000, null, 1000, null, "peer");
  private static final Violation MASKED =
      new Violation(
          Violation.Kind.MASKED_SERVER_FRAME, 1002, "the server masked a frame", "RFC 6455 §5.1");

  private static SessionEvidence session(
      List<Event> received, CloseState close, Judgement self, List<Violation> violations) {
    return new SessionEvidence(ECHO_THEN_CLOSE, received, close, self, violations);
  }

  private static Decision decide(HandshakeVerdict hv, SessionEvidence s, FailOn level) {
    return CaseVerdict.decide(hv, true, s, List.of(), RFC, level);
  }

  @Test
  void aConformingSessionPassesWithNoReason() {
    Decision d =
        decide(HandshakeVerdict.open(), session(ECHO, CLEAN, null, List.of()), FailOn.FAILED);
    assertThat(d.judgement().behavior()).isEqualTo(Behavior.OK);
    assertThat(d.judgement().behaviorClose()).isEqualTo(BehaviorClose.OK);
    assertThat(d.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(d.reason()).isNull();
  }

  @Test
  void aServerViolationTurnsOkIntoFailedAndTheReasonNamesItsSection() {
    Decision d =
        decide(HandshakeVerdict.open(), session(ECHO, CLEAN, null, List.of(MASKED)), FailOn.FAILED);
    assertThat(d.judgement().behavior()).isEqualTo(Behavior.FAILED);
    assertThat(d.judgement().result()).isEqualTo("The server broke a framing rule: " + MASKED);
    assertThat(d.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(d.reason())
        .isEqualTo(
            "the server broke a rule: the server masked a frame (RFC 6455 §5.1) [" + RFC + "]");
  }

  @Test
  void aFailedSessionKeepsItsOwnResultDespiteAViolation() {
    Decision d =
        decide(
            HandshakeVerdict.open(),
            session(List.of(), CLEAN, null, List.of(MASKED)),
            FailOn.FAILED);
    assertThat(d.judgement().behavior()).isEqualTo(Behavior.FAILED);
    assertThat(d.judgement().result()).isEqualTo("Actual events differ from any expected.");
  }

  @Test
  void aMismatchSaysWhatWasExpectedAndObserved() {
    Decision d =
        decide(HandshakeVerdict.open(), session(List.of(), CLEAN, null, List.of()), FailOn.FAILED);
    assertThat(d.reason())
        .isEqualTo(
            "expected [" + Event.text("Hello") + "]; observed no message or pong [" + RFC + "]");
  }

  @Test
  void aCloseDrivenFailureDoesNotClaimTheMessagesDiffered() {
    // 7.x: no message expected and none came, but the peer closed when the harness should have
    Expectation exp = Expectation.ok(List.of(), CloseExpectation.byMe(1000).fatalIfWrongEndpoint());
    CloseState byPeer =
        new CloseState(
            false, false, false, true, null, false, false, false, 1000, null, 1002, null, "peer");
    Decision d =
        CaseVerdict.decide(
            HandshakeVerdict.open(),
            true,
            new SessionEvidence(exp, List.of(), byPeer, null, List.of()),
            List.of(),
            RFC,
            FailOn.FAILED);
    assertThat(d.judgement().behavior()).isEqualTo(Behavior.FAILED);
    assertThat(d.reason())
        .doesNotContain("observed no message or pong")
        .contains("close FAILED: The connection was failed by the wrong endpoint");
  }

  @Test
  void aCaseThatCouldNotFinishSaysThePeerWentAway() {
    Judgement self =
        new Judgement(Behavior.FAILED, null, "Case did not finish within 5 seconds.", null);
    CloseState dropped =
        new CloseState(
            false,
            false,
            false,
            false,
            "peer dropped TCP",
            false,
            false,
            false,
            null,
            null,
            null,
            null,
            "peer");
    Decision d =
        decide(
            HandshakeVerdict.open(), session(List.of(), dropped, self, List.of()), FailOn.FAILED);
    assertThat(d.reason())
        .startsWith(
            "Case did not finish within 5 seconds. Observed instead: the server closed first")
        .contains("TCP closed by the server");
  }

  @Test
  void aWorseHandshakeVerdictWinsAndABetterOneDoesNot() {
    HandshakeVerdict nonStrict =
        new HandshakeVerdict(Behavior.NON_STRICT, "the 101 said something odd", true);
    Decision worse = decide(nonStrict, session(ECHO, CLEAN, null, List.of()), FailOn.FAILED);
    assertThat(worse.judgement().behavior()).isEqualTo(Behavior.NON_STRICT);
    assertThat(worse.judgement().result()).isEqualTo("the 101 said something odd");
    assertThat(worse.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(worse.reason()).isNull();

    Decision better = decide(nonStrict, session(List.of(), CLEAN, null, List.of()), FailOn.FAILED);
    assertThat(better.judgement().behavior()).isEqualTo(Behavior.FAILED);
    assertThat(better.judgement().result()).isEqualTo("Actual events differ from any expected.");
  }

  @Test
  void anEquallyBadHandshakeWinsUnlessTheSessionJudgedItself() {
    HandshakeVerdict info = new HandshakeVerdict(Behavior.INFORMATIONAL, "accepted", true);
    Judgement self = new Judgement(Behavior.INFORMATIONAL, null, "the session's own words", null);
    Decision matched = decide(info, session(ECHO, CLEAN, null, List.of()), FailOn.FAILED);
    assertThat(matched.judgement().behavior()).isEqualTo(Behavior.INFORMATIONAL);
    assertThat(matched.judgement().result()).isEqualTo("accepted");
    Decision selfJudged = decide(info, session(ECHO, CLEAN, self, List.of()), FailOn.FAILED);
    assertThat(selfJudged.judgement().result()).isEqualTo("the session's own words");
  }

  @Test
  void strictFailsNonStrictWithTheHandshakeReason() {
    HandshakeVerdict nonStrict =
        new HandshakeVerdict(Behavior.NON_STRICT, "expected 426, observed 400", true);
    Decision d = decide(nonStrict, session(ECHO, CLEAN, null, List.of()), FailOn.UNCLEAN);
    assertThat(d.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(d.reason()).isEqualTo("expected 426, observed 400 [" + RFC + "]");
  }

  @Test
  void strictFailsAnUncleanCloseAndSaysWhatClosed() {
    CloseState unclean =
        new CloseState(
            true,
            false,
            true,
            false,
            "peer did not close",
            false,
            false,
            false,
            1000,
            null,
            null,
            null,
            "me");
    Decision lax =
        decide(HandshakeVerdict.open(), session(ECHO, unclean, null, List.of()), FailOn.FAILED);
    assertThat(lax.judgement().behaviorClose()).isEqualTo(BehaviorClose.UNCLEAN);
    assertThat(lax.outcome()).isEqualTo(Outcome.PASSED);
    Decision strict =
        decide(HandshakeVerdict.open(), session(ECHO, unclean, null, List.of()), FailOn.UNCLEAN);
    assertThat(strict.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(strict.reason())
        .isEqualTo(
            "close UNCLEAN: The spec requires the connection to be failed cleanly here"
                + " (expected the harness to close first with [1000], observed the harness closed first, no close code from"
                + " the server, unclean: peer did not close, TCP closed by the harness) ["
                + RFC
                + "]");
  }

  @Test
  void noSessionAutobahnCaseIsFailedTwiceOursJudgesTheHttpExchangeOnly() {
    HandshakeVerdict refused = HandshakeVerdict.failed("expected 101, observed 400");
    Decision autobahn = CaseVerdict.decide(refused, true, null, List.of(), RFC, FailOn.FAILED);
    assertThat(autobahn.judgement())
        .isEqualTo(
            new Judgement(
                Behavior.FAILED,
                BehaviorClose.FAILED,
                "expected 101, observed 400",
                "The WebSocket opening handshake was never completed!"));
    assertThat(autobahn.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(autobahn.reason()).isEqualTo("expected 101, observed 400");

    Decision ours = CaseVerdict.decide(refused, false, null, List.of(), RFC, FailOn.FAILED);
    assertThat(ours.judgement())
        .isEqualTo(
            new Judgement(
                Behavior.FAILED,
                BehaviorClose.OK,
                "expected 101, observed 400",
                "No WebSocket connection is opened in this case."));
    assertThat(ours.outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void noSessionRefusalAnsweredAsExpectedPasses() {
    Decision d =
        CaseVerdict.decide(HandshakeVerdict.ok(null), true, null, List.of(), RFC, FailOn.UNCLEAN);
    assertThat(d.judgement())
        .isEqualTo(
            new Judgement(
                Behavior.OK,
                BehaviorClose.OK,
                "The handshake was answered as expected.",
                "No WebSocket connection is opened in this case."));
    assertThat(d.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(d.reason()).isNull();
  }

  @Test
  void noSessionNonStrictPassesUnlessStrict() {
    HandshakeVerdict nonStrict = HandshakeVerdict.nonStrict("expected 426, observed 400");
    assertThat(CaseVerdict.decide(nonStrict, false, null, List.of(), RFC, FailOn.FAILED).outcome())
        .isEqualTo(Outcome.PASSED);
    Decision strict = CaseVerdict.decide(nonStrict, false, null, List.of(), RFC, FailOn.UNCLEAN);
    assertThat(strict.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(strict.reason()).isEqualTo("expected 426, observed 400");
  }
}
