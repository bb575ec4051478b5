package org.wsconform.cases.deflate;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.wsconform.cases.ClientHandshakeRules;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.HandshakeCheck;
import org.wsconform.cases.HandshakeExchange;
import org.wsconform.cases.HandshakeVerdict;
import org.wsconform.cases.Origin;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.deflate.Agreement;
import org.wsconform.deflate.CompressedMessage;
import org.wsconform.deflate.ExtensionElement;
import org.wsconform.deflate.MessageDeflater;
import org.wsconform.deflate.Negotiation;
import org.wsconform.deflate.PermessageDeflate;
import org.wsconform.deflate.TracingInflater;
import org.wsconform.judge.Behavior;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.Judge;
import org.wsconform.run.Fuzzer;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Hex;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.UpgradeRequest;

/**
 * X.*: permessage-deflate (RFC 7692) beyond Autobahn, which offers only well-formed parameters,
 * accepts any well-formed answer and never checks that a server honours what it agreed
 * (autobahn-cases.md §3.11, §7).
 *
 * <ul>
 *   <li>X.1-X.20 negotiation: offers a server MUST decline (unknown or repeated parameters,
 *       window values 7, 16, "abc", "09", a window without its value) — declined means a 101
 *       without the extension, refusing the whole connection with 400 is NON-STRICT; offers a
 *       server may accept, whose response must then be valid (never a {@code client_max_window_bits}
 *       that was not offered); several offers; unknown extension names.</li>
 *   <li>X.21-X.26 frames once permessage-deflate is agreed: RSV1 on a control frame or a
 *       continuation frame, RSV2 on a compressed message, data that is not deflate, RSV1 when
 *       nothing was agreed, and an uncompressed message.</li>
 *   <li>X.27-X.35 honouring: after {@code server_no_context_takeover} every server message
 *       inflates alone; after {@code server_max_window_bits=N} no back-reference reaches further
 *       than 2^N (checked on the server's raw data with {@link TracingInflater}); after
 *       {@code client_no_context_takeover} the server takes messages compressed from an empty
 *       window; empty and one-octet messages; several deflate blocks across fragments; the
 *       stored-block and final-block forms of RFC 7692 §7.2.3.</li>
 * </ul>
 *
 * <p>A case that needs the extension and does not get it is UNIMPLEMENTED: accepting
 * permessage-deflate is the server's choice (RFC 7692 §5).
 */
public final class DeflateOffers {
  private static final String GROUP = "X";
  private static final String GROUP_TITLE = "permessage-deflate negotiation and honouring (RFC 7692)";
  private static final String EXTENSIONS = "Sec-WebSocket-Extensions";
  private static final String HELLO = "Hello, permessage-deflate!";
  /** RFC 7692 §7.2.3.1: "Hello" compressed on its own. */
  private static final byte[] HELLO_COMPRESSED = Hex.parse("f248cdc9c90700");
  /** How long an echo may take before the harness closes (closeAfter) in the small cases. */
  private static final double ECHO_WAIT = 2;

  private DeflateOffers() {}

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();
    ExtensionElement deflate = PermessageDeflate.offer();

    // ---------------------------------------------------------------- what may be accepted
    l.add(c("X.1", "no offer: no extension in the response", Requirement.MUST, "RFC 6455 §9.1, RFC 7692 §5", null,
        "Send the canonical opening handshake without Sec-WebSocket-Extensions, then a text message \"" + HELLO + "\".",
        "The 101 names no extension: a server may only accept what the client offered (RFC 6455 §9.1). The message "
            + "is echoed uncompressed; then the harness closes with 1000.",
        x -> noExtensionExpected(x), echo(HELLO)));
    l.add(c("X.2", "plain offer: a valid response without client_max_window_bits", Requirement.MUST,
        "RFC 7692 §7, §7.1.2.2", deflate.toString(),
        "Offer 'permessage-deflate' with no parameter, then send \"" + HELLO + "\" compressed.",
        "Accepting is optional (declining is UNIMPLEMENTED). If accepted, the response is valid: known parameters, each "
            + "once, windows 8-15, and no client_max_window_bits, which a server may only answer when the offer had "
            + "it (RFC 7692 §7.1.2.2). The message comes back as sent.",
        mayAccept(), compressedEcho(HELLO.getBytes(UTF_8), false)));
    l.add(c("X.3", "client_max_window_bits without a value is accepted", Requirement.MUST, "RFC 7692 §7.1.2.2",
        deflate.with(PermessageDeflate.CLIENT_MAX_WINDOW_BITS).toString(),
        "Offer 'permessage-deflate; client_max_window_bits' (no value: the client only says it can limit its window), "
            + "then send \"" + HELLO + "\" compressed within the window the response allows.",
        "The offer is valid. Accepting is optional (declining is UNIMPLEMENTED); if accepted, the response may name "
            + "client_max_window_bits with a value 8-15 or leave it out. The message comes back as sent.",
        mayAccept(), compressedEcho(HELLO.getBytes(UTF_8), false)));
    l.add(c("X.4", "client_max_window_bits=10 is accepted with at most 10", Requirement.MUST, "RFC 7692 §7.1.2.2",
        deflate.with(PermessageDeflate.CLIENT_MAX_WINDOW_BITS, 10).toString(),
        "Offer 'permessage-deflate; client_max_window_bits=10', then send a 4 KiB text compressed within the window "
            + "the response allows.",
        "The offer is valid. Accepting is optional (declining is UNIMPLEMENTED); if accepted, a client_max_window_bits "
            + "in the response is at most 10. The message comes back as sent.",
        mayAccept(), compressedEcho(letters(4096, 4), false)));

