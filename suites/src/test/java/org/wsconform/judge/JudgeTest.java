package org.wsconform.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;

/** The verdict rules of autobahn-cases.md §2, each shown winning over the rules after it. */
class JudgeTest {
  private static final List<Event> ECHO = List.of(Event.text("Hello"));

  /** me/1000/clean, expecting one text echo. */
  private static final Expectation ME_1000_CLEAN =
      Expectation.ok(ECHO, CloseExpectation.byMe(1000));

  /** peer/1002/-, expecting nothing. */
  private static final Expectation PEER_1002 =
      Expectation.ok(List.of(), CloseExpectation.byPeer(1002));

  private static CloseState close(
      boolean closedByMe, boolean droppedByMe, boolean wasClean, Integer remoteCode) {
    return new CloseState(
        closedByMe,
        false,
        droppedByMe,
        wasClean,
        wasClean ? null : "test",
        false,
        false,
        false,
        closedByMe ? 1000 : null,
        null,
        remoteCode,
        null,
        droppedByMe ? "me" : "peer");
  }

  private static Judgement judge(
      Expectation e, List<Event> received, CloseState c, Judge.Override... o) {
    return Judge.judge(e, received, c, true, null, List.of(o));
  }

  @Nested
  class CloseVerdict {
    @Test
    void rule1WrongEndpointIsFailedEvenWhenAlsoUncleanWithWrongCodeAndDropped() {
      Judgement j = judge(ME_1000_CLEAN, ECHO, close(false, true, false, 1002));
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.FAILED);
      assertThat(j.resultClose()).isEqualTo("The connection was failed by the wrong endpoint");
      // the other direction: peer expected to close, the harness closed
      Judgement k = judge(PEER_1002, List.of(), close(true, true, false, 1000));
      assertThat(k.behaviorClose()).isEqualTo(BehaviorClose.FAILED);
      assertThat(k.resultClose()).isEqualTo("The connection was failed by the wrong endpoint");
    }

