package org.wsconform.judge;

import java.util.List;
import java.util.stream.Collectors;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Gate;
import org.wsconform.verdict.Gate.FailOn;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Violation;

/**
 * The verdict pipeline: from the handshake's verdict and what the session left (if one was opened)
 * to the case's two verdicts, its outcome at the gate and, when it did not pass, the reason in
 * words. Pure: the run does the I/O and calls this once per case.
 *
 * <p>Rules, in order: Autobahn's {@link Judge} on the session; every server frame is checked, so a
 * violation fails the case whatever its group; the handshake's verdict wins when worse, and when as
 * bad unless the session judged itself. With no session, Autobahn's cases get its rule (no 101:
 * both verdicts FAILED) and ours judge the HTTP exchange only (no close to judge).
 */
public final class CaseVerdict {

  /**
   * @param judgement the two verdicts and their result texts
   * @param outcome the gate's reading at the run's level
   * @param reason expected vs observed with the RFC section; null when the case passed
   * @param fix what usually causes what broke and what to change ({@link FixAdvice}); null when the
   *     case passed or only the case's topic can say (the run adds the topic's advice then)
   */
  public record Decision(Judgement judgement, Outcome outcome, String reason, String fix) {
    public Decision(Judgement judgement, Outcome outcome, String reason) {
      this(judgement, outcome, reason, null);
    }
  }

  private CaseVerdict() {}

  /**
   * @param hv the handshake check's verdict
   * @param autobahnRules whether the case follows Autobahn|Testsuite's verdict rules
   * @param session what the session left, or null when no session was opened
   * @param overrides the case's overrides of Autobahn's rules
   * @param rfc the case's RFC reference, named in the reason
   * @param level the gate's level for the case's outcome ({@code --strict}: UNCLEAN)
   */
  public static Decision decide(
      HandshakeVerdict hv,
      boolean autobahnRules,
      SessionEvidence session,
      List<Judge.Override> overrides,
      String rfc,
      FailOn level) {
    if (session == null) {
      Judgement j = withoutSession(hv, autobahnRules);
      Outcome o = Gate.outcome(j.behavior(), j.behaviorClose(), level);
      return new Decision(
          j,
          o,
          o == Outcome.PASSED ? null : hv.reason(),
          o == Outcome.PASSED ? null : FixAdvice.of(hv, j, null));
    }
    Judgement j = withSession(hv, session, overrides);
    Outcome o = Gate.outcome(j.behavior(), j.behaviorClose(), level);
    return new Decision(
        j,
        o,
        o == Outcome.PASSED ? null : Reasons.explain(rfc, j, session, hv),
        o == Outcome.PASSED ? null : FixAdvice.of(hv, j, session));
  }

