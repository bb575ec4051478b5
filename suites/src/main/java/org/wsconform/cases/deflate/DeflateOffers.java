package org.wsconform.cases.deflate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.wsconform.cases.deflate.DeflateResponses.firstAcceptableChosen;
import static org.wsconform.cases.deflate.DeflateResponses.mayAccept;
import static org.wsconform.cases.deflate.DeflateResponses.mustDecline;
import static org.wsconform.cases.deflate.DeflateResponses.noExtensionExpected;
import static org.wsconform.cases.deflate.DeflateResponses.unknownNotAccepted;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.deflate.ExtensionElement;
import org.wsconform.deflate.PermessageDeflate;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.HandshakeCheck;
import org.wsconform.judge.Judge;
import org.wsconform.session.Session;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.UpgradeRequest;

/**
 * X.*: permessage-deflate (RFC 7692) beyond Autobahn, which offers only well-formed parameters,
 * accepts any well-formed answer and never checks that a server honours what it agreed
 * (autobahn-cases.md §3.11, §7).
 *
 * <ul>
 *   <li>X.1-X.20 negotiation: offers a server MUST decline (unknown or repeated parameters, window
 *       values 7, 16, "abc", "09", a window without its value) — declined means a 101 without the
 *       extension, refusing the whole connection with 400 is NON-STRICT; offers a server may
 *       accept, whose response must then be valid (never a {@code client_max_window_bits} that was
 *       not offered); several offers; unknown extension names.
 *   <li>X.21-X.26 frames once permessage-deflate is agreed: RSV1 on a control frame or a
 *       continuation frame, RSV2 on a compressed message, data that is not deflate, RSV1 when
 *       nothing was agreed, and an uncompressed message.
 *   <li>X.27-X.35 honouring: after {@code server_no_context_takeover} every server message inflates
 *       alone; after {@code server_max_window_bits=N} no back-reference reaches further than 2^N
 *       (checked on the server's raw data with {@code TracingInflater}); after {@code
 *       client_no_context_takeover} the server takes messages compressed from an empty window;
 *       empty and one-octet messages; several deflate blocks across fragments; the stored-block and
 *       final-block forms of RFC 7692 §7.2.3.
 * </ul>
 *
 * <p>A case that needs the extension and does not get it is UNIMPLEMENTED: accepting
 * permessage-deflate is the server's choice (RFC 7692 §5).
 *
 * <p>This class holds the offers (X.1-X.20) and builds every X.* case; {@link DeflateResponses}
 * judges the server's answers to them, {@link DeflateHonouring} holds X.21-X.35.
 */
public final class DeflateOffers {
  private static final String GROUP = "X";
  private static final String GROUP_TITLE =
      "permessage-deflate negotiation and honouring (RFC 7692)";
  static final String EXTENSIONS = "Sec-WebSocket-Extensions";
  static final String HELLO = "Hello, permessage-deflate!";

  /** How long an echo may take before the harness closes (closeAfter) in the small cases. */
  static final double ECHO_WAIT = 2;

  private DeflateOffers() {}

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();
    ExtensionElement deflate = PermessageDeflate.offer();

    // ---------------------------------------------------------------- what may be accepted
    l.add(
        c(
            "X.1",
            "no offer: no extension in the response",
            Requirement.MUST,
            "RFC 6455 §9.1, RFC 7692 §5",
            null,
            "Send the canonical opening handshake without Sec-WebSocket-Extensions, then a text message \""
                + HELLO
                + "\".",
            "The 101 names no extension: a server may only accept what the client offered (RFC 6455 §9.1). The message "
                + "is echoed uncompressed; then the harness closes with 1000.",
            x -> noExtensionExpected(x),
            echo(HELLO)));
    l.add(
        c(
            "X.2",
            "plain offer: a valid response without client_max_window_bits",
            Requirement.MUST,
            "RFC 7692 §7, §7.1.2.2",
            deflate.toString(),
            "Offer 'permessage-deflate' with no parameter, then send \"" + HELLO + "\" compressed.",
            "Accepting is optional (declining is UNIMPLEMENTED). If accepted, the response is valid: known parameters, each "
                + "once, windows 8-15, and no client_max_window_bits, which a server may only answer when the offer had "
                + "it (RFC 7692 §7.1.2.2). The message comes back as sent.",
            mayAccept(),
            compressedEcho(HELLO.getBytes(UTF_8), false)));
    l.add(
        c(
            "X.3",
            "client_max_window_bits without a value is accepted",
            Requirement.MUST,
            "RFC 7692 §7.1.2.2",
            deflate.with(PermessageDeflate.CLIENT_MAX_WINDOW_BITS).toString(),
            "Offer 'permessage-deflate; client_max_window_bits' (no value: the client only says it can limit its window), "
                + "then send \""
                + HELLO
                + "\" compressed within the window the response allows.",
            "The offer is valid. Accepting is optional (declining is UNIMPLEMENTED); if accepted, the response may name "
                + "client_max_window_bits with a value 8-15 or leave it out. The message comes back as sent.",
            mayAccept(),
            compressedEcho(HELLO.getBytes(UTF_8), false)));
    l.add(
        c(
            "X.4",
            "client_max_window_bits=10 is accepted with at most 10",
            Requirement.MUST,
            "RFC 7692 §7.1.2.2",
            deflate.with(PermessageDeflate.CLIENT_MAX_WINDOW_BITS, 10).toString(),
            "Offer 'permessage-deflate; client_max_window_bits=10', then send a 4 KiB text compressed within the window "
                + "the response allows.",
            "The offer is valid. Accepting is optional (declining is UNIMPLEMENTED); if accepted, a client_max_window_bits "
                + "in the response is at most 10. The message comes back as sent.",
            mayAccept(),
            compressedEcho(letters(4096, 4), false)));

