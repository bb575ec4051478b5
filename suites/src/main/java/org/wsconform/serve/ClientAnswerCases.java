package org.wsconform.serve;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.wsconform.cases.Requirement;
import org.wsconform.deflate.ExtensionElement;
import org.wsconform.deflate.PermessageDeflate;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.HandshakeVerdict;
import org.wsconform.session.Session;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.RequestHead;
import org.wsconform.wire.SecWebSocketAccept;

/**
 * CA.*: the client's checks of the server's 101 (RFC 6455 §4.1, the client's requirements 1–6 for
 * the response; RFC 7692 §7 for a permessage-deflate response). The harness writes a 101 that
 * breaks one rule and then, as if the connection were open, one text message. A client that failed
 * the connection, as it MUST, never echoes it: it closes TCP without a frame (the connection was
 * never established, so there is no closing handshake, §7.1.7). Two positive cases end the family:
 * a 101 that arrives one octet at a time, and header names and values in unusual case, which the
 * client must take and then echo.
 */
final class ClientAnswerCases {
  private static final String GROUP = "CA";
  private static final String TITLE = "Client: checks of the 101 (RFC 6455 §4.1, RFC 7692 §7)";
  static final String MESSAGE = "wsconform";

  /** How long a client has to close TCP after the bad 101 before the harness gives up on it. */
  static final double FAIL_WAIT = 3;

  private static final String FAILED_ON_WIRE =
      " The client MUST fail the connection: on the wire, it closes TCP without echoing the text"
          + " message the harness sends after the 101 (a Close frame on the never-established"
          + " connection is NON-STRICT; the echo, or TCP still open after "
          + (int) FAIL_WAIT
          + " s, FAILED).";

  private ClientAnswerCases() {}

  static List<ClientCase> cases() {
    return List.of(
        bad(
            "CA.1",
            "a wrong Sec-WebSocket-Accept",
            "The 101's Sec-WebSocket-Accept is the accept value of another key.",
            "RFC 6455 §4.1, client requirement 4",
            (r, a) ->
                a.with(
                    "Sec-WebSocket-Accept",
                    SecWebSocketAccept.of("wsconform" + r.header("Sec-WebSocket-Key").orElse("")))),
        bad(
            "CA.2",
            "no Sec-WebSocket-Accept",
            "The 101 has no Sec-WebSocket-Accept header.",
            "RFC 6455 §4.1, client requirement 4",
            (r, a) -> a.without("Sec-WebSocket-Accept")),
        bad(
            "CA.3",
            "no Upgrade header",
            "The 101 has no Upgrade header.",
            "RFC 6455 §4.1, client requirement 2",
            (r, a) -> a.without("Upgrade")),
        bad(
            "CA.4",
            "Upgrade: h2c",
            "The 101's Upgrade header names another protocol ('h2c', not 'websocket').",
            "RFC 6455 §4.1, client requirement 2",
            (r, a) -> a.with("Upgrade", "h2c")),
        bad(
            "CA.5",
            "no Connection header",
            "The 101 has no Connection header.",
            "RFC 6455 §4.1, client requirement 3",
            (r, a) -> a.without("Connection")),
        bad(
            "CA.6",
            "Connection: keep-alive",
            "The 101's Connection header lacks the token Upgrade ('keep-alive').",
            "RFC 6455 §4.1, client requirement 3",
            (r, a) -> a.with("Connection", "keep-alive")),
        notSwitching(
            "CA.7",
            "status 200 instead of 101",
            "The answer is '200 OK' (Content-Length: 0) with every WebSocket header of a 101.",
            "RFC 6455 §4.1, client requirement 1",
            (r, a) -> a.withStatusLine("HTTP/1.1 200 OK").with("Content-Length", "0")),
        notSwitching(
            "CA.8",
            "status 302 instead of 101",
            "The answer is '302 Found' (Location: /wsconform-redirect, Content-Length: 0) with every"
                + " WebSocket header of a 101. A client may follow the redirect on a new connection"
                + " (RFC 6455 §4.1: 'handles the response per HTTP procedures'); on this one it"
                + " must not speak WebSocket.",
            "RFC 6455 §4.1, client requirement 1",
            (r, a) ->
                a.withStatusLine("HTTP/1.1 302 Found")
                    .with("Location", "/wsconform-redirect")
                    .with("Content-Length", "0")),
        bad(
            "CA.9",
            "an extension the client did not offer",
            "The 101's Sec-WebSocket-Extensions names 'x-wsconform-unoffered' (and nothing else).",
            "RFC 6455 §4.1, client requirement 5; §9.1",
            (r, a) -> a.with("Sec-WebSocket-Extensions", "x-wsconform-unoffered")),
        bad(
            "CA.10",
            "a subprotocol the client did not offer",
            "The 101 has 'Sec-WebSocket-Protocol: wsconform-unoffered'.",
            "RFC 6455 §4.1, client requirement 6",
            (r, a) -> a.with("Sec-WebSocket-Protocol", "wsconform-unoffered")),
        badDeflate(
            "CA.11",
            "client_max_window_bits the client did not offer",
            "permessage-deflate; client_max_window_bits=10",
            "The response carries client_max_window_bits although no offer of the client did."
                + " Needs a permessage-deflate offer without client_max_window_bits (otherwise"
                + " UNIMPLEMENTED).",
            "RFC 7692 §7.1.2.2",
            true),
        badDeflate(
            "CA.12",
            "server_max_window_bits=7 (below the range)",
            "permessage-deflate; server_max_window_bits=7",
            "The response's server_max_window_bits is 7; the range is 8 to 15.",
            "RFC 7692 §7.1.2.1; §7",
            false),
        badDeflate(
            "CA.13",
            "server_max_window_bits=16 (above the range)",
            "permessage-deflate; server_max_window_bits=16",
            "The response's server_max_window_bits is 16; the range is 8 to 15.",
            "RFC 7692 §7.1.2.1; §7",
            false),
        badDeflate(
            "CA.14",
            "a parameter twice",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            "The response names server_no_context_takeover twice.",
            "RFC 7692 §7",
            false),
        badDeflate(
            "CA.15",
            "an unknown parameter",
            "permessage-deflate; x_wsconform=1",
            "The response carries a parameter permessage-deflate does not define.",
            "RFC 7692 §7",
            false),
        good(
            "CA.16",
            "the 101 one octet at a time",
            "The canonical 101, each octet written and flushed on its own.",
            "RFC 6455 §4.1; RFC 9112 §2",
            (r, a) -> a.chunked(1)),
        good(
            "CA.17",
            "header names and values in unusual case",
            "The 101 as 'uPgRaDe: WebSocket', 'cOnNeCtIoN: uPgRaDe', 'sEc-WeBsOcKeT-aCcEpT: …':"
                + " header names are case-insensitive, and so are the Upgrade and Connection"
                + " values.",
            "RFC 6455 §4.1, client requirements 2–4; RFC 9110 §5.1",
            (r, a) ->
                a.withNames(ClientAnswerCases::mixedCase)
                    .with("uPgRaDe", "WebSocket")
                    .with("cOnNeCtIoN", "uPgRaDe")));
  }