    // ---------------------------------------------------------------- what must be declined
    String[] bad = {"7", "16", "abc", "09"};
    String[] badWhy = {"below 8", "above 15", "not a number", "written with a leading zero"};
    int n = 5;
    for (String parameter : List.of(PermessageDeflate.SERVER_MAX_WINDOW_BITS, PermessageDeflate.CLIENT_MAX_WINDOW_BITS)) {
      String section = parameter.equals(PermessageDeflate.SERVER_MAX_WINDOW_BITS) ? "§7.1.2.1" : "§7.1.2.2";
      for (int i = 0; i < bad.length; i++) {
        ExtensionElement offer = deflate.with(parameter, bad[i]);
        l.add(declined("X." + n++, parameter + "=" + bad[i] + " is declined", offer,
            "the value of " + parameter + " is " + badWhy[i] + " (a decimal 8-15)", "RFC 7692 §7, " + section));
      }
    }
    l.add(declined("X." + n++, "server_max_window_bits without a value is declined",
        deflate.with(PermessageDeflate.SERVER_MAX_WINDOW_BITS),
        "server_max_window_bits has no value (unlike client_max_window_bits, it always has one)", "RFC 7692 §7, §7.1.2.1"));
    l.add(declined("X." + n++, "a repeated server_no_context_takeover is declined",
        deflate.with(PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER).with(PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER),
        "it has two parameters with the same name", "RFC 7692 §7"));
    l.add(declined("X." + n++, "a repeated client_max_window_bits is declined",
        deflate.with(PermessageDeflate.CLIENT_MAX_WINDOW_BITS, 10).with(PermessageDeflate.CLIENT_MAX_WINDOW_BITS, 10),
        "it has two parameters with the same name", "RFC 7692 §7"));
    l.add(declined("X." + n++, "an unknown parameter is declined", deflate.with("x_wsconform_unknown"),
        "it has a parameter not defined for use in an offer", "RFC 7692 §7"));
    l.add(declined("X." + n++, "server_no_context_takeover with a value is declined",
        deflate.with(PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER, "1"),
        "server_no_context_takeover has a value (it has none)", "RFC 7692 §7, §7.1.1.1"));

    // ---------------------------------------------------------------- several offers, unknown extensions
    List<ExtensionElement> three = List.of(deflate.with("x_wsconform_unknown"),
        deflate.with(PermessageDeflate.SERVER_MAX_WINDOW_BITS, 15), deflate);
    l.add(c("X." + n++, "several offers: the first acceptable one is chosen", Requirement.SHOULD,
        "RFC 6455 §9.1, RFC 7692 §5, §7", PermessageDeflate.offer(three),
        "Offer, in this order: 'permessage-deflate; x_wsconform_unknown' (which must be declined), "
            + "'permessage-deflate; server_max_window_bits=15' (which every implementation can honour: 15 is the "
            + "default window) and 'permessage-deflate'; then send \"" + HELLO + "\" compressed.",
        "The order of the offers is the client's preference (RFC 6455 §9.1). The server answers the second offer: "
            + "its response names server_max_window_bits (RFC 7692 §7.1.2.1 says an accepted server_max_window_bits is "
            + "answered). A response without it answers a later offer, and refusing the connection (400) over the "
            + "bad first offer declines the good ones too: both NON-STRICT. An invalid response fails; no "
            + "permessage-deflate at all is UNIMPLEMENTED. The message comes back as sent.",
        firstAcceptableChosen(), compressedEcho(HELLO.getBytes(UTF_8), false)));
    l.add(c("X." + n++, "an unknown extension is not accepted", Requirement.MUST, "RFC 6455 §9.1",
        "x-wsconform-unknown; level=1",
        "Offer only 'x-wsconform-unknown; level=1', an extension no server implements, then send \"" + HELLO + "\".",
        "The 101 names no extension (a server accepts only extensions it supports; it must not refuse the connection "
            + "for an extension it does not know: a 400 is NON-STRICT). The message is echoed.",
        unknownNotAccepted(), echo(HELLO)));
    l.add(c("X." + n++, "an unknown extension before permessage-deflate is skipped", Requirement.MUST,
        "RFC 6455 §9.1, RFC 7692 §5", "x-wsconform-unknown, permessage-deflate",
        "Offer 'x-wsconform-unknown, permessage-deflate', then send \"" + HELLO + "\" (compressed if agreed).",
        "The 101 names at most permessage-deflate, never x-wsconform-unknown; a 400 is NON-STRICT. The message comes "
            + "back as sent.",
        unknownNotAccepted(), compressedEchoIfAgreed(HELLO.getBytes(UTF_8))));

