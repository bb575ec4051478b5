package org.wsconform.cases.handshake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.judge.ClientHandshakeRules;
import org.wsconform.judge.Event;
import org.wsconform.judge.HandshakeCheck;
import org.wsconform.judge.HandshakeExchange;
import org.wsconform.judge.HandshakeVerdict;
import org.wsconform.session.Session;
import org.wsconform.wire.Frame;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.SecWebSocketAccept;
import org.wsconform.wire.UpgradeRequest;

/**
 * R.*: the 101 response itself (RFC 6455 §4.2.2 item 5), one property per case, so that a report
 * names the exact header that is wrong instead of "the handshake never completed".
 *
 * <p>Each case sends the canonical request (some with an offer) and checks its one property of the
 * 101 precisely. A broken property fails the case and no session is opened. When the property
 * holds, the session (open, then a clean close) runs only if the response passes every client check
 * of RFC 6455 §4.1 too; otherwise the case is OK for its property and says which other rule keeps
 * the harness from opening a session. Ids are stable: new cases go at the end.
 */
public final class UpgradeResponse {
  static final String GROUP = "R";
  static final String GROUP_TITLE = "Upgrade Response (101)";

  private static final String OFFERED_PROTOCOLS = "chat, superchat";
  private static final String DEFLATE_OFFER = "permessage-deflate; client_max_window_bits";

  private UpgradeResponse() {}

  /**
   * One property of a 101: empty when it holds, else "expected …, observed …" (without the RFC).
   */
  @FunctionalInterface
  private interface Property {
    Optional<String> broken(HandshakeExchange x, ResponseHead h);
  }

