package org.wsconform.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsconform.deflate.Agreement;
import org.wsconform.deflate.CompressedMessage;
import org.wsconform.deflate.TracingInflater;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.PeerAdaptation;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Hex;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.Violation;
import org.wsconform.wire.WireLog;

/**
 * A case's session against a peer that does not echo ({@link PeerModel#SILENT}, {@link
 * PeerModel#DIALOGUE}), on the reactor.
 *
 * <p>The expectation a case declares is adapted once, the same way for every case: the echoes it
 * expects are taken out. When the case expects the connection to stay open (the harness closes),
 * the probe follows the case's last message, once the script is idle (no pause pending, no message
 * of ours left open): a ping under silent (its pong expected), the dialogue request(s) under
 * dialogue (each reply expected in order). When the case expects the peer to fail the connection,
 * only the failure is judged. Until the probe is out, the expected events never close the
 * connection early.
 *
 * <p>Every message from the peer is classified before the case sees it: a heartbeat is answered, an
 * unsolicited pattern accepted, the awaited reply becomes a reply event, anything else is noted as
 * unmatched (in the wire log and the record), never taken for an echo.
 */
final class PeerAdapter {
  /** The silent probe's ping payload. */
  static final byte[] PROBE = "wsconform-probe".getBytes(StandardCharsets.US_ASCII);

  private final Session session;
  private final Peer peer;
  private final WireLog log;
  private final String need;
  private Expectation withoutProbe;
  private Map<org.wsconform.verdict.Behavior, List<Event>> stripped;
  private org.wsconform.judge.CloseExpectation close;
  private boolean probeNeeded;
  private boolean probeSent;
  private int nextReply;
  private final List<Dialogue.Request> awaited = new ArrayList<>();
  private final List<String> unmatched = new ArrayList<>();
  private int pendingSteps;
  private boolean outgoingOpen;
  private boolean dataSent;
  private boolean answering;
  private boolean midFrame;
  private final List<String> heartbeatAnswers = new ArrayList<>();
  private TracingInflater tracer;

  PeerAdapter(Session session, Peer peer, WireLog log, String need) {
    this.session = session;
    this.peer = peer;
    this.log = log;
    this.need = need;
  }

  /** The case's expectation, adapted: echoes out (the probe's answers come in when it is sent). */
  Expectation adapt(Expectation e) {
    boolean echoes =
        e.outcomes().values().stream()
            .anyMatch(l -> l.stream().anyMatch(ev -> ev.type() == Event.Type.MESSAGE));
    if (!echoes) return e;
    if (need.equals("none"))
      throw new IllegalStateException(
          "catalogue fault: the case expects an echo but PeerNeeds declares that it needs none");
    stripped = new LinkedHashMap<>();
    e.outcomes()
        .forEach(
            (b, l) ->
                stripped.put(b, l.stream().filter(ev -> ev.type() != Event.Type.MESSAGE).toList()));
    close = e.close();
    withoutProbe = new Expectation(stripped, close);
    probeNeeded = close.closedByMe();
    log.note(
        "peer="
            + peer.model().word()
            + ": the case expects an echo; "
            + (probeNeeded
                ? "the echoes are taken out and "
                    + probeWords()
                    + " follows the case's last message"
                : "the echoes before the expected failure are not checked, the failure is"));
    return withoutProbe;
  }

  private String probeWords() {
    return peer.model() == PeerModel.SILENT
        ? "a ping (its pong expected)"
        : "the dialogue request" + (peer.dialogue().requests().size() > 1 ? "s" : "");
  }

  /** Whether the expected events must not close the connection yet (the probe is not out). */
  boolean awaitingProbe() {
    return probeNeeded && !probeSent;
  }

  /**
   * A frame the harness sends: tracks whether a message of ours is open (no probe or heartbeat
   * answer goes inside it). A frame whose header declares more than it carries (streamed in parts,
   * or never finished on purpose) leaves the connection mid-frame for the rest of the case.
   */
  void sent(Frame f, boolean incomplete) {
    if (incomplete) midFrame = true;
    int op = f.opcode();
    if (op == Opcode.TEXT || op == Opcode.BINARY) {
      outgoingOpen = !f.fin();
      if (!probeSent && !answering) dataSent = true;
    } else if (op == Opcode.CONTINUATION && f.fin()) {
      outgoingOpen = false;
    }
  }

  void stepScheduled() {
    pendingSteps++;
  }

  void stepRan() {
    pendingSteps--;
  }

  /** Whether a frame of the harness's may go out now without splitting one of the case's. */
  private boolean between() {
    return !outgoingOpen && !midFrame && session.isOpen();
  }