    // ---------------------------------------------------------------- frames once agreed
    byte[] helloWorld = "Hello, world".getBytes(UTF_8);
    l.add(c("X." + n++, "RSV1 on a ping after permessage-deflate was agreed", Requirement.MUST, "RFC 7692 §6.1",
        deflate.toString(),
        "Agree permessage-deflate, then send a ping with payload \"ping\" and RSV1 set.",
        "\"An endpoint MUST NOT set the RSV1 bit on control frames\" (RFC 7692 §6.1): the extension does not apply to "
            + "them, so RSV1 is undefined and the server fails the connection with 1002 (or drops TCP). No pong. Not "
            + "agreed: UNIMPLEMENTED.",
        mayAccept(), mustFailOnceAgreed(f -> f.sendFrame(new Frame(true, 4, Opcode.PING, "ping".getBytes(UTF_8))),
            CloseCode.PROTOCOL_ERROR)));
    l.add(c("X." + n++, "RSV1 on a continuation frame", Requirement.MUST, "RFC 7692 §6.1", deflate.toString(),
        "Agree permessage-deflate, then send \"Hello, world\" compressed in two frames: a text frame with RSV1 and the "
            + "first 4 octets, then a continuation frame (FIN) with the rest and RSV1 set as well.",
        "RSV1 belongs on the first frame of a compressed message only (RFC 7692 §6.1: \"an endpoint MUST NOT set the "
            + "RSV1 bit on continuation frames\"): the server fails the connection with 1002 (or drops TCP) and "
            + "echoes nothing. Not agreed: UNIMPLEMENTED.",
        mayAccept(), mustFailOnceAgreed(f -> {
          byte[] c = f.deflater().orElseThrow().compress(helloWorld);
          f.sendFrame(new Frame(false, 4, Opcode.TEXT, Arrays.copyOfRange(c, 0, 4)));
          f.sendFrame(new Frame(true, 4, Opcode.CONTINUATION, Arrays.copyOfRange(c, 4, c.length)));
        }, CloseCode.PROTOCOL_ERROR)));
    l.add(c("X." + n++, "RSV2 on a compressed message", Requirement.MUST, "RFC 6455 §5.2, RFC 7692 §6",
        deflate.toString(),
        "Agree permessage-deflate, then send \"Hello, world\" compressed in one text frame with RSV1 and RSV2 set.",
        "permessage-deflate defines RSV1 only; RSV2 has no meaning here (RFC 6455 §5.2: a non-zero reserved bit with no "
            + "extension defining it fails the connection): 1002 (or a TCP drop), no echo. Not agreed: UNIMPLEMENTED.",
        mayAccept(), mustFailOnceAgreed(
            f -> f.sendFrame(new Frame(true, 4 | 2, Opcode.TEXT, f.deflater().orElseThrow().compress(helloWorld))),
            CloseCode.PROTOCOL_ERROR)));
    l.add(c("X." + n++, "data that is not deflate", Requirement.MUST, "RFC 7692 §7.2.2, RFC 6455 §7.4.1",
        deflate.toString(),
        "Agree permessage-deflate, then send a binary frame with RSV1 whose payload ff ff ff ff is no deflate data "
            + "(its first block header names the reserved block type 3).",
        "The server cannot inflate the message and fails the connection, with 1007 (data not consistent with the "
            + "message; another code is a WRONG CODE), or drops TCP. Nothing is echoed. Not agreed: UNIMPLEMENTED.",
        mayAccept(), mustFailOnceAgreed(f -> f.sendCompressed(Hex.parse("ffffffff"), true, 0, SendOptions.DEFAULT),
            CloseCode.INVALID_PAYLOAD)));
    l.add(c("X." + n++, "RSV1 when nothing was agreed", Requirement.MUST, "RFC 6455 §5.2, RFC 7692 §6", null,
        "Offer no extension, then send \"Hello\" compressed (f2 48 cd c9 c9 07 00) in a text frame with RSV1 set.",
        "Without an agreed extension RSV1 has no meaning: the server fails the connection with 1002 (or drops TCP) "
            + "even if it could inflate the data. Nothing is echoed.",
        x -> noExtensionExpected(x), f -> {
          f.expect(Expectation.ok(List.of(), CloseExpectation.byPeer(CloseCode.PROTOCOL_ERROR)));
          f.sendFrame(new Frame(true, 4, Opcode.TEXT, HELLO_COMPRESSED));
          f.killAfter(1);
        }));
    l.add(c("X." + n++, "an uncompressed message after the agreement", Requirement.MUST, "RFC 7692 §6",
        deflate.toString(),
        "Agree permessage-deflate, then send \"" + HELLO + "\" uncompressed (RSV1 clear).",
        "permessage-deflate compresses a message only when its first frame has RSV1 (RFC 7692 §6): this one is "
            + "taken as it is and echoed. Not agreed: UNIMPLEMENTED.",
        mayAccept(), onceAgreed(f -> {
          f.expect(Expectation.ok(List.of(Event.text(HELLO)), CloseExpectation.byMe(CloseCode.NORMAL)));
          f.sendMessageUncompressed(HELLO.getBytes(UTF_8), false, 0, SendOptions.DEFAULT);
          f.closeAfter(ECHO_WAIT);
        })));