    // ---------------------------------------------------------------- what must be declined
    String[] bad = {"7", "16", "abc", "09"};
    String[] badWhy = {"below 8", "above 15", "not a number", "written with a leading zero"};
    int n = 5;
    for (String parameter :
        List.of(
            PermessageDeflate.SERVER_MAX_WINDOW_BITS, PermessageDeflate.CLIENT_MAX_WINDOW_BITS)) {
      String section =
          parameter.equals(PermessageDeflate.SERVER_MAX_WINDOW_BITS) ? "§7.1.2.1" : "§7.1.2.2";
      for (int i = 0; i < bad.length; i++) {
        ExtensionElement offer = deflate.with(parameter, bad[i]);
        l.add(
            declined(
                "X." + n++,
                parameter + "=" + bad[i] + " is declined",
                offer,
                "the value of " + parameter + " is " + badWhy[i] + " (a decimal 8-15)",
                "RFC 7692 §7, " + section));
      }
    }
    l.add(
        declined(
            "X." + n++,
            "server_max_window_bits without a value is declined",
            deflate.with(PermessageDeflate.SERVER_MAX_WINDOW_BITS),
            "server_max_window_bits has no value (unlike client_max_window_bits, it always has one)",
            "RFC 7692 §7, §7.1.2.1"));
    l.add(
        declined(
            "X." + n++,
            "a repeated server_no_context_takeover is declined",
            deflate
                .with(PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER)
                .with(PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER),
            "it has two parameters with the same name",
            "RFC 7692 §7"));
    l.add(
        declined(
            "X." + n++,
            "a repeated client_max_window_bits is declined",
            deflate
                .with(PermessageDeflate.CLIENT_MAX_WINDOW_BITS, 10)
                .with(PermessageDeflate.CLIENT_MAX_WINDOW_BITS, 10),
            "it has two parameters with the same name",
            "RFC 7692 §7"));
    l.add(
        declined(
            "X." + n++,
            "an unknown parameter is declined",
            deflate.with("x_wsconform_unknown"),
            "it has a parameter not defined for use in an offer",
            "RFC 7692 §7"));
    l.add(
        declined(
            "X." + n++,
            "server_no_context_takeover with a value is declined",
            deflate.with(PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER, "1"),
            "server_no_context_takeover has a value (it has none)",
            "RFC 7692 §7, §7.1.1.1"));