  /** After every reactor task: heartbeat answers, then the probe once the script is idle. */
  void afterTask() {
    if (!heartbeatAnswers.isEmpty() && between()) {
      answering = true;
      try {
        for (String a : heartbeatAnswers) session.sendMessage(a);
      } finally {
        answering = false;
      }
      heartbeatAnswers.clear();
    }
    if (!probeNeeded || probeSent || pendingSteps > 0 || !between()) return;
    probeSent = true;
    List<Event> answers = new ArrayList<>();
    if (peer.model() == PeerModel.DIALOGUE) {
      List<Dialogue.Request> rs = peer.dialogue().requests();
      for (int i = 0; i < rs.size(); i++) {
        Dialogue.Request r = rs.get(i);
        log.note("peer=dialogue probe: request " + (i + 1) + " " + r.spec());
        session.sendMessage(r.payload(), r.binary(), 0, SendOptions.DEFAULT);
        if (r.reply() != null) {
          awaited.add(r);
          answers.add(Event.reply(replyTag(i, r)));
        }
      }
    }
    if (answers.isEmpty()) {
      log.note("peer=" + peer.model().word() + " probe: a ping, its pong expected");
      session.sendFrame(Frame.ping(PROBE));
      answers.add(Event.pong(PROBE));
    }
    Map<org.wsconform.verdict.Behavior, List<Event>> withProbe = new LinkedHashMap<>();
    stripped.forEach(
        (b, l) -> {
          List<Event> all = new ArrayList<>(l);
          all.addAll(answers);
          withProbe.put(b, all);
        });
    session.reexpect(new Expectation(withProbe, close));
  }

  private static String replyTag(int i, Dialogue.Request r) {
    return "reply to request " + (i + 1) + " matching " + r.reply();
  }

  /**
   * A complete message from the peer: the event the case sees, or null when it is the application's
   * own (a heartbeat, an unsolicited message) or matches nothing.
   */
  Event classify(Event e) {
    byte[] p = e.payload();
    Dialogue d = peer.dialogue();
    if (!e.binary()) {
      String answer = d.heartbeatAnswer(new String(p, StandardCharsets.UTF_8));
      if (answer != null) {
        log.note(
            "application heartbeat '"
                + Hex.readable(p, 40)
                + "' answered with '"
                + answer
                + "' (once no message of the case's is open)");
        heartbeatAnswers.add(answer);
        return null;
      }
    }
    if (nextReply < awaited.size()) {
      Dialogue.Request r = awaited.get(nextReply);
      if (r.reply().matches(p, e.binary())) {
        int index = peer.dialogue().requests().indexOf(r);
        nextReply++;
        log.note("dialogue reply to request " + (index + 1) + " matches " + r.reply());
        return Event.reply(replyTag(index, r));
      }
    }
    for (MessageMatcher m : d.unsolicited()) {
      if (m.matches(p, e.binary())) {
        log.note("unsolicited application message accepted (matches " + m + ")");
        return null;
      }
    }
    String what = e.toString();
    unmatched.add(what);
    log.note(
        "peer="
            + peer.model().word()
            + ": "
            + what
            + " is no awaited reply, heartbeat or unsolicited pattern of the profile; not taken"
            + " for an echo");
    return null;
  }

  /**
   * Every compressed message from the peer, checked against what the server agreed (RFC 7692
   * §7.1.1.1, §7.1.2.1): no back-reference beyond 2^server_max_window_bits, none before the
   * message's start after server_no_context_takeover. In echo mode the X.* cases trace the echoes;
   * against an application the harness traces whatever it sends. Null when the agreement restricts
   * nothing.
   */
  java.util.function.Consumer<CompressedMessage> compressedCheck(Agreement a, Inbox inbox) {
    if (a.serverMaxWindowBits() >= 15 && !a.serverNoContextTakeover()) return null;
    if (tracer == null) tracer = new TracingInflater(session.settings().maxMessage());
    return m -> {
      String problem;
      try {
        problem = WindowCheck.problem(a, tracer.inflateMessage(m.compressed()));
      } catch (TracingInflater.DataError e) {
        problem = "expected the server's compressed message to inflate, observed " + e.getMessage();
      }
      if (problem != null)
        inbox.violation(
            new Violation(
                Violation.Kind.BAD_COMPRESSED_DATA,
                CloseCode.PROTOCOL_ERROR,
                problem,
                a.serverNoContextTakeover() && !problem.contains("window")
                    ? "RFC 7692 §7.1.1.1"
                    : "RFC 7692 §7.1.2.1"));
    };
  }

  PeerAdaptation report() {
    String how;
    if (withoutProbe == null) how = "ran as is (the case expects no echo)";
    else if (!probeNeeded)
      how = "echoes before the expected failure not checked; the failure is judged as in echo mode";
    else if (probeSent) how = "echo replaced by " + probeWords() + " after the case's last message";
    else how = "echo expected; the connection closed before " + probeWords() + " could follow";
    return new PeerAdaptation(
        peer.model().word(), need, how, withoutProbe, probeSent, dataSent, unmatched);
  }
}
