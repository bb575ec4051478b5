package org.wsconform.serve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.wsconform.cases.Requirement;
import org.wsconform.deflate.Agreement;
import org.wsconform.deflate.DeflateAccept;
import org.wsconform.deflate.TracingInflater;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.session.Session;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.SendOptions;

/**
 * The client's side of an open connection: CM.* masking (RFC 6455 §5.1, §5.3), CC.* the closing
 * handshake (§5.5.1, §7.1.1), CX.* permessage-deflate parameters the server asked of the client
 * (RFC 7692 §7.1.1.2, §7.1.2.2), each judged from the client's frames as they were on the wire.
 */
final class ClientSessionCases {
  private static final String MESSAGE = "wsconform";

  /** How many messages CM.2 has echoed: enough frames to see a repeated or patterned key. */
  static final int KEY_RUN = 1000;

  /** How long the harness holds TCP after the closing handshake in CC.1. */
  static final double HOLD_TCP = 2;

  private ClientSessionCases() {}

  static List<ClientCase> cases() {
    List<ClientCase> l = new ArrayList<>();
    l.add(
        ClientCases.of(
            "CM.1",
            "CM",
            "Client: masking (RFC 6455 §5.1, §5.3)",
            "every client frame masked",
            "The harness sends a ping, a text message and a binary message, then closes after"
                + " the pong and the echoes (the ping first: a library answers pings itself, often"
                + " before the application has echoed what came earlier).",
            "Every frame of the client (the echoes, the pong, its Close) has the MASK bit set; an"
                + " unmasked one FAILED (the harness fails the connection with 1002).",
            Requirement.MUST,
            "RFC 6455 §5.1, §5.3",
            f -> {
              byte[] bin = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
              f.expect(
                  Expectation.ok(
                      List.of(Event.pong("wsconform-ping"), Event.text(MESSAGE), Event.binary(bin)),
                      CloseExpectation.byMe(CloseCode.NORMAL)));
              f.sendFrame(
                  org.wsconform.wire.Frame.ping("wsconform-ping".getBytes(StandardCharsets.UTF_8)));
              f.sendMessage(MESSAGE);
              f.sendMessage(bin, true, 0, SendOptions.DEFAULT);
              f.killAfter(5);
            },
            ServerSide.CANONICAL));
    l.add(
        ClientCases.of(
            "CM.2",
            "CM",
            "Client: masking (RFC 6455 §5.1, §5.3)",
            "mask keys fresh and unpredictable over " + KEY_RUN + " frames",
            "The harness sends "
                + KEY_RUN
                + " small text messages and records the masking key of every frame the client"
                + " sends back.",
            "No key is all zero, no key repeats (one repeat among "
                + KEY_RUN
                + " random 32-bit keys happens by chance, p≈1e-4, and is tolerated; two are not),"
                + " consecutive keys are no counter (one difference for over 10% of the pairs),"
                + " and every key bit is set in 30–70% of the keys (a random key sets each in"
                + " about half). Only these patterns can be seen on the wire.",
            Requirement.MUST,
            "RFC 6455 §5.3; §10.3",
            ClientSessionCases::keyRun,
            ServerSide.CANONICAL));
    l.add(
        ClientCases.of(
            "CM.3",
            "CM",
            "Client: masking (RFC 6455 §5.1, §5.3)",
            "a masked server frame fails the connection",
            "The harness sends the text message '" + MESSAGE + "' masked.",
            "The client does not echo it and fails the connection: a Close with 1002 (OK); TCP"
                + " closed without a Close, or another code: NON-STRICT; the echo, or nothing within"
                + " 3 s: FAILED.",
            Requirement.MUST,
            "RFC 6455 §5.1; §7.1.7",
            ClientSessionCases::maskedServerFrame,
            ServerSide.CANONICAL));
    l.add(
        ClientCases.of(
            "CC.1",
            "CC",
            "Client: closing handshake (RFC 6455 §5.5.1, §7.1.1)",
            "the client waits for the server to close TCP",
            "One echo; the harness sends Close 1000, and once the client's Close arrived holds"
                + " TCP open for "
                + (int) HOLD_TCP
                + " s before closing it.",
            "The client answers the Close and then waits for the server to close TCP: TCP closed"
                + " by the client within the "
                + (int) HOLD_TCP
                + " s is NON-STRICT (RFC 6455 §7.1.1: the server closes TCP first; the client"
                + " SHOULD wait).",
            Requirement.SHOULD,
            "RFC 6455 §7.1.1",
            ClientSessionCases::waitsForServerTcpClose,
            ServerSide.CANONICAL));
    l.add(
        ClientCases.of(
            "CC.2",
            "CC",
            "Client: closing handshake (RFC 6455 §5.5.1, §7.1.1)",
            "the server's Close answered with the same code",
            "One echo; the harness sends Close 1001 'wsconform'.",
            "The client answers with a Close (MUST: none is FAILED) whose code is 1001, the code"
                + " it received (RFC 6455 §5.5.1: 'typically echos the status code'; another code"
                + " or none: NON-STRICT).",
            Requirement.MUST,
            "RFC 6455 §5.5.1",
            ClientSessionCases::closeEchoesCode,
            ServerSide.CANONICAL));
    byte[] repeats = repeated(letters(2048, 9), 4);
    l.add(
        ClientCases.of(
            "CX.1",
            "CX",
            "Client: permessage-deflate parameters (RFC 7692 §7)",
            "client_max_window_bits=9 honoured",
            "The harness accepts the client's permessage-deflate offer with"
                + " 'client_max_window_bits=9' (only an offer with client_max_window_bits can be"
                + " answered so; none: UNIMPLEMENTED), then sends three times 2048 random letters"
                + " repeated 4 times, each after the echo of the one before, and traces every"
                + " compressed echo's back-references.",
            "No back-reference of the client's compressed data reaches further than 2^9 = 512"
                + " octets; every echo comes back as sent.",
            Requirement.MUST,
            "RFC 7692 §7.1.2.2",
            traced(
                List.of(repeats, repeats, repeats),
                (a, t) ->
                    t.fitsWindow(a.serverMaxWindowBits())
                        ? null
                        : "expected no back-reference further than 2^"
                            + a.serverMaxWindowBits()
                            + " = "
                            + (1 << a.serverMaxWindowBits())
                            + " octets after client_max_window_bits="
                            + a.serverMaxWindowBits()
                            + " was agreed, observed a distance of "
                            + t.maxDistance()
                            + " (RFC 7692 §7.1.2.2)"),
            ServerSide.accepting(List.of(new DeflateAccept(false, 9)))));
    byte[] unrepeated = letters(400, 28);
    l.add(
        ClientCases.of(
            "CX.2",
            "CX",
            "Client: permessage-deflate parameters (RFC 7692 §7)",
            "client_no_context_takeover honoured",
            "The harness accepts the client's permessage-deflate offer with"
                + " 'client_no_context_takeover' (no offer: UNIMPLEMENTED), then sends the same 400"
                + " random letters 5 times, each after the echo of the one before, and traces"
                + " every compressed echo.",
            "No back-reference of a client message reaches before the message's start: the"
                + " client resets its compressor for every message; every echo comes back as"
                + " sent.",
            Requirement.MUST,
            "RFC 7692 §7.1.1.2",
            traced(
                List.of(unrepeated, unrepeated, unrepeated, unrepeated, unrepeated),
                (a, t) ->
                    t.reachBeforeStart() == 0
                        ? null
                        : "expected every client message to inflate alone after"
                            + " client_no_context_takeover was agreed, observed a back-reference"
                            + " reaching "
                            + t.reachBeforeStart()
                            + " octets before the message's start (RFC 7692 §7.1.1.2)"),
            ServerSide.accepting(List.of(new DeflateAccept(true, 0)))));
    return l;
  }

