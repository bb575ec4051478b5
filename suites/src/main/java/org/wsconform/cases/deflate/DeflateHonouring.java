package org.wsconform.cases.deflate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.wsconform.cases.deflate.DeflateOffers.ECHO_WAIT;
import static org.wsconform.cases.deflate.DeflateOffers.HELLO;
import static org.wsconform.cases.deflate.DeflateOffers.c;
import static org.wsconform.cases.deflate.DeflateOffers.compressedEcho;
import static org.wsconform.cases.deflate.DeflateOffers.letters;
import static org.wsconform.cases.deflate.DeflateOffers.onceAgreed;
import static org.wsconform.cases.deflate.DeflateResponses.grants;
import static org.wsconform.cases.deflate.DeflateResponses.mayAccept;
import static org.wsconform.cases.deflate.DeflateResponses.noExtensionExpected;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.deflate.Agreement;
import org.wsconform.deflate.CompressedMessage;
import org.wsconform.deflate.ExtensionElement;
import org.wsconform.deflate.MessageDeflater;
import org.wsconform.deflate.PermessageDeflate;
import org.wsconform.deflate.TracingInflater;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.session.Session;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Hex;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;

/**
 * X.21-X.35: whether the server honours the permessage-deflate it agreed (RFC 7692): the frames
 * once agreed (RSV1 on control and continuation frames, RSV2, data that is not deflate, RSV1 when
 * nothing was agreed, an uncompressed message), then the agreed parameters and deflate forms
 * (context takeover, window bits traced on the server's raw data with {@link TracingInflater},
 * empty and one-octet messages, several blocks, stored and final blocks). The cases are built as
 * the offers are, by {@link DeflateOffers}.
 */
public final class DeflateHonouring {
  /** RFC 7692 §7.2.3.1: "Hello" compressed on its own. */
  private static final byte[] HELLO_COMPRESSED = Hex.parse("f248cdc9c90700");

  private DeflateHonouring() {}

  /** X.21-X.35, after the offers of {@link DeflateOffers#cases()} (X.1-X.20). */
  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();
    ExtensionElement deflate = PermessageDeflate.offer();
    int n = 21;