  public static List<ConformanceCase> cases() {
    return List.of(
        r(
            "R.1",
            "status line is 'HTTP/1.1 101'",
            "The canonical request; the 101's status line is checked.",
            "A status line with version HTTP/1.1 and status 101 Switching Protocols (RFC 6455 §4.2.2 item 5.1; a "
                + "client fails the connection for any other status, §4.1 step 1).",
            "RFC 6455 §4.2.2 item 5.1, §4.1 step 1",
            UnaryOperator.identity(),
            "the status line",
            (x, h) -> {
              if (h.status() != 101) {
                return Optional.of(
                    "expected status 101 Switching Protocols, observed '" + h.statusLine() + "'");
              }
              if (!h.version().equals("HTTP/1.1")) {
                return Optional.of(
                    "expected version HTTP/1.1 in the status line, observed '"
                        + h.statusLine()
                        + "'");
              }
              return Optional.empty();
            },
            HandshakeSessions.closeCleanly()),
        r(
            "R.2",
            "exactly one 'Upgrade: websocket'",
            "The canonical request; the 101's Upgrade headers are checked.",
            "Exactly one Upgrade header whose value is 'websocket', compared case-insensitively (RFC 6455 §4.2.2 "
                + "item 5.2, §4.1 step 2).",
            "RFC 6455 §4.2.2 item 5.2, §4.1 step 2",
            UnaryOperator.identity(),
            "the Upgrade header",
            (x, h) -> {
              List<String> u = h.all("Upgrade");
              if (u.size() != 1 || !u.get(0).trim().equalsIgnoreCase("websocket")) {
                return Optional.of(
                    "expected exactly one 'Upgrade: websocket' (case-insensitive), observed "
                        + headers("Upgrade", u));
              }
              return Optional.empty();
            },
            HandshakeSessions.closeCleanly()),
        r(
            "R.3",
            "Connection lists the 'upgrade' token",
            "The canonical request; the 101's Connection headers are checked.",
            "A Connection header whose comma-separated tokens include 'upgrade', compared case-insensitively "
                + "(RFC 6455 §4.2.2 item 5.3, §4.1 step 3; RFC 9110 §7.6.1).",
            "RFC 6455 §4.2.2 item 5.3, §4.1 step 3",
            UnaryOperator.identity(),
            "the Connection header",
            (x, h) -> {
              if (!h.hasToken("Connection", "upgrade")) {
                return Optional.of(
                    "expected a Connection header with the token 'Upgrade', observed "
                        + headers("Connection", h.all("Connection")));
              }
              return Optional.empty();
            },
            HandshakeSessions.closeCleanly()),
        r(
            "R.4",
            "exactly one Sec-WebSocket-Accept",
            "The canonical request; the number of Sec-WebSocket-Accept headers in the 101 is checked.",
            "Exactly one Sec-WebSocket-Accept header (RFC 6455 §4.2.2 item 5.4; it MUST NOT appear more than once "
                + "in a response, §11.3.3).",
            "RFC 6455 §4.2.2 item 5.4, §11.3.3",
            UnaryOperator.identity(),
            "the Sec-WebSocket-Accept count",
            (x, h) -> {
              List<String> a = h.all("Sec-WebSocket-Accept");
              if (a.size() != 1) {
                return Optional.of(
                    "expected exactly one Sec-WebSocket-Accept header, observed "
                        + headers("Sec-WebSocket-Accept", a));
              }
              return Optional.empty();
            },
            HandshakeSessions.closeCleanly()),
        r(
            "R.5",
            "Sec-WebSocket-Accept = base64(SHA-1(key + GUID))",
            "The canonical request with a fresh random key; the 101's Sec-WebSocket-Accept value is checked.",
            "The value is base64(SHA-1(Sec-WebSocket-Key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')), computed "
                + "from the key exactly as sent (RFC 6455 §4.2.2 item 5.4, §1.3; a client fails the connection "
                + "otherwise, §4.1 step 4).",
            "RFC 6455 §4.2.2 item 5.4, §1.3, §4.1 step 4",
            UnaryOperator.identity(),
            "the Sec-WebSocket-Accept value",
            (x, h) -> {
              String want = SecWebSocketAccept.of(x.key());
              List<String> a = h.all("Sec-WebSocket-Accept");
              if (a.isEmpty() || a.stream().anyMatch(v -> !v.trim().equals(want))) {
                return Optional.of(
                    "expected 'Sec-WebSocket-Accept: "
                        + want
                        + "' for key '"
                        + x.key()
                        + "', observed "
                        + headers("Sec-WebSocket-Accept", a));
              }
              return Optional.empty();
            },
            HandshakeSessions.closeCleanly()),
        r(
            "R.6",
            "no Sec-WebSocket-Protocol when none was offered",
            "The canonical request without a Sec-WebSocket-Protocol header.",
            "No Sec-WebSocket-Protocol header in the 101: the server may only choose among the client's offers "
                + "(RFC 6455 §4.2.2 item 5.5 /subprotocol/; a client fails the connection otherwise, §4.1 step 6).",
            "RFC 6455 §4.1 step 6, §4.2.2 /subprotocol/",
            r -> r.without("Sec-WebSocket-Protocol"),
            "the absence of Sec-WebSocket-Protocol",
            (x, h) -> {
              List<String> p = h.all("Sec-WebSocket-Protocol");
              if (!p.isEmpty()) {
                return Optional.of(
                    "expected no Sec-WebSocket-Protocol header (none was offered), observed "
                        + headers("Sec-WebSocket-Protocol", p));
              }
              return Optional.empty();
            },
            HandshakeSessions.closeCleanly()),
        r(
            "R.7",
            "chosen subprotocol is one of those offered, once",
            "The canonical request with 'Sec-WebSocket-Protocol: " + OFFERED_PROTOCOLS + "'.",
            "Either no Sec-WebSocket-Protocol header, or exactly one whose value is exactly one of 'chat' and "
                + "'superchat' (RFC 6455 §4.2.2 /subprotocol/; at most once in a response, §11.3.4; §4.1 step 6).",
            "RFC 6455 §4.2.2 /subprotocol/, §11.3.4, §4.1 step 6",
            r -> r.with("Sec-WebSocket-Protocol", OFFERED_PROTOCOLS),
            "the chosen subprotocol",
            (x, h) -> {
              List<String> p = h.all("Sec-WebSocket-Protocol");
              if (p.size() > 1) {
                return Optional.of(
                    "expected at most one Sec-WebSocket-Protocol header, observed "
                        + headers("Sec-WebSocket-Protocol", p));
              }
              if (p.size() == 1 && !Set.of("chat", "superchat").contains(p.get(0).trim())) {
                return Optional.of(
                    "expected exactly one of the offered values 'chat' or 'superchat', observed "
                        + headers("Sec-WebSocket-Protocol", p));
              }
              return Optional.empty();
            },
            HandshakeSessions.closeCleanly()),
        r(
            "R.8",
            "no Sec-WebSocket-Extensions when none was offered",
            "The canonical request without a Sec-WebSocket-Extensions header.",
            "No Sec-WebSocket-Extensions header in the 101: a server may only accept extensions the client "
                + "offered (RFC 6455 §9.1; a client fails the connection otherwise, §4.1 step 5).",
            "RFC 6455 §4.1 step 5, §9.1",
            r -> r.without("Sec-WebSocket-Extensions"),
            "the absence of Sec-WebSocket-Extensions",
            (x, h) -> {
              List<String> e = h.all("Sec-WebSocket-Extensions");
              if (!e.isEmpty()) {
                return Optional.of(
                    "expected no Sec-WebSocket-Extensions header (none was offered), observed "
                        + headers("Sec-WebSocket-Extensions", e));
              }
              return Optional.empty();
            },
            HandshakeSessions.closeCleanly()),
        r(
            "R.9",
            "only the offered extension, in at most one header",
            "The canonical request with 'Sec-WebSocket-Extensions: "
                + DEFLATE_OFFER
                + "'; the session sends no "
                + "data, only the close.",
            "At most one Sec-WebSocket-Extensions header (§11.3.2: it MUST NOT appear more than once in a "
                + "response), naming no extension but permessage-deflate, the one offered (RFC 6455 §9.1, §4.1 "
                + "step 5; RFC 7692 §5). Declining (no header) is conformant.",
            "RFC 6455 §9.1, §11.3.2, §4.1 step 5, RFC 7692 §5",
            r -> r.with("Sec-WebSocket-Extensions", DEFLATE_OFFER),
            "the accepted extensions",
            (x, h) -> {
              List<String> e = h.all("Sec-WebSocket-Extensions");
              if (e.size() > 1) {
                return Optional.of(
                    "expected at most one Sec-WebSocket-Extensions header, observed "
                        + headers("Sec-WebSocket-Extensions", e));
              }
              Set<String> others =
                  extensionNames(e)
                      .filter(n -> !n.equals("permessage-deflate"))
                      .collect(Collectors.toCollection(TreeSet::new));
              if (!others.isEmpty()) {
                return Optional.of(
                    "expected no extension but the offered permessage-deflate, observed "
                        + headers("Sec-WebSocket-Extensions", e)
                        + " (not offered: "
                        + String.join(", ", others)
                        + ")");
              }
              return Optional.empty();
            },
            HandshakeSessions.closeCleanly()),
        new ConformanceCase(
            "R.10",
            GROUP,
            GROUP_TITLE,
            "frames right behind the 101 are not lost",
            "The canonical request and, in the same TCP write right after its header block, a masked ping "
                + "'early'. The server's pong often arrives in the same TCP read as the 101.",
            "101, then the pong 'early' (RFC 6455 §5.5.2). Whatever follows the 101's blank line is the start of "
                + "the server's frame stream and must not be lost, by the server or by the client reading the 101 "
                + "(RFC 9110 §7.8). RFC 6455 §4.1 says a client MUST wait for the 101 before sending, so a server "
                + "that loses the early ping is NON-STRICT; a 101 that breaks a client rule fails.",
            Requirement.MUST,
            "RFC 6455 §4.1, §4.2.2, §5.5.2, RFC 9110 §7.8",
            r ->
                r.withTrailing(
                    HandshakeSessions.maskedFrame(
                        Frame.ping("early".getBytes(StandardCharsets.UTF_8)))),
            HandshakeChecks.upgrades(
                "101 Switching Protocols for the canonical request with a ping pipelined "
                    + "behind it",
                "RFC 6455 §4.2.2"),
            HandshakeSessions.expectEarly(Event.pong("early")),
            List.of(),
            OpeningHandshake.DEADLINE_SECONDS,
            Schedule.CONCURRENT,
            Origin.WSCONFORM));
  }