  private static void keyRun(Session f) {
    f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.NORMAL)));
    f.verdict(
        Behavior.FAILED,
        "expected " + KEY_RUN + " echoes within 20 s, observed fewer (RFC 6455 §5.3)");
    int[] echoes = {0};
    f.onEvent(
        e -> {
          f.record(e);
          if (e.type() == Event.Type.MESSAGE && ++echoes[0] == KEY_RUN) {
            f.verdict(keyVerdict(f.maskKeys()), keyResult(f.maskKeys()));
            f.sendClose(CloseCode.NORMAL, null);
          }
        });
    for (int i = 0; i < KEY_RUN; i++) f.sendMessage("k" + i);
    f.closeAfter(20);
  }

  private static Behavior keyVerdict(List<Integer> keys) {
    return keyProblem(keys) == null ? Behavior.OK : Behavior.FAILED;
  }

  private static String keyResult(List<Integer> keys) {
    String p = keyProblem(keys);
    return p == null
        ? keys.size() + " masking keys: none zero, none repeated twice, no counter, bits balanced"
        : p;
  }

  /** Why the keys are not fresh and unpredictable (expected/observed), or null. */
  static String keyProblem(List<Integer> keys) {
    String rfc = " (RFC 6455 §5.3)";
    long zeros = keys.stream().filter(k -> k == 0).count();
    if (zeros > 1) {
      return "expected random masking keys, observed " + zeros + " all-zero keys" + rfc;
    }
    Map<Integer, Integer> seen = new HashMap<>();
    int repeats = 0;
    int example = 0;
    for (int k : keys) {
      if (seen.merge(k, 1, Integer::sum) > 1) {
        repeats++;
        example = k;
      }
    }
    if (repeats > 1) {
      return "expected a fresh masking key for every frame, observed "
          + repeats
          + " repeats among "
          + keys.size()
          + " keys (e.g. "
          + String.format("%08x", example)
          + ")"
          + rfc;
    }
    Map<Integer, Integer> steps = new HashMap<>();
    for (int i = 1; i < keys.size(); i++)
      steps.merge(keys.get(i) - keys.get(i - 1), 1, Integer::sum);
    for (Map.Entry<Integer, Integer> e : steps.entrySet()) {
      if (keys.size() > 10 && e.getValue() > (keys.size() - 1) / 10) {
        return "expected unpredictable masking keys, observed "
            + e.getValue()
            + " of "
            + (keys.size() - 1)
            + " consecutive keys differing by "
            + e.getKey()
            + " (a counter)"
            + rfc;
      }
    }
    if (keys.size() >= 100) {
      for (int bit = 0; bit < 32; bit++) {
        int ones = 0;
        for (int k : keys) if ((k >>> bit & 1) != 0) ones++;
        if (ones * 10 < keys.size() * 3 || ones * 10 > keys.size() * 7) {
          return "expected unpredictable masking keys, observed key bit "
              + bit
              + " set in "
              + ones
              + " of "
              + keys.size()
              + " keys (random keys set it in about half)"
              + rfc;
        }
      }
    }
    return null;
  }

  private static void maskedServerFrame(Session f) {
    f.expect(Expectation.selfJudged(CloseExpectation.byPeer(CloseCode.PROTOCOL_ERROR)));
    boolean[] echoed = {false};
    f.onEvent(
        e -> {
          f.record(e);
          if (e.type() == Event.Type.MESSAGE && !echoed[0]) {
            echoed[0] = true;
            f.sendClose(CloseCode.NORMAL, null);
          }
        });
    f.atEnd(
        s -> {
          CloseState cs = s.closeState();
          if (echoed[0]) {
            s.verdict(
                Behavior.FAILED,
                "expected the client to fail the connection on a masked server frame, observed"
                    + " the echo of its message (RFC 6455 §5.1)");
          } else if (cs.closedByMe()) {
            s.verdict(
                Behavior.FAILED,
                "expected the client to fail the connection on a masked server frame, observed"
                    + " nothing within 3 s (RFC 6455 §5.1)");
          } else if (cs.remoteCloseCode() == null) {
            s.verdict(
                Behavior.NON_STRICT,
                "expected a Close with 1002 on a masked server frame, observed TCP closed"
                    + " without a Close code (RFC 6455 §5.1, §7.1.7)");
          } else if (cs.remoteCloseCode() != CloseCode.PROTOCOL_ERROR) {
            s.verdict(
                Behavior.NON_STRICT,
                "expected a Close with 1002 on a masked server frame, observed code "
                    + cs.remoteCloseCode()
                    + " (RFC 6455 §5.1, §7.4.1)");
          } else {
            s.verdict(Behavior.OK, "the client failed the connection with 1002");
          }
        });
    f.sendMessage(
        MESSAGE.getBytes(StandardCharsets.UTF_8),
        false,
        0,
        SendOptions.DEFAULT.withMask(0x37fa213d));
    f.killAfter(3);
  }

  private static void waitsForServerTcpClose(Session f) {
    f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.NORMAL)));
    f.holdTcpAfterClose(HOLD_TCP);
    f.onEvent(
        e -> {
          f.record(e);
          if (e.type() == Event.Type.MESSAGE) f.sendClose(CloseCode.NORMAL, null);
        });
    f.atEnd(
        s -> {
          CloseState cs = s.closeState();
          if (!s.received().equals(List.of(Event.text(MESSAGE)))) {
            s.verdict(
                Behavior.FAILED,
                "expected the echo of '" + MESSAGE + "', observed " + s.received());
          } else if (!cs.wasClean() || cs.remoteCloseCode() == null && !cs.closedByMe()) {
            s.verdict(
                Behavior.FAILED,
                "expected the client to answer the harness's Close, observed none ("
                    + cs.wasNotCleanReason()
                    + ") (RFC 6455 §5.5.1)");
          } else if (!cs.droppedByMe()) {
            s.verdict(
                Behavior.NON_STRICT,
                "expected the client to wait for the server to close TCP after the closing"
                    + " handshake, observed the client closing TCP first (the harness held it "
                    + (int) HOLD_TCP
                    + " s) (RFC 6455 §7.1.1)");
          } else {
            s.verdict(
                Behavior.OK, "the client answered the Close and left TCP for the server to close");
          }
        });
    f.sendMessage(MESSAGE);
    f.killAfter(5);
  }

  private static void closeEchoesCode(Session f) {
    f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.GOING_AWAY)));
    f.onEvent(
        e -> {
          f.record(e);
          if (e.type() == Event.Type.MESSAGE) f.sendClose(CloseCode.GOING_AWAY, MESSAGE);
        });
    f.atEnd(
        s -> {
          CloseState cs = s.closeState();
          if (!s.received().equals(List.of(Event.text(MESSAGE)))) {
            s.verdict(
                Behavior.FAILED,
                "expected the echo of '" + MESSAGE + "', observed " + s.received());
          } else if (!cs.wasClean()) {
            s.verdict(
                Behavior.FAILED,
                "expected a Close in answer to the harness's Close 1001, observed none ("
                    + cs.wasNotCleanReason()
                    + ") (RFC 6455 §5.5.1)");
          } else if (cs.remoteCloseCode() == null || cs.remoteCloseCode() != CloseCode.GOING_AWAY) {
            s.verdict(
                Behavior.NON_STRICT,
                "expected the answering Close to echo the code 1001, observed "
                    + (cs.remoteCloseCode() == null ? "no code" : "code " + cs.remoteCloseCode())
                    + " (RFC 6455 §5.5.1)");
          } else {
            s.verdict(Behavior.OK, "the client answered the Close with the code 1001");
          }
        });
    f.sendMessage(MESSAGE);
    f.killAfter(5);
  }

  /** What one compressed client message says about the agreement: null when fine. */
  private interface TraceCheck {
    String problem(Agreement peerSide, TracingInflater.Trace trace);
  }

  /**
   * As 13.*'s server-side counterparts: the messages one at a time, each compressed echo traced
   * with a {@link TracingInflater} that keeps its history across messages. The session's agreement
   * is mirrored in the server role, so its server_* fields are the client's parameters.
   */
  private static Consumer<Session> traced(List<byte[]> messages, TraceCheck check) {
    return f -> {
      if (f.agreement().isEmpty()) {
        f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.NORMAL)));
        f.verdict(
            Behavior.UNIMPLEMENTED,
            "no permessage-deflate offer of the client could be accepted with the parameter the"
                + " case asks for");
        f.sendClose(CloseCode.NORMAL, null);
        return;
      }
      Agreement a = f.agreement().orElseThrow();
      TracingInflater tracer = new TracingInflater(f.settings().maxMessage());
      f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.NORMAL)));
      f.verdict(
          Behavior.FAILED,
          "expected " + messages.size() + " echoes within 10 s, observed fewer (RFC 7692 §6)");
      f.closeAfter(10);
      int[] next = {0};
      boolean[] over = {false};
      String[] problem = {null};
      int[] compressed = {0};
      f.onCompressedMessage(
          m -> {
            compressed[0]++;
            if (problem[0] != null) return;
            try {
              problem[0] = check.problem(a, tracer.inflateMessage(m.compressed()));
            } catch (TracingInflater.DataError e) {
              problem[0] =
                  "expected the client's compressed message to inflate, observed " + e.getMessage();
            }
          });
      f.onEvent(
          e -> {
            f.record(e);
            if (e.type() != Event.Type.MESSAGE || over[0]) return;
            byte[] sent = messages.get(next[0] - 1);
            String p = problem[0];
            if (p == null && !Arrays.equals(e.payload(), sent)) {
              p = "expected the echo of message " + next[0] + " as sent, observed " + e;
            }
            if (p != null) {
              over[0] = true;
              f.verdict(Behavior.FAILED, "message " + next[0] + ": " + p);
              f.sendClose(CloseCode.NORMAL, null);
            } else if (next[0] < messages.size()) {
              f.sendMessage(messages.get(next[0]++), false, 0, SendOptions.DEFAULT);
            } else {
              over[0] = true;
              f.verdict(
                  compressed[0] == 0 ? Behavior.INFORMATIONAL : Behavior.OK,
                  compressed[0] == 0
                      ? "every echo came back uncompressed: nothing to trace"
                      : "every echo came back as sent, and every compressed one kept to the"
                          + " parameters agreed");
              f.sendClose(CloseCode.NORMAL, null);
            }
          });
      f.sendMessage(messages.get(next[0]++), false, 0, SendOptions.DEFAULT);
    };
  }

  static byte[] letters(int length, long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) b[i] = (byte) ('a' + r.nextInt(26));
    return b;
  }

  private static byte[] repeated(byte[] block, int times) {
    byte[] b = new byte[block.length * times];
    for (int i = 0; i < times; i++) System.arraycopy(block, 0, b, i * block.length, block.length);
    return b;
  }
}
