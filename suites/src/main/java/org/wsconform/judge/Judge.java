package org.wsconform.judge;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;

/**
 * The one place verdicts are computed, with exactly the rules of Autobahn|Testsuite's {@code
 * Case.onConnectionLost} (autobahn-cases.md §2). Pure: same inputs, same verdicts.
 */
public final class Judge {
  /** Per-case rules that tie the two verdicts together (autobahn-cases.md §2, "Overrides"). */
  public enum Override {
    /** 7.1.1–7.1.5, 7.3.x, 7.5.1, 7.7.x, 7.9.x: a wrong close code is the failure under test. */
    WRONG_CODE_FAILS_BEHAVIOR,
    /** 7.1.6, 7.13.x: the spec leaves it open; both verdicts are INFORMATIONAL. */
    INFORMATIONAL,
    /**
     * F.8: after a header the server cannot accept, everything the harness sends next (its Close
     * too) is unreadable to the server, so a server that waits for a Close it can parse until its
     * own timer and one that drops TCP at once are both right (RFC 6455 §7.1.1, §7.1.7). Who drops
     * TCP first is then a race, so it is not judged: either way the close verdict is the same.
     */
    TCP_CLOSER_UNJUDGED
  }

  static final String TCP_CLOSER_UNJUDGED_RESULT =
      "Connection was closed; who dropped TCP first is not judged here: the server cannot read the"
          + " harness's Close after a header it refused (RFC 6455 §7.1.1, §7.1.7)";

  private Judge() {}

  /**
   * @param handshakeCompleted false: both verdicts FAILED ("never completed")
   * @param selfVerdict the case's own behavior (9.*, 12.*, 13.*), or null to match event lists
   */
  public static Judgement judge(
      Expectation expectation,
      List<Event> received,
      CloseState close,
      boolean handshakeCompleted,
      Judgement selfVerdict,
      List<Override> overrides) {
    return judge(expectation, received, close, handshakeCompleted, selfVerdict, overrides, false);
  }

  /**
   * @param harnessServed the harness was the server (Autobahn's fuzzingserver): then its own TCP
   *     drop is the rule (RFC 6455 §7.1.1: the server closes TCP first), never FAILED BY CLIENT
   */
  public static Judgement judge(
      Expectation expectation,
      List<Event> received,
      CloseState close,
      boolean handshakeCompleted,
      Judgement selfVerdict,
      List<Override> overrides,
      boolean harnessServed) {
    Behavior behavior = Behavior.FAILED;
    String result = "Actual events differ from any expected.";
    if (selfVerdict != null) {
      behavior = selfVerdict.behavior();
      result = selfVerdict.result();
    } else {
      for (Map.Entry<Behavior, List<Event>> e : expectation.outcomes().entrySet()) {
        if (e.getValue().equals(received)) {
          behavior = e.getKey();
          result = "Actual events match at least one expected.";
          break;
        }
      }
    }
    if (!handshakeCompleted) {
      return new Judgement(
          behavior,
          BehaviorClose.FAILED,
          result,
          "The WebSocket opening handshake was never completed!");
    }
    CloseExpectation ec = expectation.close();
    BehaviorClose bc;
    String resultClose;
    if (ec.closedByMe() != close.closedByMe()) {
      bc = BehaviorClose.FAILED;
      resultClose = "The connection was failed by the wrong endpoint";
    } else if (ec.requireClean() && !close.wasClean()) {
      bc = BehaviorClose.UNCLEAN;
      resultClose = "The spec requires the connection to be failed cleanly here";
    } else if (close.remoteCloseCode() != null
        && !ec.closeCodes().contains(close.remoteCloseCode())) {
      bc = BehaviorClose.WRONG_CODE;
      resultClose =
          "The close code should have been "
              + ec.closeCodes().stream().map(String::valueOf).collect(Collectors.joining(","))
              + " or empty";
    } else if (overrides.contains(Override.TCP_CLOSER_UNJUDGED)) {
      bc = BehaviorClose.OK;
      resultClose = TCP_CLOSER_UNJUDGED_RESULT;
    } else if (close.droppedByMe() && !harnessServed) {
      bc = BehaviorClose.FAILED_BY_CLIENT;
      resultClose = "It is preferred that the server close the TCP connection";
    } else {
      bc = BehaviorClose.OK;
      resultClose = "Connection was properly closed";
    }
    if (ec.closedByWrongEndpointIsFatal() && ec.closedByMe() != close.closedByMe()) {
      behavior = Behavior.FAILED;
    }
    if (overrides.contains(Override.WRONG_CODE_FAILS_BEHAVIOR) && bc == BehaviorClose.WRONG_CODE) {
      behavior = Behavior.FAILED;
      result =
          resultClose; // as Autobahn's case7_* onConnectionLost: self.result = self.resultClose
    }
    if (overrides.contains(Override.INFORMATIONAL)) {
      behavior = Behavior.INFORMATIONAL;
      bc = BehaviorClose.INFORMATIONAL;
    }
    return new Judgement(behavior, bc, result, resultClose);
  }
}