  /**
   * The decision against a peer that does not echo (peer=silent or dialogue), from the one {@link
   * #decide} made: a frame that broke a rule fails the case as in echo mode, and so does a close
   * with a protocol code (1002, 1007, 1009, 1010). Two things are the application's, never a
   * failure: it closed the connection with a code of its own (1000, 1001, 1003, 1008, 1011–1013,
   * 3000–4999) after the case sent it data it does not take (NOT APPLICABLE: without an echo the
   * case cannot tell more), and the connection stayed open but the dialogue's reply did not come
   * (INFORMATIONAL, the unmatched messages named).
   */
  public static Decision forPeer(
      Decision d, SessionEvidence s, PeerAdaptation a, String rfc, FailOn level) {
    Judgement j = d.judgement();
    if (!s.serverViolations().isEmpty()) return d;
    CloseState cs = s.close();
    Expectation exp = s.expectation();
    boolean notPassing =
        j.behavior() == Behavior.FAILED || j.behaviorClose() == BehaviorClose.FAILED;
    if (!notPassing || cs == null) return d;
    Integer code = cs.remoteCloseCode();
    if (exp.close().closedByMe()
        && !cs.closedByMe()
        && (code == null || applicationCode(code))
        && a.applicationDataSent()) {
      String how =
          code != null
              ? "close it with code "
                  + code
                  + (cs.remoteCloseReason() == null || cs.remoteCloseReason().isEmpty()
                      ? ""
                      : " '" + cs.remoteCloseReason() + "'")
                  + ", a code an endpoint may use for data it does not take"
              : cs.wasClean() || cs.remoteCloseReason() != null
                  ? "close it with a close frame without a code"
                  : "drop TCP without a close frame (RFC 6455 §7.1.7 asks for one first)";
      String reason =
          "not applicable to this peer (peer="
              + a.peer()
              + "): expected the connection to stay open after the case's messages, observed the"
              + " application "
              + how
              + "; the WebSocket layer did not fail the connection with a protocol code"
              + " (1002, 1007), and without an echo the case cannot tell more"
              + " [RFC 6455 §7.1.7, §7.4.1, §7.4.2]";
      Judgement na =
          new Judgement(Behavior.NOT_APPLICABLE, BehaviorClose.INFORMATIONAL, reason, reason);
      return new Decision(na, Gate.outcome(na.behavior(), na.behaviorClose(), level), reason);
    }
    if (a.probeSent()
        && a.withoutProbe() != null
        && cs.closedByMe()
        && a.withoutProbe().outcomes().containsValue(s.received())) {
      String result =
          "The connection stayed open after the case's messages, but "
              + (a.peer().equals("dialogue")
                  ? "the dialogue's reply did not come"
                  : "the probe's pong did not come")
              + " (expected "
              + Reasons.events(exp.outcomes().values().iterator().next())
              + "; observed "
              + Reasons.events(s.received())
              + (a.unmatched().isEmpty() ? "" : "; unmatched messages " + a.unmatched())
              + "): the application did not answer as its profile says";
      Judgement info =
          new Judgement(Behavior.INFORMATIONAL, BehaviorClose.INFORMATIONAL, result, result);
      return new Decision(info, Gate.outcome(info.behavior(), info.behaviorClose(), level), null);
    }
    return d;
  }

  /** Close codes an endpoint or its application may choose for data it does not take. */
  static boolean applicationCode(int code) {
    return code == 1000
        || code == 1001
        || code == 1003
        || code == 1008
        || (code >= 1011 && code <= 1013)
        || (code >= 3000 && code <= 4999);
  }

  private static Judgement withoutSession(HandshakeVerdict hv, boolean autobahnRules) {
    // Autobahn's rule for its own cases: no 101, both verdicts FAILED. Our handshake cases judge
    // the HTTP exchange only; with no WebSocket connection there is no close to judge.
    return hv.behavior() == Behavior.FAILED && autobahnRules
        ? new Judgement(
            Behavior.FAILED,
            BehaviorClose.FAILED,
            hv.reason(),
            "The WebSocket opening handshake was never completed!")
        : new Judgement(
            hv.behavior(),
            BehaviorClose.OK,
            hv.reason() == null ? "The handshake was answered as expected." : hv.reason(),
            "No WebSocket connection is opened in this case.");
  }

  private static Judgement withSession(
      HandshakeVerdict hv, SessionEvidence s, List<Judge.Override> overrides) {
    Judgement j =
        Judge.judge(
            s.expectation(),
            s.received(),
            s.close(),
            true,
            s.selfVerdict(),
            overrides,
            s.harnessServed());
    if (!s.serverViolations().isEmpty() && j.behavior() != Behavior.FAILED) {
      // every server frame in every case is checked (masking, minimal length, RSV, opcodes, …):
      // a violation fails the case whatever its group
      j =
          new Judgement(
              Behavior.FAILED,
              j.behaviorClose(),
              "The "
                  + s.peer().substring(4)
                  + " broke a framing rule: "
                  + s.serverViolations().get(0),
              j.resultClose());
    }
    // the handshake's verdict wins when worse, and when as bad unless the session judged itself
    if (hv.behavior() != Behavior.OK
        && (hv.behavior().worseThan(j.behavior())
            || (hv.behavior() == j.behavior() && s.selfVerdict() == null))) {
      j = new Judgement(hv.behavior(), j.behaviorClose(), hv.reason(), j.resultClose());
    }
    return j;
  }

  /** Failure messages: what was expected, what was observed, and the RFC section. */
  static final class Reasons {
    private Reasons() {}

