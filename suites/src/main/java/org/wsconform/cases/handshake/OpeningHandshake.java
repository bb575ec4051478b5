package org.wsconform.cases.handshake;

import static org.wsconform.cases.handshake.HandshakeChecks.upgrades;
import static org.wsconform.cases.handshake.HandshakeSessions.afterBody;
import static org.wsconform.cases.handshake.HandshakeSessions.closeCleanly;
import static org.wsconform.cases.handshake.HandshakeSessions.expectEarly;
import static org.wsconform.cases.handshake.HandshakeSessions.maskedFrame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.judge.ClientHandshakeRules;
import org.wsconform.judge.Event;
import org.wsconform.judge.HandshakeCheck;
import org.wsconform.judge.HandshakeVerdict;
import org.wsconform.judge.Judge;
import org.wsconform.session.Session;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Header;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.UpgradeRequest;

/**
 * H.*: the opening handshake as a server must answer it (RFC 6455 §4.2). Autobahn never tested this
 * part (autobahn-cases.md §7): which requests a server must upgrade (case-insensitive tokens, token
 * lists, lower-case header names, offers), and which it must refuse, with which status (426 +
 * {@code Sec-WebSocket-Version} for a version it does not speak, 400 for a bad key, an error for a
 * method other than GET, …).
 *
 * <p>Every case sends one request shaped from the canonical one. A case whose success is a 101 then
 * opens a WebSocket session and closes it cleanly; a case whose success is a refusal never opens a
 * session. Ids are stable: new cases go at the end.
 */
public final class OpeningHandshake {
  static final String GROUP = "H";
  static final String GROUP_TITLE = "Opening Handshake";

  /** Every case ends on events; this only bounds a target that hangs. */
  static final double DEADLINE_SECONDS = 10;

  private static final String ORIGIN = "http://wsconform.example";

  private OpeningHandshake() {}

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();

    l.add(
        upgraded(
            "H.1",
            "canonical upgrade request",
            "The RFC's canonical request: GET with 'Upgrade: websocket', 'Connection: Upgrade', a fresh 16-octet "
                + "Sec-WebSocket-Key, 'Sec-WebSocket-Version: 13' and Host; then a close 1000.",
            "101 Switching Protocols that passes every client check of RFC 6455 §4.1 (Upgrade, Connection, the "
                + "accept value, no unoffered subprotocol or extension), then the close handshake.",
            Requirement.MUST,
            "RFC 6455 §4.2.1, §4.2.2",
            UnaryOperator.identity(),
            "the canonical request"));

    l.addAll(RefusedRequests.notAskingToUpgrade());

    l.add(
        upgraded(
            "H.5",
            "Connection: keep-alive, Upgrade",
            "The canonical request with 'Connection: keep-alive, Upgrade' (what Firefox sends).",
            "101: Connection is a comma-separated token list and it includes 'Upgrade' (RFC 6455 §4.2.1 item 4, "
                + "RFC 9110 §7.6.1). Refusing it breaks Firefox; this was Autobahn issue #82, never tested there.",
            Requirement.MUST,
            "RFC 6455 §4.2.1 item 4, RFC 9110 §7.6.1",
            r -> r.with("Connection", "keep-alive, Upgrade"),
            "'Connection: keep-alive, Upgrade' (a token list containing 'upgrade')"));

    l.add(
        upgraded(
            "H.6",
            "mixed-case Upgrade and Connection values",
            "The canonical request with 'Upgrade: WebSocket' (as Autobahn and old browsers send) and "
                + "'Connection: uPgRaDe'.",
            "101: both values are compared ASCII case-insensitively (RFC 6455 §4.2.1 items 3 and 4).",
            Requirement.MUST,
            "RFC 6455 §4.2.1 items 3, 4",
            r -> r.with("Upgrade", "WebSocket").with("Connection", "uPgRaDe"),
            "'Upgrade: WebSocket' and 'Connection: uPgRaDe' (values are case-insensitive)"));

    l.add(
        upgraded(
            "H.7",
            "lower-case header names",
            "The canonical request with every header name in lower case: 'host:', 'upgrade:', 'connection:', "
                + "'sec-websocket-key:', 'sec-websocket-version:' (as HTTP/2-era clients and proxies write them).",
            "101: HTTP field names are case-insensitive (RFC 9110 §5.1).",
            Requirement.MUST,
            "RFC 9110 §5.1, RFC 6455 §4.2.1",
            OpeningHandshake::lowerCaseNames,
            "lower-case header names (field names are case-insensitive)"));