  /** A 101 that breaks one rule: the client must fail the connection. */
  private static ClientCase bad(
      String id,
      String title,
      String answer,
      String rfc,
      BiFunction<RequestHead, UpgradeAnswer, UpgradeAnswer> change) {
    return ClientCases.of(
        id,
        GROUP,
        TITLE,
        title,
        answer + " Then the harness sends the text message '" + MESSAGE + "'.",
        "The client fails the connection." + FAILED_ON_WIRE,
        Requirement.MUST,
        rfc,
        MUST_FAIL,
        ServerSide.CANONICAL.answeringTo(change));
  }

  /**
   * An answer other than 101: the connection stays HTTP (the harness runs no WebSocket session on
   * it, {@link ServerCaseRunner}); the client must not take it as an upgrade.
   */
  private static ClientCase notSwitching(
      String id,
      String title,
      String answer,
      String rfc,
      BiFunction<RequestHead, UpgradeAnswer, UpgradeAnswer> change) {
    return ClientCases.of(
        id,
        GROUP,
        TITLE,
        title,
        answer + " Then the harness sends the text message '" + MESSAGE + "' as a frame.",
        "The client does not take the answer as a WebSocket upgrade: RFC 6455 §4.1 has it handle"
            + " a status other than 101 per HTTP, so closing TCP, keeping the connection for"
            + " another request, or sending a new HTTP request on it are OK; any other octets"
            + " back within "
            + (int) FAIL_WAIT
            + " s (the echo, a Close frame) are FAILED.",
        Requirement.MUST,
        rfc,
        MUST_FAIL,
        ServerSide.CANONICAL.answeringTo(change));
  }