  /**
   * One R case (a MUST): the 101 must come; its {@code property} is judged first (broken: the
   * level's verdict, FAILED; no session); then the session opens only if the response passes every
   * client rule.
   */
  private static ConformanceCase r(
      String id,
      String title,
      String description,
      String expectation,
      String rfc,
      UnaryOperator<UpgradeRequest> request,
      String property,
      Property p,
      Consumer<Session> onOpen) {
    HandshakeCheck check =
        x -> {
          if (!x.answered()) {
            return HandshakeVerdict.of(
                x.broken(),
                "expected a 101 response to check "
                    + property
                    + ", observed no HTTP response: "
                    + x.failure()
                    + " ("
                    + rfc
                    + ")");
          }
          ResponseHead h = x.response();
          if (h.status() != 101) {
            return HandshakeVerdict.of(
                x.broken(),
                "expected status 101 Switching Protocols (to check "
                    + property
                    + "), observed '"
                    + h.statusLine()
                    + "' ("
                    + rfc
                    + ")");
          }
          Optional<String> broken = p.broken(x, h);
          if (broken.isPresent()) {
            return HandshakeVerdict.of(x.broken(), broken.get() + " (" + rfc + ")");
          }
          return ClientHandshakeRules.firstBroken(x.request(), x.key(), h)
              .map(
                  other ->
                      HandshakeVerdict.ok(
                          "checked "
                              + property
                              + ": as required; no session was opened because "
                              + "the 101 breaks another client rule: "
                              + other))
              .orElse(HandshakeVerdict.open());
        };
    return new ConformanceCase(
        id,
        GROUP,
        GROUP_TITLE,
        title,
        description,
        expectation,
        Requirement.MUST,
        rfc,
        request,
        check,
        onOpen,
        List.of(),
        OpeningHandshake.DEADLINE_SECONDS,
        Schedule.CONCURRENT,
        Origin.WSCONFORM);
  }

  /** "none", "'Name: v'", or "2 headers 'Name: a', 'Name: b'". */
  private static String headers(String name, List<String> values) {
    String quoted =
        values.stream().map(v -> "'" + name + ": " + v + "'").collect(Collectors.joining(", "));
    return values.isEmpty()
        ? "none"
        : values.size() == 1 ? quoted : values.size() + " headers " + quoted;
  }

  /** Extension names of Sec-WebSocket-Extensions values (RFC 6455 §9.1 grammar), lower case. */
  private static Stream<String> extensionNames(List<String> values) {
    return values.stream()
        .flatMap(v -> Stream.of(v.split(",")))
        .map(e -> e.split(";")[0].trim().toLowerCase(Locale.ROOT))
        .filter(n -> !n.isEmpty());
  }
}