    // ---------------------------------------------------------------- several offers, unknown
    // extensions
    List<ExtensionElement> three =
        List.of(
            deflate.with("x_wsconform_unknown"),
            deflate.with(PermessageDeflate.SERVER_MAX_WINDOW_BITS, 15),
            deflate);
    l.add(
        c(
            "X." + n++,
            "several offers: the first acceptable one is chosen",
            Requirement.SHOULD,
            "RFC 6455 §9.1, RFC 7692 §5, §7",
            PermessageDeflate.offer(three),
            "Offer, in this order: 'permessage-deflate; x_wsconform_unknown' (which must be declined), "
                + "'permessage-deflate; server_max_window_bits=15' (which every implementation can honour: 15 is the "
                + "default window) and 'permessage-deflate'; then send \""
                + HELLO
                + "\" compressed.",
            "The order of the offers is the client's preference (RFC 6455 §9.1). The server answers the second offer: "
                + "its response names server_max_window_bits (RFC 7692 §7.1.2.1 says an accepted server_max_window_bits is "
                + "answered). A response without it answers a later offer, and refusing the connection (400) over the "
                + "bad first offer declines the good ones too: both NON-STRICT. An invalid response fails; no "
                + "permessage-deflate at all is UNIMPLEMENTED. The message comes back as sent.",
            firstAcceptableChosen(),
            compressedEcho(HELLO.getBytes(UTF_8), false)));
    l.add(
        c(
            "X." + n++,
            "an unknown extension is not accepted",
            Requirement.MUST,
            "RFC 6455 §9.1",
            "x-wsconform-unknown; level=1",
            "Offer only 'x-wsconform-unknown; level=1', an extension no server implements, then send \""
                + HELLO
                + "\".",
            "The 101 names no extension (a server accepts only extensions it supports; it must not refuse the connection "
                + "for an extension it does not know: a 400 is NON-STRICT). The message is echoed.",
            unknownNotAccepted(),
            echo(HELLO)));
    l.add(
        c(
            "X." + n++,
            "an unknown extension before permessage-deflate is skipped",
            Requirement.MUST,
            "RFC 6455 §9.1, RFC 7692 §5",
            "x-wsconform-unknown, permessage-deflate",
            "Offer 'x-wsconform-unknown, permessage-deflate', then send \""
                + HELLO
                + "\" (compressed if agreed).",
            "The 101 names at most permessage-deflate, never x-wsconform-unknown; a 400 is NON-STRICT. The message comes "
                + "back as sent.",
            unknownNotAccepted(),
            compressedEchoIfAgreed(HELLO.getBytes(UTF_8))));
    return l;
  }

  // ---------------------------------------------------------------- case construction

  static ConformanceCase c(
      String id,
      String title,
      Requirement requirement,
      String rfc,
      String offer,
      String description,
      String expectation,
      HandshakeCheck handshake,
      Consumer<Session> onOpen) {
    UnaryOperator<UpgradeRequest> request =
        offer == null ? UnaryOperator.identity() : r -> r.with(EXTENSIONS, offer);
    return new ConformanceCase(
        id,
        GROUP,
        GROUP_TITLE,
        title,
        description,
        expectation,
        requirement,
        rfc,
        request,
        handshake,
        onOpen,
        List.<Judge.Override>of(),
        30,
        Schedule.CONCURRENT,
        Origin.WSCONFORM);
  }

  /**
   * A case whose offer a server MUST decline; the session then checks that the connection works.
   */
  private static ConformanceCase declined(
      String id, String title, ExtensionElement offer, String why, String rfc) {
    String description = "Offer '" + offer + "', then send \"" + HELLO + "\".";
    String expectation =
        "A server MUST decline this offer: "
            + why
            + " ("
            + rfc
            + "). Declining means a 101 without "
            + "permessage-deflate, after which the message is echoed uncompressed; refusing the whole connection (400) is "
            + "NON-STRICT; accepting the offer fails.";
    return c(
        id,
        title,
        Requirement.MUST,
        rfc,
        offer.toString(),
        description,
        expectation,
        mustDecline(why, rfc),
        echo(HELLO));
  }

  // ---------------------------------------------------------------- session scripts

  /** One message, echoed as it was; compressed or not as the agreement has it. */
  static Consumer<Session> echo(String text) {
    return f -> {
      f.expect(Expectation.ok(List.of(Event.text(text)), CloseExpectation.byMe(CloseCode.NORMAL)));
      f.sendMessage(text);
      f.closeAfter(ECHO_WAIT);
    };
  }

  private static Consumer<Session> compressedEchoIfAgreed(byte[] payload) {
    return f -> {
      f.expect(
          Expectation.ok(
              List.of(Event.message(payload, false)), CloseExpectation.byMe(CloseCode.NORMAL)));
      f.sendMessage(payload, false, 0, SendOptions.DEFAULT);
      f.closeAfter(ECHO_WAIT);
    };
  }

  static Consumer<Session> compressedEcho(byte[] payload, boolean binary) {
    return onceAgreed(
        f -> {
          f.expect(
              Expectation.ok(
                  List.of(Event.message(payload, binary)),
                  CloseExpectation.byMe(CloseCode.NORMAL)));
          f.sendMessage(payload, binary, 0, SendOptions.DEFAULT);
          f.closeAfter(ECHO_WAIT);
        });
  }

  /**
   * Runs the script only when permessage-deflate was agreed; otherwise UNIMPLEMENTED and a close.
   */
  static Consumer<Session> onceAgreed(Consumer<Session> script) {
    return f -> {
      if (f.agreement().isEmpty()) {
        f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.NORMAL)));
        f.verdict(
            Behavior.UNIMPLEMENTED,
            "permessage-deflate was not agreed: nothing to test (RFC 7692 §5)");
        f.sendClose(CloseCode.NORMAL, null);
        return;
      }
      script.accept(f);
    };
  }

  // ---------------------------------------------------------------- payloads

  /**
   * Random lower-case letters from a seeded generator: only short, chance repeats for a compressor
   * to use.
   */
  static byte[] letters(int length, long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) b[i] = (byte) ('a' + r.nextInt(26));
    return b;
  }
}
