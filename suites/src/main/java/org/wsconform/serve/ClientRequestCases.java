package org.wsconform.serve;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import org.wsconform.cases.Requirement;
import org.wsconform.deflate.ExtensionElement;
import org.wsconform.deflate.PermessageDeflate;
import org.wsconform.judge.HandshakeVerdict;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.RequestHead;

/**
 * CH.*: the client's opening request, one case per requirement of RFC 6455 §4.1 ("The requirements
 * for this handshake are as follows"). The harness answers every request with the canonical 101 and
 * one echo, so a request that breaks a rule still shows whether the client could talk; the case's
 * verdict is the rule's.
 */
final class ClientRequestCases {
  private static final String GROUP = "CH";
  private static final String TITLE = "Client: opening request (RFC 6455 §4.1)";

  private ClientRequestCases() {}

  static List<ClientCase> cases() {
    return List.of(
        c(
            "CH.1",
            "the method is GET",
            "The request's method is GET.",
            "RFC 6455 §4.1, item 2",
            (r, h) ->
                r.method().equals("GET")
                    ? ok()
                    : broken("expected the method GET, observed '" + r.method() + "'")),
        c(
            "CH.2",
            "the HTTP version is at least 1.1",
            "The request line says HTTP/1.1 (or a later version).",
            "RFC 6455 §4.1, item 2",
            (r, h) -> {
              String v = r.version();
              boolean atLeast11 =
                  v.equals("HTTP/1.1") || (v.startsWith("HTTP/") && v.compareTo("HTTP/1.1") > 0);
              return atLeast11 ? ok() : broken("expected HTTP/1.1, observed '" + v + "'");
            }),
        c(
            "CH.3",
            "a Host header is sent",
            "The request has exactly one Host header naming the server (and the port when it is not"
                + " the scheme's default).",
            "RFC 6455 §4.1, item 4; RFC 9112 §3.2",
            (r, h) -> {
              List<String> host = r.all("Host");
              if (host.isEmpty()) return broken("expected a Host header, observed none");
              if (host.size() > 1) return broken("expected one Host header, observed " + host);
              return host.get(0).isBlank()
                  ? broken("expected a host name, observed an empty Host")
                  : ok();
            }),
        c(
            "CH.4",
            "Upgrade: websocket",
            "The request has an Upgrade header whose value includes the keyword 'websocket'"
                + " (case-insensitive).",
            "RFC 6455 §4.1, item 5",
            (r, h) ->
                r.hasToken("Upgrade", "websocket")
                    ? ok()
                    : broken("expected 'Upgrade: websocket', observed " + shown(r.all("Upgrade")))),
        c(
            "CH.5",
            "Connection: Upgrade",
            "The request has a Connection header that includes the token 'Upgrade'"
                + " (case-insensitive).",
            "RFC 6455 §4.1, item 6",
            (r, h) ->
                r.hasToken("Connection", "upgrade")
                    ? ok()
                    : broken(
                        "expected a Connection header with the token Upgrade, observed "
                            + shown(r.all("Connection")))),
        c(
            "CH.6",
            "Sec-WebSocket-Version: 13",
            "The request has exactly one Sec-WebSocket-Version header, with the value 13.",
            "RFC 6455 §4.1, item 9",
            (r, h) -> {
              List<String> v = r.all("Sec-WebSocket-Version");
              return v.size() == 1 && v.get(0).trim().equals("13")
                  ? ok()
                  : broken("expected 'Sec-WebSocket-Version: 13', observed " + shown(v));
            }),
        c(
            "CH.7",
            "Sec-WebSocket-Key is 16 octets in base64",
            "The request has exactly one Sec-WebSocket-Key header, whose value base64-decodes to"
                + " 16 octets.",
            "RFC 6455 §4.1, item 7",
            (r, h) -> {
              List<String> k = r.all("Sec-WebSocket-Key");
              if (k.size() != 1)
                return broken("expected one Sec-WebSocket-Key header, observed " + shown(k));
              Optional<byte[]> octets = decode(k.get(0).trim());
              if (octets.isEmpty())
                return broken("expected a base64 key, observed '" + k.get(0) + "' (not base64)");
              return octets.get().length == 16
                  ? ok()
                  : broken(
                      "expected a key of 16 octets, observed "
                          + octets.get().length
                          + " octets in '"
                          + k.get(0)
                          + "'");
            }),
        c(
            "CH.8",
            "Sec-WebSocket-Key is new on every connection",
            "The key differs from the key of every earlier connection of this client in the run, and"
                + " its 16 octets are not all the same (a constant or all-zero key is not 'randomly"
                + " selected').",
            "RFC 6455 §4.1, item 7; §10.3",
            (r, h) -> {
              String k = r.header("Sec-WebSocket-Key").orElse("").trim();
              Optional<String> first = h.firstUse(k);
              if (first.isPresent() && !first.get().equals("CH.8")) {
                return broken(
                    "expected a key never sent before in this run, observed '"
                        + k
                        + "', the key of the connection for case "
                        + first.get());
              }
              Optional<byte[]> octets = decode(k);
              if (octets.isPresent() && octets.get().length > 1 && allSame(octets.get())) {
                return broken(
                    "expected 16 random octets, observed '" + k + "' (every octet the same)");
              }
              return ok();
            }),
        c(
            "CH.9",
            "a well-formed extension offer",
            "Every Sec-WebSocket-Extensions header parses as extension elements (RFC 6455 §9.1),"
                + " and every permessage-deflate offer uses only its four parameters, each once, with"
                + " valid values (RFC 7692 §7). No header at all passes.",
            "RFC 6455 §4.1, item 11, §9.1; RFC 7692 §7",
            (r, h) -> {
              for (String v : r.all("Sec-WebSocket-Extensions")) {
                List<ExtensionElement> offers;
                try {
                  offers = ExtensionElement.parseList(v);
                } catch (IllegalArgumentException e) {
                  return broken(
                      "expected a well-formed extension list, observed '"
                          + v
                          + "': "
                          + e.getMessage());
                }
                for (ExtensionElement o : offers) {
                  if (!o.isNamed(PermessageDeflate.NAME)) continue;
                  Optional<String> p = PermessageDeflate.offerProblem(o);
                  if (p.isPresent()) return broken("the offer '" + o + "' is invalid: " + p.get());
                }
              }
              return ok();
            }),
        new ClientCase(
            0,
            ClientCases.of(
                    "CH.10",
                    GROUP,
                    TITLE,
                    "Origin, when the client is a browser",
                    "A browser sends an Origin header with the page's origin. Other clients may"
                        + " (the case is informational for them).",
                    "Browsers: an Origin header. Other clients: informational.",
                    Requirement.MUST,
                    "RFC 6455 §4.1, item 8; §10.2",
                    ClientCases.ECHO_THEN_CLOSE,
                    ServerSide.CANONICAL)
                .testCase(),
            ServerSide.CANONICAL.judging(
                (r, h) -> {
                  Optional<String> origin = r.header("Origin");
                  if (h.browser()) {
                    return origin.isPresent()
                        ? ok()
                        : broken("expected an Origin header from a browser, observed none");
                  }
                  return HandshakeVerdict.informational(
                      origin
                          .map(o -> "not a browser; it sent 'Origin: " + o + "'")
                          .orElse("not a browser; it sent no Origin (allowed)"),
                      true);
                })));
  }

  private static ClientCase c(
      String id,
      String title,
      String expectation,
      String rfc,
      BiFunction<RequestHead, ClientHistory, HandshakeVerdict> rule) {
    return ClientCases.of(
        id,
        GROUP,
        TITLE,
        title,
        "The harness, as the server, reads the client's opening request and answers the canonical"
            + " 101 whatever it holds; then one echo and a normal close.",
        expectation,
        Requirement.MUST,
        rfc,
        ClientCases.ECHO_THEN_CLOSE,
        ServerSide.CANONICAL.judging(rule));
  }

  private static HandshakeVerdict ok() {
    return HandshakeVerdict.open();
  }

  private static HandshakeVerdict broken(String reason) {
    return new HandshakeVerdict(Behavior.FAILED, reason, true);
  }

  private static String shown(List<String> values) {
    return values.isEmpty() ? "none" : "'" + String.join("', '", values) + "'";
  }

  private static Optional<byte[]> decode(String b64) {
    try {
      return Optional.of(Base64.getDecoder().decode(b64));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean allSame(byte[] b) {
    for (byte x : b) if (x != b[0]) return false;
    return true;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
