package org.wsconform.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsconform.judge.CaseVerdict.Decision;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Gate.FailOn;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Violation;

/**
 * {@link CaseVerdict#forPeer}: against a silent or dialogue peer, an application's own decisions
 * are NOT APPLICABLE or INFORMATIONAL, never FAILED; protocol faults still fail.
 */
class PeerVerdictTest {
  private static final String RFC = "RFC 6455 §5.6";
  private static final Event REPLY = Event.reply("reply to request 1 matching json:type=ack");
  private static final Expectation ADAPTED =
      Expectation.ok(List.of(REPLY), CloseExpectation.byMe(1000));
  private static final Expectation STRIPPED =
      Expectation.ok(List.of(), CloseExpectation.byMe(1000));

  private static CloseState peerClosed(Integer code, String reason) {
    return new CloseState(
        false, false, false, true, null, false, false, false, code, null, code, reason, "peer");
  }

  private static final CloseState HARNESS_CLOSED =
      new CloseState(
          true, true, false, true, null, false, false, false, 1001, null, 1001, null, "peer");

  private static PeerAdaptation adaptation(boolean probeSent, boolean dataSent) {
    return new PeerAdaptation(
        "dialogue",
        "echo",
        "echo replaced by the dialogue request",
        STRIPPED,
        probeSent,
        dataSent,
        List.of("text message (3 octets) 'hey'"));
  }

  private static Decision forPeer(
      List<Event> received, CloseState cs, List<Violation> violations, PeerAdaptation a) {
    SessionEvidence s = new SessionEvidence(ADAPTED, received, cs, null, violations);
    Decision d =
        CaseVerdict.decide(HandshakeVerdict.open(), true, s, List.of(), RFC, FailOn.FAILED);
    return CaseVerdict.forPeer(d, s, a, RFC, FailOn.FAILED);
  }

  @Test
  void anApplicationCloseAfterOurDataIsNotApplicableWithItsReason() {
    Decision d =
        forPeer(
            List.of(),
            peerClosed(4400, "Invalid message received"),
            List.of(),
            adaptation(false, true));
    assertThat(d.judgement().behavior()).isEqualTo(Behavior.NOT_APPLICABLE);
    assertThat(d.judgement().behaviorClose()).isEqualTo(BehaviorClose.INFORMATIONAL);
    assertThat(d.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(d.reason())
        .startsWith("not applicable to this peer (peer=dialogue)")
        .contains("code 4400 'Invalid message received'", "expected", "observed", "§7.4.1");
  }

  @Test
  void aProtocolCloseCodeStillFails() {
    Decision d = forPeer(List.of(), peerClosed(1007, null), List.of(), adaptation(false, true));
    assertThat(d.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(d.judgement().behavior()).isEqualTo(Behavior.FAILED);
  }

  @Test
  void anApplicationCloseWithoutOurDataIsJudgedAsInEchoMode() {
    Decision d = forPeer(List.of(), peerClosed(1000, null), List.of(), adaptation(false, false));
    assertThat(d.outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void aBrokenFrameRuleFailsWhateverTheApplicationDid() {
    Violation v =
        new Violation(
            Violation.Kind.MASKED_SERVER_FRAME, 1002, "the server masked a frame", "RFC 6455 §5.1");
    Decision d = forPeer(List.of(), peerClosed(4400, null), List.of(v), adaptation(false, true));
    assertThat(d.outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void anOpenConnectionWithoutTheReplyIsInformationalAndNamesWhatCame() {
    Decision d = forPeer(List.of(), HARNESS_CLOSED, List.of(), adaptation(true, true));
    assertThat(d.judgement().behavior()).isEqualTo(Behavior.INFORMATIONAL);
    assertThat(d.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(d.judgement().result())
        .contains("the dialogue's reply did not come", "expected [" + REPLY + "]", "'hey'");
  }

  @Test
  void theMatchingReplyPasses() {
    CloseState clean =
        new CloseState(
            true, false, false, true, null, false, false, false, 1000, null, 1000, null, "peer");
    Decision d = forPeer(List.of(REPLY), clean, List.of(), adaptation(true, true));
    assertThat(d.judgement().behavior()).isEqualTo(Behavior.OK);
    assertThat(d.outcome()).isEqualTo(Outcome.PASSED);
  }

  @Test
  void theRecordSaysWhichPeerRanAndHow() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("peer", "dialogue");
    expected.put("peerNeed", "echo");
    expected.put("adaptation", "echo replaced by the dialogue request");
    expected.put("unmatchedMessages", List.of("text message (3 octets) 'hey'"));
    assertThat(adaptation(true, true).details()).isEqualTo(expected);
  }
}