    @Test
    void rule2RequireCleanAndUncleanWinsOverWrongCodeAndDropped() {
      Judgement j = judge(ME_1000_CLEAN, ECHO, close(true, true, false, 1002));
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.UNCLEAN);
      assertThat(j.resultClose())
          .isEqualTo("The spec requires the connection to be failed cleanly here");
    }

    @Test
    void uncleanIsAcceptedWhenNotRequired() {
      Judgement j = judge(PEER_1002, List.of(), close(false, false, false, 1002));
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.OK);
    }

    @Test
    void rule3WrongCodeWinsOverDroppedByMe() {
      Judgement j = judge(PEER_1002, List.of(), close(false, true, true, 1000));
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.WRONG_CODE);
      assertThat(j.resultClose()).isEqualTo("The close code should have been 1002 or empty");
    }

    @Test
    void wrongCodeMessageListsEveryAcceptedCode() {
      Expectation e = Expectation.ok(List.of(), CloseExpectation.byPeer(1002, 1007));
      Judgement j = judge(e, List.of(), close(false, false, true, 1000));
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.WRONG_CODE);
      assertThat(j.resultClose()).isEqualTo("The close code should have been 1002,1007 or empty");
      assertThat(judge(e, List.of(), close(false, false, true, 1007)).behaviorClose())
          .isEqualTo(BehaviorClose.OK);
    }

    @Test
    void noRemoteCodeIsNeverWrongCode() {
      Judgement j = judge(PEER_1002, List.of(), close(false, false, true, null));
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.OK);
      // and with a TCP drop by the harness it falls through to rule 4, not rule 3
      Judgement k = judge(PEER_1002, List.of(), close(false, true, false, null));
      assertThat(k.behaviorClose()).isEqualTo(BehaviorClose.FAILED_BY_CLIENT);
    }

    @Test
    void rule4DroppedByMeIsFailedByClient() {
      Judgement j = judge(ME_1000_CLEAN, ECHO, close(true, true, true, 1000));
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.FAILED_BY_CLIENT);
      assertThat(j.resultClose())
          .isEqualTo("It is preferred that the server close the TCP connection");
      assertThat(j.behavior()).as("close verdict does not touch behavior").isEqualTo(Behavior.OK);
    }

    /** PEER_1002 judged with F.8's override. */
    private Judgement unjudged(CloseState c) {
      return judge(PEER_1002, List.of(), c, Judge.Override.TCP_CLOSER_UNJUDGED);
    }

    @Test
    void unjudgedTcpCloserGivesOneVerdictWhoeverDrops() {
      Judgement harnessDropped = unjudged(close(false, true, true, 1002));
      assertThat(harnessDropped).isEqualTo(unjudged(close(false, false, true, 1002)));
      assertThat(harnessDropped.behaviorClose()).isEqualTo(BehaviorClose.OK);
      assertThat(harnessDropped.resultClose()).contains("not judged", "§7.1.1");
      // without the override the same harness drop is FAILED BY CLIENT (the race this removes)
      assertThat(judge(PEER_1002, List.of(), close(false, true, true, 1002)).behaviorClose())
          .isEqualTo(BehaviorClose.FAILED_BY_CLIENT);
      // the rules before it still apply: a wrong code and the wrong closer are still judged
      assertThat(unjudged(close(false, true, true, 1009)).behaviorClose())
          .isEqualTo(BehaviorClose.WRONG_CODE);
      assertThat(unjudged(close(true, true, true, 1000)).behaviorClose())
          .isEqualTo(BehaviorClose.FAILED);
    }

    @Test
    void rule5Ok() {
      Judgement j = judge(ME_1000_CLEAN, ECHO, close(true, false, true, 1000));
      assertThat(j.behavior()).isEqualTo(Behavior.OK);
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.OK);
      assertThat(j.resultClose()).isEqualTo("Connection was properly closed");
      assertThat(j.result()).isEqualTo("Actual events match at least one expected.");
    }

    @Test
    void handshakeNotCompletedIsFailed() {
      Judgement j =
          Judge.judge(
              ME_1000_CLEAN, List.of(), close(false, false, false, null), false, null, List.of());
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.FAILED);
      assertThat(j.resultClose()).isEqualTo("The WebSocket opening handshake was never completed!");
      assertThat(j.behavior()).isEqualTo(Behavior.FAILED);
      // even a close state that would otherwise be perfect
      Judgement k =
          Judge.judge(ME_1000_CLEAN, ECHO, close(true, false, true, 1000), false, null, List.of());
      assertThat(k.behaviorClose()).isEqualTo(BehaviorClose.FAILED);
      assertThat(k.resultClose()).contains("never completed");
    }
  }

  @Nested
  class BehaviorVerdict {
    private final Expectation okOrNonStrict =
        Expectation.okOrNonStrict(
            List.of(Event.text("Hello"), Event.timeout("A")),
            List.of(Event.timeout("A")),
            CloseExpectation.byPeer(1002));

    @Test
    void firstMatchingListWins() {
      Expectation same = Expectation.okOrNonStrict(ECHO, ECHO, CloseExpectation.byMe(1000));
      assertThat(judge(same, ECHO, close(true, false, true, 1000)).behavior())
          .isEqualTo(Behavior.OK);
      Expectation nsFirst =
          new Expectation(
              new LinkedHashMap<>(Map.of(Behavior.NON_STRICT, ECHO)), CloseExpectation.byMe(1000));
      assertThat(judge(nsFirst, ECHO, close(true, false, true, 1000)).behavior())
          .isEqualTo(Behavior.NON_STRICT);
    }

    @Test
    void okAndNonStrictLists() {
      CloseState c = close(false, false, true, 1002);
      assertThat(
              judge(okOrNonStrict, List.of(Event.text("Hello"), Event.timeout("A")), c).behavior())
          .isEqualTo(Behavior.OK);
      Judgement ns = judge(okOrNonStrict, List.of(Event.timeout("A")), c);
      assertThat(ns.behavior()).isEqualTo(Behavior.NON_STRICT);
      assertThat(ns.result()).isEqualTo("Actual events match at least one expected.");
      Judgement none = judge(okOrNonStrict, List.of(), c);
      assertThat(none.behavior()).isEqualTo(Behavior.FAILED);
      assertThat(none.result()).isEqualTo("Actual events differ from any expected.");
    }

    @Test
    void anExtraPongFails() {
      Expectation e = Expectation.ok(List.of(Event.pong("Hello")), CloseExpectation.byMe(1000));
      CloseState c = close(true, false, true, 1000);
      assertThat(judge(e, List.of(Event.pong("Hello")), c).behavior()).isEqualTo(Behavior.OK);
      assertThat(judge(e, List.of(Event.pong("Hello"), Event.pong("Hello")), c).behavior())
          .isEqualTo(Behavior.FAILED);
      assertThat(judge(e, List.of(), c).behavior()).isEqualTo(Behavior.FAILED);
    }

    @Test
    void orderMatters() {
      Expectation e =
          Expectation.ok(List.of(Event.pong("a"), Event.text("b")), CloseExpectation.byMe(1000));
      CloseState c = close(true, false, true, 1000);
      assertThat(judge(e, List.of(Event.pong("a"), Event.text("b")), c).behavior())
          .isEqualTo(Behavior.OK);
      assertThat(judge(e, List.of(Event.text("b"), Event.pong("a")), c).behavior())
          .isEqualTo(Behavior.FAILED);
    }

    @Test
    void bytesMatter() {
      CloseState c = close(true, false, true, 1000);
      assertThat(judge(ME_1000_CLEAN, List.of(Event.text("Hellp")), c).behavior())
          .isEqualTo(Behavior.FAILED);
      assertThat(judge(ME_1000_CLEAN, List.of(Event.text("Hello ")), c).behavior())
          .isEqualTo(Behavior.FAILED);
      // a fresh but equal array matches (content, not identity)
      List<Event> copy = new ArrayList<>();
      copy.add(Event.message("Hello".getBytes(StandardCharsets.UTF_8), false));
      assertThat(judge(ME_1000_CLEAN, copy, c).behavior()).isEqualTo(Behavior.OK);
    }

    @Test
    void textAndBinaryDiffer() {
      CloseState c = close(true, false, true, 1000);
      byte[] hello = "Hello".getBytes(StandardCharsets.UTF_8);
      assertThat(judge(ME_1000_CLEAN, List.of(Event.binary(hello)), c).behavior())
          .isEqualTo(Behavior.FAILED);
      Expectation bin = Expectation.ok(List.of(Event.binary(hello)), CloseExpectation.byMe(1000));
      assertThat(judge(bin, List.of(Event.binary(hello)), c).behavior()).isEqualTo(Behavior.OK);
      assertThat(judge(bin, ECHO, c).behavior()).isEqualTo(Behavior.FAILED);
    }

    @Test
    void pongAndMessageWithSameBytesDiffer() {
      CloseState c = close(true, false, true, 1000);
      assertThat(judge(ME_1000_CLEAN, List.of(Event.pong("Hello")), c).behavior())
          .isEqualTo(Behavior.FAILED);
    }

    @Test
    void timeoutTagsMatter() {
      CloseState c = close(false, false, true, 1002);
      assertThat(judge(okOrNonStrict, List.of(Event.timeout("B")), c).behavior())
          .isEqualTo(Behavior.FAILED);
    }

    @Test
    void closedByWrongEndpointIsFatalForcesBehaviorFailed() {
      Expectation e =
          Expectation.ok(List.of(), CloseExpectation.byPeer(1007).fatalIfWrongEndpoint());
      // the server never reacted; the harness's kill timer closed: [] matches, but behavior is
      // FAILED
      Judgement j = judge(e, List.of(), close(true, false, true, 1000));
      assertThat(j.behavior()).isEqualTo(Behavior.FAILED);
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.FAILED);
      // same flag, right endpoint: behavior stays OK
      Judgement k = judge(e, List.of(), close(false, false, false, 1007));
      assertThat(k.behavior()).isEqualTo(Behavior.OK);
      assertThat(k.behaviorClose()).isEqualTo(BehaviorClose.OK);
      // without the flag the wrong endpoint fails only the close verdict
      Expectation plain = Expectation.ok(List.of(), CloseExpectation.byPeer(1007));
      Judgement l = judge(plain, List.of(), close(true, false, true, 1000));
      assertThat(l.behavior()).isEqualTo(Behavior.OK);
      assertThat(l.behaviorClose()).isEqualTo(BehaviorClose.FAILED);
    }

    @Test
    void wrongCodeAloneLeavesBehaviorOk() {
      Expectation e =
          Expectation.ok(List.of(), CloseExpectation.byPeer(1007).fatalIfWrongEndpoint());
      Judgement j = judge(e, List.of(), close(false, false, true, 1002));
      assertThat(j.behavior()).isEqualTo(Behavior.OK);
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.WRONG_CODE);
    }

    @Test
    void wrongCodeFailsBehaviorOverride() {
      Expectation e = Expectation.ok(List.of(), CloseExpectation.byMe(1000));
      Judgement j =
          judge(
              e,
              List.of(),
              close(true, false, true, 1002),
              Judge.Override.WRONG_CODE_FAILS_BEHAVIOR);
      assertThat(j.behavior()).isEqualTo(Behavior.FAILED);
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.WRONG_CODE);
      // Autobahn (case7_3_x, 7_7_x, 7_9_x ...): self.result = self.resultClose
      assertThat(j.result()).isEqualTo("The close code should have been 1000 or empty");
      // the override does nothing when the code is right
      Judgement k =
          judge(
              e,
              List.of(),
              close(true, false, true, 1000),
              Judge.Override.WRONG_CODE_FAILS_BEHAVIOR);
      assertThat(k.behavior()).isEqualTo(Behavior.OK);
      assertThat(k.behaviorClose()).isEqualTo(BehaviorClose.OK);
      // nor when another rule decided the close verdict first
      Judgement l =
          judge(
              e,
              List.of(),
              close(true, false, false, 1002),
              Judge.Override.WRONG_CODE_FAILS_BEHAVIOR);
      assertThat(l.behaviorClose()).isEqualTo(BehaviorClose.UNCLEAN);
      assertThat(l.behavior()).isEqualTo(Behavior.OK);
    }

    @Test
    void informationalOverrideReplacesBothVerdicts() {
      Expectation e = Expectation.okOrNonStrict(ECHO, List.of(), CloseExpectation.byMe(1000));
      Judgement j =
          judge(
              e,
              List.of(Event.pong("x")),
              close(false, true, false, 1002),
              Judge.Override.INFORMATIONAL);
      assertThat(j.behavior()).isEqualTo(Behavior.INFORMATIONAL);
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.INFORMATIONAL);
      Judgement k = judge(e, ECHO, close(true, false, true, 1000), Judge.Override.INFORMATIONAL);
      assertThat(k.behavior()).isEqualTo(Behavior.INFORMATIONAL);
      assertThat(k.behaviorClose()).isEqualTo(BehaviorClose.INFORMATIONAL);
    }

    @Test
    void selfVerdictReplacesListMatching() {
      Expectation e = Expectation.selfJudged(CloseExpectation.byMe(1000));
      Judgement self = new Judgement(Behavior.NON_STRICT, null, "took 2.5 s", null);
      Judgement j =
          Judge.judge(
              e,
              List.of(Event.text("anything")),
              close(true, false, true, 1000),
              true,
              self,
              List.of());
      assertThat(j.behavior()).isEqualTo(Behavior.NON_STRICT);
      assertThat(j.result()).isEqualTo("took 2.5 s");
      assertThat(j.behaviorClose()).isEqualTo(BehaviorClose.OK);
      // even when an event list would have matched
      Judgement failed = new Judgement(Behavior.FAILED, null, "too slow", null);
      Judgement k =
          Judge.judge(ME_1000_CLEAN, ECHO, close(true, false, true, 1000), true, failed, List.of());
      assertThat(k.behavior()).isEqualTo(Behavior.FAILED);
      assertThat(k.result()).isEqualTo("too slow");
    }

    @Test
    void selfJudgedWithoutAVerdictIsFailed() {
      Expectation e = Expectation.selfJudged(CloseExpectation.byMe(1000));
      Judgement j = judge(e, List.of(), close(true, false, true, 1000));
      assertThat(j.behavior()).isEqualTo(Behavior.FAILED);
    }
  }

  @Test
  void labelsAreAutobahnSpelling() {
    assertThat(BehaviorClose.WRONG_CODE.label()).isEqualTo("WRONG CODE");
    assertThat(BehaviorClose.FAILED_BY_CLIENT.label()).isEqualTo("FAILED BY CLIENT");
    assertThat(Behavior.NON_STRICT.label()).isEqualTo("NON-STRICT");
    assertThat(BehaviorClose.ofLabel("UNCLEAN")).isEqualTo(BehaviorClose.UNCLEAN);
    assertThat(Behavior.ofLabel("INFORMATIONAL")).isEqualTo(Behavior.INFORMATIONAL);
  }
}