    l.addAll(RefusedRequests.invalidUpgrades());

    l.add(
        upgraded(
            "H.20",
            "subprotocols offered: chat, superchat",
            "The canonical request with 'Sec-WebSocket-Protocol: chat, superchat'.",
            "101 with either no Sec-WebSocket-Protocol (the server speaks neither) or exactly one header naming "
                + "exactly one of the offered values (RFC 6455 §4.2.2 /subprotocol/, §4.1 step 6).",
            Requirement.MUST,
            "RFC 6455 §4.2.2 /subprotocol/, §4.1 step 6",
            r -> r.with("Sec-WebSocket-Protocol", "chat, superchat"),
            "an offer of subprotocols 'chat, superchat'"));

    l.add(
        upgraded(
            "H.21",
            "no subprotocol offered",
            "The canonical request with no Sec-WebSocket-Protocol header.",
            "101 without a Sec-WebSocket-Protocol header: a server must not choose a subprotocol the client did not "
                + "offer, and a client fails the connection if it does (RFC 6455 §4.1 step 6).",
            Requirement.MUST,
            "RFC 6455 §4.1 step 6, §4.2.2 /subprotocol/",
            r -> r.without("Sec-WebSocket-Protocol"),
            "a request offering no subprotocol"));

    l.add(
        informational(
            "H.22",
            "Origin header",
            "The canonical request with 'Origin: "
                + ORIGIN
                + "' (a browser page from another site).",
            "Either is conformant: a server that checks origins answers 403 Forbidden, one that does not answers "
                + "101 (RFC 6455 §4.2.2 /origin/, §10.2). The answer is recorded; after a 101 the session closes "
                + "cleanly.",
            "RFC 6455 §4.2.2 /origin/, §10.2",
            r -> r.with("Origin", ORIGIN),
            "'Origin: " + ORIGIN + "'",
            closeCleanly(),
            false));

    l.add(
        informational(
            "H.23",
            "request with a body",
            "The canonical request with 'Content-Length: 5' and the 5 octets 'hello' after the header block, in "
                + "the same write; after a 101, a ping 'after-body', then a close.",
            "Unspecified: a GET body has no meaning (RFC 9110 §9.3.1) and RFC 6455 does not say whether octets "
                + "declared as the request's content belong to the HTTP message or to the frame stream. A server "
                + "that honours Content-Length consumes them, upgrades, and answers the ping; one that takes them for "
                + "frame data fails the connection (1002); one that refuses answers 400. What happened is recorded "
                + "(both verdicts INFORMATIONAL).",
            "RFC 9110 §9.3.1, RFC 9112 §6.2, RFC 6455 §4.2.1",
            r ->
                r.with("Content-Length", "5")
                    .withTrailing("hello".getBytes(StandardCharsets.US_ASCII)),
            "a 5-octet body",
            afterBody(),
            true));

    l.add(
        new ConformanceCase(
            "H.24",
            GROUP,
            GROUP_TITLE,
            "text frame pipelined behind the request",
            "The canonical request and, in the same TCP write right after its header block, a masked text frame "
                + "'pipelined'; no further frame until the echo.",
            "101, then the echo of 'pipelined': the octets after the request's header block are the start of the "
                + "client's frame stream (RFC 9110 §7.8), and a server must not lose them. RFC 6455 §4.1 says a "
                + "client MUST wait for the 101 before sending data, so this is a robustness SHOULD: losing the frame "
                + "is NON-STRICT; garbling it (a protocol error from the server) fails.",
            Requirement.MUST,
            "RFC 6455 §4.1, §4.2.2, RFC 9110 §7.8",
            r -> r.withTrailing(maskedFrame(Frame.text("pipelined"))),
            upgrades(
                "101 Switching Protocols for the canonical request with a frame pipelined behind it",
                "RFC 6455 §4.2.2"),
            expectEarly(Event.text("pipelined")),
            List.of(),
            DEADLINE_SECONDS,
            Schedule.CONCURRENT,
            Origin.WSCONFORM));