    // ---------------------------------------------------------------- frames once agreed
    byte[] helloWorld = "Hello, world".getBytes(UTF_8);
    l.add(
        c(
            "X." + n++,
            "RSV1 on a ping after permessage-deflate was agreed",
            Requirement.MUST,
            "RFC 7692 §6.1",
            deflate.toString(),
            "Agree permessage-deflate, then send a ping with payload \"ping\" and RSV1 set.",
            "\"An endpoint MUST NOT set the RSV1 bit on control frames\" (RFC 7692 §6.1): the extension does not apply to "
                + "them, so RSV1 is undefined and the server fails the connection with 1002 (or drops TCP). No pong. Not "
                + "agreed: UNIMPLEMENTED.",
            mayAccept(),
            mustFailOnceAgreed(
                f -> f.sendFrame(new Frame(true, 4, Opcode.PING, "ping".getBytes(UTF_8))),
                CloseCode.PROTOCOL_ERROR)));
    l.add(
        c(
            "X." + n++,
            "RSV1 on a continuation frame",
            Requirement.MUST,
            "RFC 7692 §6.1",
            deflate.toString(),
            "Agree permessage-deflate, then send \"Hello, world\" compressed in two frames: a text frame with RSV1 and the "
                + "first 4 octets, then a continuation frame (FIN) with the rest and RSV1 set as well.",
            "RSV1 belongs on the first frame of a compressed message only (RFC 7692 §6.1: \"an endpoint MUST NOT set the "
                + "RSV1 bit on continuation frames\"): the server fails the connection with 1002 (or drops TCP) and "
                + "echoes nothing. Not agreed: UNIMPLEMENTED.",
            mayAccept(),
            mustFailOnceAgreed(
                f -> {
                  byte[] c = f.deflater().orElseThrow().compress(helloWorld);
                  f.sendFrame(new Frame(false, 4, Opcode.TEXT, Arrays.copyOfRange(c, 0, 4)));
                  f.sendFrame(
                      new Frame(true, 4, Opcode.CONTINUATION, Arrays.copyOfRange(c, 4, c.length)));
                },
                CloseCode.PROTOCOL_ERROR)));
    l.add(
        c(
            "X." + n++,
            "RSV2 on a compressed message",
            Requirement.MUST,
            "RFC 6455 §5.2, RFC 7692 §6",
            deflate.toString(),
            "Agree permessage-deflate, then send \"Hello, world\" compressed in one text frame with RSV1 and RSV2 set.",
            "permessage-deflate defines RSV1 only; RSV2 has no meaning here (RFC 6455 §5.2: a non-zero reserved bit with no "
                + "extension defining it fails the connection): 1002 (or a TCP drop), no echo. Not agreed: UNIMPLEMENTED.",
            mayAccept(),
            mustFailOnceAgreed(
                f ->
                    f.sendFrame(
                        new Frame(
                            true,
                            4 | 2,
                            Opcode.TEXT,
                            f.deflater().orElseThrow().compress(helloWorld))),
                CloseCode.PROTOCOL_ERROR)));
    l.add(
        c(
            "X." + n++,
            "data that is not deflate",
            Requirement.MUST,
            "RFC 7692 §7.2.2, RFC 6455 §7.4.1",
            deflate.toString(),
            "Agree permessage-deflate, then send a binary frame with RSV1 whose payload ff ff ff ff is no deflate data "
                + "(its first block header names the reserved block type 3).",
            "The server cannot inflate the message and fails the connection, with 1007 (data not consistent with the "
                + "message; another code is a WRONG CODE), or drops TCP. Nothing is echoed. Not agreed: UNIMPLEMENTED.",
            mayAccept(),
            mustFailOnceAgreed(
                f -> f.sendCompressed(Hex.parse("ffffffff"), true, 0, SendOptions.DEFAULT),
                CloseCode.INVALID_PAYLOAD)));
    l.add(
        c(
            "X." + n++,
            "RSV1 when nothing was agreed",
            Requirement.MUST,
            "RFC 6455 §5.2, RFC 7692 §6",
            null,
            "Offer no extension, then send \"Hello\" compressed (f2 48 cd c9 c9 07 00) in a text frame with RSV1 set.",
            "Without an agreed extension RSV1 has no meaning: the server fails the connection with 1002 (or drops TCP) "
                + "even if it could inflate the data. Nothing is echoed.",
            x -> noExtensionExpected(x),
            f -> {
              f.expect(
                  Expectation.ok(List.of(), CloseExpectation.byPeer(CloseCode.PROTOCOL_ERROR)));
              f.sendFrame(new Frame(true, 4, Opcode.TEXT, HELLO_COMPRESSED));
              f.killAfter(1);
            }));
    l.add(
        c(
            "X." + n++,
            "an uncompressed message after the agreement",
            Requirement.MUST,
            "RFC 7692 §6",
            deflate.toString(),
            "Agree permessage-deflate, then send \"" + HELLO + "\" uncompressed (RSV1 clear).",
            "permessage-deflate compresses a message only when its first frame has RSV1 (RFC 7692 §6): this one is "
                + "taken as it is and echoed. Not agreed: UNIMPLEMENTED.",
            mayAccept(),
            onceAgreed(
                f -> {
                  f.expect(
                      Expectation.ok(
                          List.of(Event.text(HELLO)), CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.sendMessageUncompressed(HELLO.getBytes(UTF_8), false, 0, SendOptions.DEFAULT);
                  f.closeAfter(ECHO_WAIT);
                })));

    // ---------------------------------------------------------------- honouring what was agreed
    byte[] unrepeated = letters(400, 28);
    l.add(
        c(
            "X." + n++,
            "server_no_context_takeover: every message inflates alone",
            Requirement.MUST,
            "RFC 7692 §7.1.1.1",
            deflate.with(PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER).toString(),
            "Offer 'permessage-deflate; server_no_context_takeover', then send the same 400 random letters 5 times, each "
                + "after the echo of the one before. Inflate every compressed echo, noting how far back each "
                + "back-reference reaches.",
            "The response names server_no_context_takeover (a server that cannot honour it declines the offer: "
                + "UNIMPLEMENTED). Then no back-reference of a server message reaches before the message's start: the "
                + "server resets its window for every message, so each inflates with a fresh inflater. Every echo comes "
                + "back as sent.",
            grants(PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER),
            traced(
                List.of(unrepeated, unrepeated, unrepeated, unrepeated, unrepeated),
                (a, t) ->
                    t.reachBeforeStart() == 0
                        ? null
                        : "expected every server message to inflate alone after server_no_context_takeover was agreed, observed a "
                            + "back-reference reaching "
                            + t.reachBeforeStart()
                            + " octets before the message's start (RFC 7692 "
                            + "§7.1.1.1)")));
    for (int bits : new int[] {10, 8}) {
      byte[] repeats = repeated(letters(2048, bits), 4);
      l.add(
          c(
              "X." + n++,
              "server_max_window_bits=" + bits + ": no back-reference beyond 2^" + bits,
              Requirement.MUST,
              "RFC 7692 §7.1.2.1",
              deflate.with(PermessageDeflate.SERVER_MAX_WINDOW_BITS, bits).toString(),
              "Offer 'permessage-deflate; server_max_window_bits="
                  + bits
                  + "', then send three times a text of 2048 "
                  + "random letters repeated 4 times (8 KiB whose repeats are 2048 octets apart), each after the echo of "
                  + "the one before. Inflate every compressed echo, noting the largest back-reference distance.",
              "A server that cannot limit its window declines the offer (UNIMPLEMENTED). If accepted, the response names "
                  + "server_max_window_bits=M with M <= "
                  + bits
                  + ", and no back-reference in the server's data, within "
                  + "a message or into an earlier one, reaches further than 2^M octets. Every echo comes back as sent.",
              grants(PermessageDeflate.SERVER_MAX_WINDOW_BITS),
              traced(
                  List.of(repeats, repeats, repeats),
                  (a, t) ->
                      t.fitsWindow(a.serverMaxWindowBits())
                          ? null
                          : "expected no back-reference further than 2^"
                              + a.serverMaxWindowBits()
                              + " = "
                              + (1 << a.serverMaxWindowBits())
                              + " octets after server_max_window_bits="
                              + a.serverMaxWindowBits()
                              + " was agreed, observed a distance of "
                              + t.maxDistance()
                              + " (RFC 7692 §7.1.2.1)")));
    }
    byte[] twice = repeated(letters(300, 31), 2);
    l.add(
        c(
            "X." + n++,
            "client_no_context_takeover: messages compressed from an empty window",
            Requirement.MUST,
            "RFC 7692 §7.1.1.2",
            deflate.with(PermessageDeflate.CLIENT_NO_CONTEXT_TAKEOVER).toString(),
            "Offer 'permessage-deflate; client_no_context_takeover', then send the same 600-octet text 4 times, each "
                + "compressed on its own (the compressor reset before every message, whatever the response says), in one "
                + "write.",
            "Not agreed: UNIMPLEMENTED. Agreed: each message inflates alone, and the server takes them whether or not it "
                + "answered client_no_context_takeover: the four echoes come back in order, as sent.",
            mayAccept(),
            onceAgreed(
                f -> {
                  Agreement a = f.agreement().orElseThrow();
                  MessageDeflater fresh =
                      new MessageDeflater(new Agreement(false, true, 15, a.clientMaxWindowBits()));
                  List<Event> echoes = new ArrayList<>();
                  for (int i = 0; i < 4; i++) {
                    echoes.add(Event.message(twice, false));
                    f.sendCompressed(fresh.compress(twice), false, 0, SendOptions.DEFAULT);
                  }
                  fresh.close();
                  f.expect(Expectation.ok(echoes, CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.closeAfter(ECHO_WAIT);
                })));
    l.add(
        c(
            "X." + n++,
            "an empty message compressed",
            Requirement.MUST,
            "RFC 7692 §7.2.3.6",
            deflate.toString(),
            "Agree permessage-deflate, then send an empty text message compressed: the single octet 00 with RSV1 (an "
                + "empty stored block whose 00 00 ff ff is removed, RFC 7692 §7.2.3.6).",
            "An empty text message is echoed. Not agreed: UNIMPLEMENTED.",
            mayAccept(),
            compressedEcho(new byte[0], false)));
    l.add(
        c(
            "X." + n++,
            "a one-octet message compressed",
            Requirement.MUST,
            "RFC 7692 §7.2.1",
            deflate.toString(),
            "Agree permessage-deflate, then send the binary message 0x2A compressed.",
            "The one-octet binary message is echoed. Not agreed: UNIMPLEMENTED.",
            mayAccept(),
            compressedEcho(new byte[] {0x2A}, true)));
    byte[] blocks = letters(12_000, 34);
    l.add(
        c(
            "X." + n++,
            "several deflate blocks across fragments",
            Requirement.MUST,
            "RFC 7692 §6, §7.2.1",
            deflate.toString(),
            "Agree permessage-deflate, then send 12000 letters compressed as 12 deflate blocks (a sync flush every 1000 "
                + "octets of input) and the compressed data cut into 333-octet frames, so frame and block boundaries "
                + "never meet; RSV1 on the first frame only.",
            "The server joins the frames, inflates the blocks in order and echoes the 12000 letters. Not agreed: "
                + "UNIMPLEMENTED.",
            mayAccept(),
            onceAgreed(
                f -> {
                  f.expect(
                      Expectation.ok(
                          List.of(Event.message(blocks, false)),
                          CloseExpectation.byMe(CloseCode.NORMAL)));
                  byte[] data = f.deflater().orElseThrow().compress(blocks, 0, blocks.length, 1000);
                  f.sendCompressed(data, false, 333, SendOptions.DEFAULT);
                  f.closeAfter(ECHO_WAIT);
                })));
    l.add(
        c(
            "X." + n++,
            "a message in a stored block",
            Requirement.MUST,
            "RFC 7692 §7.2.3.3",
            deflate.toString(),
            "Agree permessage-deflate, then send \"Hello\" as RFC 7692 §7.2.3.3 writes it uncompressed in a stored "
                + "deflate block: 00 05 00 fa ff 48 65 6c 6c 6f 00, RSV1 set.",
            "A stored block is valid deflate: the text \"Hello\" is echoed. Not agreed: UNIMPLEMENTED.",
            mayAccept(),
            onceAgreed(
                f -> {
                  f.expect(
                      Expectation.ok(
                          List.of(Event.text("Hello")), CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.sendCompressed(
                      Hex.parse("000500faff48656c6c6f00"), false, 0, SendOptions.DEFAULT);
                  f.closeAfter(ECHO_WAIT);
                })));
    l.add(
        c(
            "X." + n++,
            "a message ending with a final block (BFINAL)",
            Requirement.MUST,
            "RFC 7692 §7.2.3.4",
            deflate.toString(),
            "Agree permessage-deflate, then send \"Hello\" compressed in a block with BFINAL set, followed by the 00 left "
                + "of the empty stored block RFC 7692 §7.2.1 appends: f3 48 cd c9 c9 07 00 00, RSV1 set.",
            "A message may end the deflate stream (RFC 7692 §7.2.3.4): the text \"Hello\" is echoed. Not agreed: "
                + "UNIMPLEMENTED.",
            mayAccept(),
            onceAgreed(
                f -> {
                  f.expect(
                      Expectation.ok(
                          List.of(Event.text("Hello")), CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.sendCompressed(Hex.parse("f348cdc9c9070000"), false, 0, SendOptions.DEFAULT);
                  f.closeAfter(ECHO_WAIT);
                })));
    return l;
  }

  /** The server must fail the connection with {@code code} (or drop TCP) and echo nothing. */
  private static Consumer<Session> mustFailOnceAgreed(Consumer<Session> send, int code) {
    return onceAgreed(
        f -> {
          f.expect(Expectation.ok(List.of(), CloseExpectation.byPeer(code)));
          send.accept(f);
          f.killAfter(1);
        });
  }

  /**
   * What one compressed server message says about the agreement: null when fine, else
   * expected/observed.
   */
  private interface TraceCheck {
    String problem(Agreement agreement, TracingInflater.Trace trace);
  }

  /**
   * Sends the messages one at a time (the next after the echo of the one before), traces the raw
   * data of every compressed echo with a {@link TracingInflater} that keeps its history across
   * messages, as the server's peer does, and checks each trace. Every echo must also equal what was
   * sent.
   */
  private static Consumer<Session> traced(List<byte[]> messages, TraceCheck check) {
    return onceAgreed(
        f -> {
          Agreement agreement = f.agreement().orElseThrow();
          TracingInflater tracer = new TracingInflater(f.settings().maxMessage());
          f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.NORMAL)));
          f.verdict(
              Behavior.FAILED,
              "expected "
                  + messages.size()
                  + " echoes within "
                  + ECHO_WAIT * messages.size()
                  + " s, observed fewer (RFC 7692 §6)");
          f.closeAfter(ECHO_WAIT * messages.size());
          int[] next = {0};
          boolean[] over = {false};
          String[] traceProblem = {null};
          f.onCompressedMessage(
              m -> {
                if (traceProblem[0] != null) return;
                traceProblem[0] = trace(tracer, agreement, m, check);
              });
          f.onEvent(
              e -> {
                if (e.type() != Event.Type.MESSAGE) {
                  f.record(e);
                  return;
                }
                if (over[0]) return;
                f.record(e);
                byte[] sent = messages.get(next[0] - 1);
                String problem = traceProblem[0];
                if (problem == null && !Arrays.equals(e.payload(), sent)) {
                  problem =
                      "expected the echo of message "
                          + next[0]
                          + " ("
                          + sent.length
                          + " octets) as sent, observed "
                          + e
                          + " (RFC 7692 §7.2.2)";
                }
                if (problem != null) {
                  over[0] = true;
                  f.verdict(Behavior.FAILED, "message " + next[0] + ": " + problem);
                  f.sendClose(CloseCode.NORMAL, null);
                } else if (next[0] < messages.size()) {
                  f.sendMessage(messages.get(next[0]++), false, 0, SendOptions.DEFAULT);
                } else {
                  over[0] = true;
                  f.verdict(
                      Behavior.OK,
                      "every echo came back as sent, and every compressed one kept to "
                          + agreement);
                  f.sendClose(CloseCode.NORMAL, null);
                }
              });
          f.sendMessage(messages.get(next[0]++), false, 0, SendOptions.DEFAULT);
        });
  }

  private static String trace(
      TracingInflater tracer, Agreement agreement, CompressedMessage m, TraceCheck check) {
    try {
      return check.problem(agreement, tracer.inflateMessage(m.compressed()));
    } catch (TracingInflater.DataError e) {
      return "expected the server's compressed message to inflate, observed " + e.getMessage();
    }
  }

  private static byte[] repeated(byte[] block, int times) {
    byte[] b = new byte[block.length * times];
    for (int i = 0; i < times; i++) System.arraycopy(block, 0, b, i * block.length, block.length);
    return b;
  }
}