    static String explain(String rfc, Judgement j, SessionEvidence s, HandshakeVerdict hv) {
      Expectation exp = s.expectation();
      StringBuilder sb = new StringBuilder();
      if (j.behavior() == Behavior.FAILED || j.behavior() == Behavior.NON_STRICT) {
        if (hv.behavior() != Behavior.OK && hv.reason() != null) {
          sb.append(hv.reason());
        } else if (!s.serverViolations().isEmpty()) {
          Violation v = s.serverViolations().get(0);
          sb.append(s.peer())
              .append(" broke a rule: ")
              .append(v.message())
              .append(" (")
              .append(v.rfc())
              .append(")");
        } else if (!exp.outcomes().isEmpty()
            && !receivedAsExpected(exp, s.received())
            && !didNotFinish(j)) {
          sb.append("expected ")
              .append(
                  exp.outcomes().entrySet().stream()
                      .map(
                          e ->
                              events(e.getValue())
                                  + (exp.outcomes().size() > 1
                                      ? " (" + e.getKey().label() + ")"
                                      : ""))
                      .collect(Collectors.joining(" or ")));
          sb.append("; observed ").append(events(s.received()));
        } else {
          // the messages were as expected (or the case judged itself): the judge's own result
          // says what failed, typically the close
          sb.append(j.result());
          CloseState cs = s.close();
          if (didNotFinish(j) && cs != null && !cs.tcpClosedBy().equals("me")) {
            // not a slow peer: it went away before the case could finish
            sb.append(" Observed instead: ").append(describe(cs, s.peer())).append('.');
          }
        }
      } else if (j.behavior() == Behavior.UNIMPLEMENTED) {
        // e.g. a compression case whose offer the server declined: say what was not there
        sb.append("not implemented by ").append(s.peer()).append(": ").append(j.result());
      }
      if (j.behaviorClose() != BehaviorClose.OK
          && j.behaviorClose() != BehaviorClose.INFORMATIONAL) {
        if (sb.length() > 0) sb.append("; ");
        sb.append("close ")
            .append(j.behaviorClose().label())
            .append(": ")
            .append(j.resultClose())
            .append(" (expected ")
            .append(exp.close().closedByMe() ? "the harness" : s.peer())
            .append(" to close first with ")
            .append(exp.close().closeCodes())
            .append(", observed ")
            .append(describe(s.close(), s.peer()))
            .append(")");
      }
      sb.append(" [").append(rfc).append("]");
      return sb.toString();
    }

    /** A case cut short: the messages it did not get are a consequence, not the finding. */
    private static boolean didNotFinish(Judgement j) {
      return j.result() != null && j.result().startsWith("Case did not finish");
    }

    private static boolean receivedAsExpected(Expectation exp, List<Event> received) {
      String observed = events(received);
      return exp.outcomes().values().stream().anyMatch(e -> events(e).equals(observed));
    }

    static String events(List<Event> l) {
      if (l.isEmpty()) return "no message or pong";
      return "[" + l.stream().map(Event::toString).collect(Collectors.joining(", ")) + "]";
    }

    static String describe(CloseState cs, String peer) {
      Integer sent = cs.remoteCloseCodeSent();
      return (cs.closedByMe() ? "the harness" : peer)
          + " closed first"
          + (sent != null
              ? ", "
                  + peer.substring(4)
                  + " code "
                  + sent
                  + (cs.remoteCloseCodeOnWire() != null
                      ? " (invalid; Autobahn's remoteCloseCode "
                          + cs.remoteCloseCode()
                          + " stands in for it)"
                      : "")
                  + (cs.closedByMe() && sent.equals(cs.localCloseCode())
                      ? " (an echo of the harness's own " + cs.localCloseCode() + ")"
                      : "")
              : ", no close code from " + peer)
          + (cs.wasClean()
              ? ", clean"
              : cs.wasNotCleanReason() == null
                  ? ", unclean"
                  : ", unclean: " + cs.wasNotCleanReason())
          + ", TCP closed by "
          + (cs.tcpClosedBy().equals("me") ? "the harness" : peer);
    }
  }
}