    l.add(
        upgraded(
            "H.25",
            "permessage-deflate offered",
            "The canonical request with 'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits'; "
                + "the session sends no data, only the close.",
            "101 whose Sec-WebSocket-Extensions, if present, names only extensions that were offered, i.e. "
                + "permessage-deflate or none (RFC 6455 §4.1 step 5, §9.1; RFC 7692 §5).",
            Requirement.MUST,
            "RFC 6455 §4.1 step 5, §9.1, RFC 7692 §5",
            r -> r.with("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"),
            "an offer of 'permessage-deflate; client_max_window_bits'"));

    l.add(
        new ConformanceCase(
            "H.26",
            GROUP,
            GROUP_TITLE,
            "Connection split over two header lines",
            "The canonical request with two Connection lines: 'Connection: keep-alive' then 'Connection: Upgrade'.",
            "101: field lines with the same name form one comma-separated list (RFC 9110 §5.2, §5.3), so the "
                + "request lists 'Upgrade'. A refusal is NON-STRICT (the server reads only the first line).",
            Requirement.SHOULD,
            "RFC 9110 §5.3, RFC 6455 §4.2.1 item 4",
            r ->
                r.without("Connection")
                    .plus("Connection", "keep-alive")
                    .plus("Connection", "Upgrade"),
            upgrades(
                "101 Switching Protocols for Connection split over two lines ('keep-alive', 'Upgrade')",
                "RFC 9110 §5.3, RFC 6455 §4.2.1 item 4"),
            closeCleanly(),
            List.of(),
            DEADLINE_SECONDS,
            Schedule.CONCURRENT,
            Origin.WSCONFORM));

    return List.copyOf(l);
  }

  // ---------------------------------------------------------------- case shapes

  /** A case whose success is a 101 that passes the client's checks, then a clean close. */
  private static ConformanceCase upgraded(
      String id,
      String title,
      String description,
      String expectation,
      Requirement req,
      String rfc,
      UnaryOperator<UpgradeRequest> request,
      String what) {
    return new ConformanceCase(
        id,
        GROUP,
        GROUP_TITLE,
        title,
        description,
        expectation,
        req,
        rfc,
        request,
        upgrades("101 Switching Protocols for " + what, rfc),
        closeCleanly(),
        List.of(),
        DEADLINE_SECONDS,
        Schedule.CONCURRENT,
        Origin.WSCONFORM);
  }

  /** Either answer is conformant: record it; after a (valid) 101 run {@code onOpen}. */
  private static ConformanceCase informational(
      String id,
      String title,
      String description,
      String expectation,
      String rfc,
      UnaryOperator<UpgradeRequest> request,
      String what,
      Consumer<Session> onOpen,
      boolean sessionIsInfo) {
    HandshakeCheck check =
        x -> {
          if (!x.answered()) {
            return HandshakeVerdict.informational(
                "observed no HTTP response to a request with "
                    + what
                    + ": "
                    + x.failure()
                    + " ("
                    + rfc
                    + ")",
                false);
          }
          ResponseHead h = x.response();
          if (h.status() == 101) {
            return ClientHandshakeRules.firstBroken(x.request(), x.key(), h)
                .map(HandshakeVerdict::failed)
                .orElseGet(
                    () ->
                        HandshakeVerdict.informational(
                            "observed '"
                                + h.statusLine()
                                + "': the server accepts "
                                + "a request with "
                                + what
                                + " ("
                                + rfc
                                + ")",
                            true));
          }
          return HandshakeVerdict.informational(
              "observed '"
                  + h.statusLine()
                  + "': the server refuses a request with "
                  + what
                  + " ("
                  + rfc
                  + ")",
              false);
        };
    ConformanceCase c =
        new ConformanceCase(
            id,
            GROUP,
            GROUP_TITLE,
            title,
            description,
            expectation,
            Requirement.INFORMATIONAL,
            rfc,
            request,
            check,
            onOpen,
            List.of(),
            DEADLINE_SECONDS,
            Schedule.CONCURRENT,
            Origin.WSCONFORM);
    return sessionIsInfo ? c.withOverrides(Judge.Override.INFORMATIONAL) : c;
  }

  // ---------------------------------------------------------------- requests

  private static UpgradeRequest lowerCaseNames(UpgradeRequest r) {
    List<Header> lower =
        r.headers().stream()
            .map(h -> new Header(h.name().toLowerCase(Locale.ROOT), h.value()))
            .toList();
    return new UpgradeRequest(r.method(), r.target(), r.version(), lower, r.trailing());
  }
}