    // ---------------------------------------------------------------- honouring what was agreed
    byte[] unrepeated = letters(400, 28);
    l.add(c("X." + n++, "server_no_context_takeover: every message inflates alone", Requirement.MUST,
        "RFC 7692 §7.1.1.1", deflate.with(PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER).toString(),
        "Offer 'permessage-deflate; server_no_context_takeover', then send the same 400 random letters 5 times, each "
            + "after the echo of the one before. Inflate every compressed echo, noting how far back each "
            + "back-reference reaches.",
        "The response names server_no_context_takeover (a server that cannot honour it declines the offer: "
            + "UNIMPLEMENTED). Then no back-reference of a server message reaches before the message's start: the "
            + "server resets its window for every message, so each inflates with a fresh inflater. Every echo comes "
            + "back as sent.",
        grants(PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER),
        traced(List.of(unrepeated, unrepeated, unrepeated, unrepeated, unrepeated), (a, t) -> t.reachBeforeStart() == 0
            ? null
            : "expected every server message to inflate alone after server_no_context_takeover was agreed, observed a "
                + "back-reference reaching " + t.reachBeforeStart() + " octets before the message's start (RFC 7692 "
                + "§7.1.1.1)")));
    for (int bits : new int[] {10, 8}) {
      byte[] repeats = repeated(letters(2048, bits), 4);
      l.add(c("X." + n++, "server_max_window_bits=" + bits + ": no back-reference beyond 2^" + bits, Requirement.MUST,
          "RFC 7692 §7.1.2.1", deflate.with(PermessageDeflate.SERVER_MAX_WINDOW_BITS, bits).toString(),
          "Offer 'permessage-deflate; server_max_window_bits=" + bits + "', then send three times a text of 2048 "
              + "random letters repeated 4 times (8 KiB whose repeats are 2048 octets apart), each after the echo of "
              + "the one before. Inflate every compressed echo, noting the largest back-reference distance.",
          "A server that cannot limit its window declines the offer (UNIMPLEMENTED). If accepted, the response names "
              + "server_max_window_bits=M with M <= " + bits + ", and no back-reference in the server's data, within "
              + "a message or into an earlier one, reaches further than 2^M octets. Every echo comes back as sent.",
          grants(PermessageDeflate.SERVER_MAX_WINDOW_BITS),
          traced(List.of(repeats, repeats, repeats), (a, t) -> t.fitsWindow(a.serverMaxWindowBits()) ? null
              : "expected no back-reference further than 2^" + a.serverMaxWindowBits() + " = "
                  + (1 << a.serverMaxWindowBits()) + " octets after server_max_window_bits=" + a.serverMaxWindowBits()
                  + " was agreed, observed a distance of " + t.maxDistance() + " (RFC 7692 §7.1.2.1)")));
    }
    byte[] twice = repeated(letters(300, 31), 2);
    l.add(c("X." + n++, "client_no_context_takeover: messages compressed from an empty window", Requirement.MUST,
        "RFC 7692 §7.1.1.2", deflate.with(PermessageDeflate.CLIENT_NO_CONTEXT_TAKEOVER).toString(),
        "Offer 'permessage-deflate; client_no_context_takeover', then send the same 600-octet text 4 times, each "
            + "compressed on its own (the compressor reset before every message, whatever the response says), in one "
            + "write.",
        "Not agreed: UNIMPLEMENTED. Agreed: each message inflates alone, and the server takes them whether or not it "
            + "answered client_no_context_takeover: the four echoes come back in order, as sent.",
        mayAccept(), onceAgreed(f -> {
          Agreement a = f.agreement().orElseThrow();
          MessageDeflater fresh = new MessageDeflater(new Agreement(false, true, 15, a.clientMaxWindowBits()));
          List<Event> echoes = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            echoes.add(Event.message(twice, false));
            f.sendCompressed(fresh.compress(twice), false, 0, SendOptions.DEFAULT);
          }
          fresh.close();
          f.expect(Expectation.ok(echoes, CloseExpectation.byMe(CloseCode.NORMAL)));
          f.closeAfter(ECHO_WAIT);
        })));
    l.add(c("X." + n++, "an empty message compressed", Requirement.MUST, "RFC 7692 §7.2.3.6", deflate.toString(),
        "Agree permessage-deflate, then send an empty text message compressed: the single octet 00 with RSV1 (an "
            + "empty stored block whose 00 00 ff ff is removed, RFC 7692 §7.2.3.6).",
        "An empty text message is echoed. Not agreed: UNIMPLEMENTED.",
        mayAccept(), compressedEcho(new byte[0], false)));
    l.add(c("X." + n++, "a one-octet message compressed", Requirement.MUST, "RFC 7692 §7.2.1", deflate.toString(),
        "Agree permessage-deflate, then send the binary message 0x2A compressed.",
        "The one-octet binary message is echoed. Not agreed: UNIMPLEMENTED.",
        mayAccept(), compressedEcho(new byte[] {0x2A}, true)));
    byte[] blocks = letters(12_000, 34);
    l.add(c("X." + n++, "several deflate blocks across fragments", Requirement.MUST, "RFC 7692 §6, §7.2.1",
        deflate.toString(),
        "Agree permessage-deflate, then send 12000 letters compressed as 12 deflate blocks (a sync flush every 1000 "
            + "octets of input) and the compressed data cut into 333-octet frames, so frame and block boundaries "
            + "never meet; RSV1 on the first frame only.",
        "The server joins the frames, inflates the blocks in order and echoes the 12000 letters. Not agreed: "
            + "UNIMPLEMENTED.",
        mayAccept(), onceAgreed(f -> {
          f.expect(Expectation.ok(List.of(Event.message(blocks, false)), CloseExpectation.byMe(CloseCode.NORMAL)));
          byte[] data = f.deflater().orElseThrow().compress(blocks, 0, blocks.length, 1000);
          f.sendCompressed(data, false, 333, SendOptions.DEFAULT);
          f.closeAfter(ECHO_WAIT);
        })));
    l.add(c("X." + n++, "a message in a stored block", Requirement.MUST, "RFC 7692 §7.2.3.3", deflate.toString(),
        "Agree permessage-deflate, then send \"Hello\" as RFC 7692 §7.2.3.3 writes it uncompressed in a stored "
            + "deflate block: 00 05 00 fa ff 48 65 6c 6c 6f 00, RSV1 set.",
        "A stored block is valid deflate: the text \"Hello\" is echoed. Not agreed: UNIMPLEMENTED.",
        mayAccept(), onceAgreed(f -> {
          f.expect(Expectation.ok(List.of(Event.text("Hello")), CloseExpectation.byMe(CloseCode.NORMAL)));
          f.sendCompressed(Hex.parse("000500faff48656c6c6f00"), false, 0, SendOptions.DEFAULT);
          f.closeAfter(ECHO_WAIT);
        })));
    l.add(c("X." + n++, "a message ending with a final block (BFINAL)", Requirement.MUST, "RFC 7692 §7.2.3.4",
        deflate.toString(),
        "Agree permessage-deflate, then send \"Hello\" compressed in a block with BFINAL set, followed by the 00 left "
            + "of the empty stored block RFC 7692 §7.2.1 appends: f3 48 cd c9 c9 07 00 00, RSV1 set.",
        "A message may end the deflate stream (RFC 7692 §7.2.3.4): the text \"Hello\" is echoed. Not agreed: "
            + "UNIMPLEMENTED.",
        mayAccept(), onceAgreed(f -> {
          f.expect(Expectation.ok(List.of(Event.text("Hello")), CloseExpectation.byMe(CloseCode.NORMAL)));
          f.sendCompressed(Hex.parse("f348cdc9c9070000"), false, 0, SendOptions.DEFAULT);
          f.closeAfter(ECHO_WAIT);
        })));
    return l;
  }

  // ---------------------------------------------------------------- case construction

  private static ConformanceCase c(String id, String title, Requirement requirement, String rfc, String offer,
      String description, String expectation, HandshakeCheck handshake, Consumer<Fuzzer> onOpen) {
    UnaryOperator<UpgradeRequest> request = offer == null ? UnaryOperator.identity() : r -> r.with(EXTENSIONS, offer);
    return new ConformanceCase(id, GROUP, GROUP_TITLE, title, description, expectation, requirement, rfc, request,
        handshake, onOpen, List.<Judge.Override>of(), 30, Schedule.CONCURRENT, Origin.WSCONFORM);
  }

  /** A case whose offer a server MUST decline; the session then checks that the connection works. */
  private static ConformanceCase declined(String id, String title, ExtensionElement offer, String why, String rfc) {
    String description = "Offer '" + offer + "', then send \"" + HELLO + "\".";
    String expectation = "A server MUST decline this offer: " + why + " (" + rfc + "). Declining means a 101 without "
        + "permessage-deflate, after which the message is echoed uncompressed; refusing the whole connection (400) is "
        + "NON-STRICT; accepting the offer fails.";
    return c(id, title, Requirement.MUST, rfc, offer.toString(), description, expectation, mustDecline(why, rfc),
        echo(HELLO));
  }

  // ---------------------------------------------------------------- handshake checks

  /** A 400 answer: the server refused the whole connection over the extension offer. */
  private static boolean refused(HandshakeExchange x) {
    return x.answered() && x.response().status() == 400;
  }

  /** The RFC 6455 client rules first: anything they reject fails the case as it stands. */
  private static HandshakeVerdict baseRules(HandshakeExchange x) {
    if (!x.answered()) return HandshakeVerdict.failed(x.failure());
    return ClientHandshakeRules.firstBroken(x.request(), x.key(), x.response())
        .map(HandshakeVerdict::failed).orElse(null);
  }

  private static List<String> offers(HandshakeExchange x) {
    return x.request().all(EXTENSIONS);
  }

  private static String response(ResponseHead r) {
    List<String> ext = r.all(EXTENSIONS);
    return ext.isEmpty() ? "no Sec-WebSocket-Extensions" : "'" + EXTENSIONS + ": " + String.join(", ", ext) + "'";
  }

  private static HandshakeVerdict noExtensionExpected(HandshakeExchange x) {
    if (!x.answered()) return HandshakeVerdict.failed(x.failure());
    if (x.response().status() == 101 && !x.response().all(EXTENSIONS).isEmpty()) {
      return HandshakeVerdict.failed("expected no Sec-WebSocket-Extensions (nothing was offered), observed "
          + response(x.response()) + " (RFC 6455 §9.1)");
    }
    HandshakeVerdict base = baseRules(x);
    return base != null ? base : HandshakeVerdict.open();
  }

  /** 101 without permessage-deflate: OK; 400: NON-STRICT; the offer accepted: FAILED. */
  private static HandshakeCheck mustDecline(String why, String rfc) {
    return x -> {
      if (refused(x)) {
        return HandshakeVerdict.nonStrict("expected 101 without permessage-deflate (the offer declined, the "
            + "connection accepted), observed '" + x.response().statusLine() + "': the whole connection refused "
            + "because of one extension offer (RFC 7692 §5: a server declines an offer by leaving it out of the "
            + "response)");
      }
      HandshakeVerdict base = baseRules(x);
      if (base != null) return base;
      if (PermessageDeflate.negotiate(offers(x), x.response().all(EXTENSIONS)) instanceof Negotiation.Declined) {
        return HandshakeVerdict.open();
      }
      return HandshakeVerdict.failed("expected the offer '" + String.join(", ", offers(x)) + "' to be declined, "
          + "because " + why + ", observed " + response(x.response()) + " (" + rfc + ": a server MUST decline it)");
    };
  }

  /** Accepting is optional: declined is UNIMPLEMENTED (the session still runs), an invalid response FAILED. */
  private static HandshakeCheck mayAccept() {
    return x -> {
      HandshakeVerdict base = baseRules(x);
      if (base != null) return base;
      Negotiation n = PermessageDeflate.negotiate(offers(x), x.response().all(EXTENSIONS));
      if (n instanceof Negotiation.Invalid invalid) return HandshakeVerdict.failed(invalid.reason());
      if (n instanceof Negotiation.Declined) return unimplemented();
      return HandshakeVerdict.open();
    };
  }

  private static HandshakeVerdict unimplemented() {
    return new HandshakeVerdict(Behavior.UNIMPLEMENTED, "the server declined the permessage-deflate offer: nothing "
        + "to test (RFC 7692 §5: accepting the extension is the server's choice)", true);
  }

  /**
   * As {@link #mayAccept}, and an accepted response must grant {@code parameter}: RFC 7692
   * §7.1.1.1 and §7.1.2.1 (a server accepts server_no_context_takeover or server_max_window_bits
   * by naming it in the response; a server that cannot honour it declines the offer, §7).
   */
  private static HandshakeCheck grants(String parameter) {
    return x -> {
      HandshakeVerdict v = mayAccept().check(x);
      if (v.behavior() != Behavior.OK) return v;
      if (!accepted(x).has(parameter)) {
        return HandshakeVerdict.failed("expected the accepted offer's " + parameter + " in the response, observed "
            + response(x.response()) + " (RFC 7692 " + (parameter.equals(PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER)
            ? "§7.1.1.1" : "§7.1.2.1") + ": the server accepts the parameter by naming it; one that cannot honour it "
            + "declines the offer, §7)").withSession(true);
      }
      return v;
    };
  }

  /**
   * X.* several offers: the response must answer the first acceptable offer, which asks for
   * server_max_window_bits=15 and so must be answered with server_max_window_bits.
   */
  private static HandshakeCheck firstAcceptableChosen() {
    return x -> {
      if (refused(x)) {
        return HandshakeVerdict.nonStrict("expected 101 with the answer to the first acceptable offer, observed '"
            + x.response().statusLine() + "': the whole connection refused because one of the offers is bad, "
            + "instead of declining that offer and taking the next (RFC 7692 §5, §7)");
      }
      HandshakeVerdict v = mayAccept().check(x);
      if (v.behavior() != Behavior.OK) return v;
      if (!accepted(x).has(PermessageDeflate.SERVER_MAX_WINDOW_BITS)) {
        return HandshakeVerdict.nonStrict("expected the answer to the first acceptable offer, "
            + "'permessage-deflate; server_max_window_bits=15', which names server_max_window_bits, observed "
            + response(x.response()) + ", which answers a later offer (RFC 6455 §9.1: the offers are in the client's "
            + "order of preference; RFC 7692 §7.1.2.1)").withSession(true);
      }
      return v;
    };
  }

  /** The permessage-deflate element of a response the negotiation found valid. */
  private static ExtensionElement accepted(HandshakeExchange x) {
    return ExtensionElement.parseList(String.join(", ", x.response().all(EXTENSIONS))).stream()
        .filter(e -> e.isNamed(PermessageDeflate.NAME)).findFirst().orElseThrow();
  }

  /** No extension the server does not implement may be accepted; refusing the connection is NON-STRICT. */
  private static HandshakeCheck unknownNotAccepted() {
    return x -> {
      if (refused(x)) {
        return HandshakeVerdict.nonStrict("expected 101 without x-wsconform-unknown, observed '"
            + x.response().statusLine() + "': the connection refused because of an extension the server does not "
            + "know, instead of leaving it out of the response (RFC 6455 §9.1)");
      }
      HandshakeVerdict base = baseRules(x);
      if (base != null) return base;
      for (String value : x.response().all(EXTENSIONS)) {
        if (value.toLowerCase(java.util.Locale.ROOT).contains("x-wsconform-unknown")) {
          return HandshakeVerdict.failed("expected no x-wsconform-unknown in the response (no server implements it), "
              + "observed " + response(x.response()) + " (RFC 6455 §9.1)");
        }
      }
      Negotiation n = PermessageDeflate.negotiate(offers(x), x.response().all(EXTENSIONS));
      if (n instanceof Negotiation.Invalid invalid) return HandshakeVerdict.failed(invalid.reason());
      return HandshakeVerdict.open();
    };
  }

  // ---------------------------------------------------------------- session scripts

  /** One message, echoed as it was; compressed or not as the agreement has it. */
  private static Consumer<Fuzzer> echo(String text) {
    return f -> {
      f.expect(Expectation.ok(List.of(Event.text(text)), CloseExpectation.byMe(CloseCode.NORMAL)));
      f.sendMessage(text);
      f.closeAfter(ECHO_WAIT);
    };
  }

  private static Consumer<Fuzzer> compressedEchoIfAgreed(byte[] payload) {
    return f -> {
      f.expect(Expectation.ok(List.of(Event.message(payload, false)), CloseExpectation.byMe(CloseCode.NORMAL)));
      f.sendMessage(payload, false, 0, SendOptions.DEFAULT);
      f.closeAfter(ECHO_WAIT);
    };
  }

  private static Consumer<Fuzzer> compressedEcho(byte[] payload, boolean binary) {
    return onceAgreed(f -> {
      f.expect(Expectation.ok(List.of(Event.message(payload, binary)), CloseExpectation.byMe(CloseCode.NORMAL)));
      f.sendMessage(payload, binary, 0, SendOptions.DEFAULT);
      f.closeAfter(ECHO_WAIT);
    });
  }

  /** Runs the script only when permessage-deflate was agreed; otherwise UNIMPLEMENTED and a close. */
  private static Consumer<Fuzzer> onceAgreed(Consumer<Fuzzer> script) {
    return f -> {
      if (f.agreement().isEmpty()) {
        f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.NORMAL)));
        f.verdict(Behavior.UNIMPLEMENTED, "permessage-deflate was not agreed: nothing to test (RFC 7692 §5)");
        f.sendClose(CloseCode.NORMAL, null);
        return;
      }
      script.accept(f);
    };
  }

  /** The server must fail the connection with {@code code} (or drop TCP) and echo nothing. */
  private static Consumer<Fuzzer> mustFailOnceAgreed(Consumer<Fuzzer> send, int code) {
    return onceAgreed(f -> {
      f.expect(Expectation.ok(List.of(), CloseExpectation.byPeer(code)));
      send.accept(f);
      f.killAfter(1);
    });
  }

  /** What one compressed server message says about the agreement: null when fine, else expected/observed. */
  private interface TraceCheck {
    String problem(Agreement agreement, TracingInflater.Trace trace);
  }

  /**
   * Sends the messages one at a time (the next after the echo of the one before), traces the raw
   * data of every compressed echo with a {@link TracingInflater} that keeps its history across
   * messages, as the server's peer does, and checks each trace. Every echo must also equal what
   * was sent.
   */
  private static Consumer<Fuzzer> traced(List<byte[]> messages, TraceCheck check) {
    return onceAgreed(f -> {
      Agreement agreement = f.agreement().orElseThrow();
      TracingInflater tracer = new TracingInflater(f.settings().maxMessage());
      f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.NORMAL)));
      f.verdict(Behavior.FAILED, "expected " + messages.size() + " echoes within " + ECHO_WAIT * messages.size()
          + " s, observed fewer (RFC 7692 §6)");
      f.closeAfter(ECHO_WAIT * messages.size());
      int[] next = {0};
      boolean[] over = {false};
      String[] traceProblem = {null};
      f.onCompressedMessage(m -> {
        if (traceProblem[0] != null) return;
        traceProblem[0] = trace(tracer, agreement, m, check);
      });
      f.onEvent(e -> {
        if (e.type() != Event.Type.MESSAGE) {
          f.record(e);
          return;
        }
        if (over[0]) return;
        f.record(e);
        byte[] sent = messages.get(next[0] - 1);
        String problem = traceProblem[0];
        if (problem == null && !Arrays.equals(e.payload(), sent)) {
          problem = "expected the echo of message " + next[0] + " (" + sent.length + " octets) as sent, observed "
              + e + " (RFC 7692 §7.2.2)";
        }
        if (problem != null) {
          over[0] = true;
          f.verdict(Behavior.FAILED, "message " + next[0] + ": " + problem);
          f.sendClose(CloseCode.NORMAL, null);
        } else if (next[0] < messages.size()) {
          f.sendMessage(messages.get(next[0]++), false, 0, SendOptions.DEFAULT);
        } else {
          over[0] = true;
          f.verdict(Behavior.OK, "every echo came back as sent, and every compressed one kept to " + agreement);
          f.sendClose(CloseCode.NORMAL, null);
        }
      });
      f.sendMessage(messages.get(next[0]++), false, 0, SendOptions.DEFAULT);
    });
  }

  private static String trace(TracingInflater tracer, Agreement agreement, CompressedMessage m, TraceCheck check) {
    try {
      return check.problem(agreement, tracer.inflateMessage(m.compressed()));
    } catch (TracingInflater.DataError e) {
      return "expected the server's compressed message to inflate, observed " + e.getMessage();
    }
  }

  // ---------------------------------------------------------------- payloads

  /** Random lower-case letters from a seeded generator: only short, chance repeats for a compressor to use. */
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