  /**
   * A permessage-deflate response that breaks RFC 7692 §7. It only tests the client's check of the
   * response when the client offered permessage-deflate (and, for {@code needsNoWindowOffer}, in no
   * offer client_max_window_bits): otherwise UNIMPLEMENTED.
   */
  private static ClientCase badDeflate(
      String id,
      String title,
      String response,
      String answer,
      String rfc,
      boolean needsNoWindowOffer) {
    ClientCase c =
        bad(
            id,
            title,
            answer + " The 101 says 'Sec-WebSocket-Extensions: " + response + "'.",
            rfc,
            (r, a) -> a.with("Sec-WebSocket-Extensions", response));
    return new ClientCase(
        0,
        c.testCase(),
        c.server()
            .judging(
                (r, h) -> {
                  List<ExtensionElement> offers = deflateOffers(r);
                  if (offers.isEmpty()) {
                    return new HandshakeVerdict(
                        Behavior.UNIMPLEMENTED,
                        "the client offered no permessage-deflate, so its check of a"
                            + " permessage-deflate response cannot be seen ("
                            + rfc
                            + ")",
                        false);
                  }
                  if (needsNoWindowOffer
                      && offers.stream()
                          .anyMatch(o -> o.has(PermessageDeflate.CLIENT_MAX_WINDOW_BITS))) {
                    return new HandshakeVerdict(
                        Behavior.UNIMPLEMENTED,
                        "an offer of the client carries client_max_window_bits, so a response with"
                            + " it is valid; the case needs an offer without it ("
                            + rfc
                            + ")",
                        false);
                  }
                  return HandshakeVerdict.open();
                }));
  }

  /** A 101 that is valid however unusual: the client must connect and echo. */
  private static ClientCase good(
      String id,
      String title,
      String answer,
      String rfc,
      BiFunction<RequestHead, UpgradeAnswer, UpgradeAnswer> change) {
    return ClientCases.of(
        id,
        GROUP,
        TITLE,
        title,
        answer + " Then one echo and a normal close.",
        "The client takes the 101, echoes the text message and answers the harness's Close.",
        Requirement.MUST,
        rfc,
        ClientCases.ECHO_THEN_CLOSE,
        ServerSide.CANONICAL.answeringTo(change));
  }

  /** The client's permessage-deflate offers (none when its header does not parse). */
  static List<ExtensionElement> deflateOffers(RequestHead r) {
    try {
      return r.all("Sec-WebSocket-Extensions").stream()
          .flatMap(v -> ExtensionElement.parseList(v).stream())
          .filter(o -> o.isNamed(PermessageDeflate.NAME))
          .toList();
    } catch (IllegalArgumentException malformed) {
      return List.of();
    }
  }

  private static String mixedCase(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      sb.append(i % 2 == 0 ? Character.toLowerCase(ch) : Character.toUpperCase(ch));
    }
    return sb.toString();
  }

  /**
   * After a bad 101: one text message; the client must close TCP without echoing it. Frames the
   * client sends anyway are counted from their masking keys and its close code.
   */
  static final Consumer<Session> MUST_FAIL =
      f -> {
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
                    "expected the client to fail the connection after the 101, observed the echo"
                        + " of the harness's message: it took the 101 as valid");
              } else if (cs.closedByMe() && !s.maskKeys().isEmpty()) {
                s.verdict(
                    Behavior.FAILED,
                    "expected the client to fail the connection after the 101, observed "
                        + s.maskKeys().size()
                        + " frame(s) from it and TCP still open (it took the 101 as valid; the"
                        + " wire log shows the frames)");
              } else if (cs.closedByMe()) {
                s.verdict(
                    Behavior.FAILED,
                    "expected the client to fail the connection (close TCP) after the 101,"
                        + " observed TCP still open "
                        + (int) FAIL_WAIT
                        + " s later, no frame from the client");
              } else if (!s.maskKeys().isEmpty() || cs.remoteCloseCode() != null) {
                s.verdict(
                    Behavior.NON_STRICT,
                    "the client failed the connection but sent "
                        + (cs.remoteCloseCode() != null
                            ? "a Close frame (code " + cs.remoteCloseCode() + ")"
                            : "a frame")
                        + " first, on a connection that was never established: expected TCP"
                        + " closed without a frame (RFC 6455 §7.1.7: a Close frame only once"
                        + " established)");
              } else {
                s.verdict(
                    Behavior.OK,
                    "the client closed TCP without a frame: it failed the connection as it must");
              }
            });
        f.sendMessage(MESSAGE);
        f.killAfter(FAIL_WAIT);
      };
}
