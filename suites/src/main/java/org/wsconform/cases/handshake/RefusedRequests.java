package org.wsconform.cases.handshake;

import static org.wsconform.cases.handshake.HandshakeChecks.statusLine;
import static org.wsconform.cases.handshake.HandshakeSessions.closeCleanly;
import static org.wsconform.cases.handshake.OpeningHandshake.DEADLINE_SECONDS;
import static org.wsconform.cases.handshake.OpeningHandshake.GROUP;
import static org.wsconform.cases.handshake.OpeningHandshake.GROUP_TITLE;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.cases.handshake.HandshakeChecks.Refusal;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.UpgradeRequest;

/**
 * The H.* requests a server must refuse (RFC 6455 §4.2.1): those that do not ask for the upgrade
 * (H.2–H.4), and upgrade requests that break one of its requirements (H.8–H.19: version, key,
 * method, HTTP version, Host). {@link OpeningHandshake#cases()} places them in the case order.
 */
final class RefusedRequests {
  private RefusedRequests() {}

  /** H.2–H.4: requests that do not ask for the upgrade at all. */
  static List<ConformanceCase> notAskingToUpgrade() {
    List<ConformanceCase> l = new ArrayList<>();

    l.add(
        refused(
            "H.2",
            "plain GET, as a browser visiting the URL",
            "GET of the WebSocket URL without Upgrade, Connection, Sec-WebSocket-Key and Sec-WebSocket-Version "
                + "(with 'Accept: text/html'), as a browser sends when someone types the URL.",
            "426 Upgrade Required: the resource is only reachable through the WebSocket upgrade, and 426 says so "
                + "(RFC 9110 §15.5.22, was RFC 7231 §6.5.15). 400 is acceptable (NON-STRICT); any other error "
                + "status too. 101, or a 2xx/3xx page, is a failure: the endpoint pretends a WebSocket URL is a web page.",
            Requirement.MUST,
            r ->
                r.without("Upgrade")
                    .without("Connection")
                    .without("Sec-WebSocket-Key")
                    .without("Sec-WebSocket-Version")
                    .with("Accept", "text/html"),
            new Refusal(
                "426 Upgrade Required (the precise answer; RFC 9110 §15.5.22, was RFC 7231 §6.5.15)",
                h -> h.status() == 426,
                Behavior.NON_STRICT,
                Behavior.FAILED,
                Behavior.NON_STRICT,
                "RFC 6455 §4.2.1, RFC 9110 §15.5.22",
                HandshakeChecks::statusLine)));

    l.add(
        refused(
            "H.3",
            "Upgrade: websocket without a Connection header",
            "The canonical request without its Connection header: 'Upgrade: websocket' alone.",
            "No upgrade: without 'Connection: Upgrade' the request does not ask for one (RFC 9110 §7.8: Upgrade "
                + "must be listed in Connection), and RFC 6455 §4.2.1 item 4 requires it. 426 or 400 is the "
                + "answer; another 4xx/5xx is NON-STRICT; 101 fails.",
            Requirement.MUST,
            r -> r.without("Connection"),
            notAnUpgradeRequest("RFC 6455 §4.2.1 item 4, RFC 9110 §7.8")));

    l.add(
        refused(
            "H.4",
            "Connection header without the upgrade token",
            "The canonical request with 'Connection: keep-alive' instead of 'Connection: Upgrade'.",
            "No upgrade: the Connection header does not list the 'Upgrade' token (RFC 6455 §4.2.1 item 4). 426 or "
                + "400; another 4xx/5xx is NON-STRICT; 101 fails.",
            Requirement.MUST,
            r -> r.with("Connection", "keep-alive"),
            notAnUpgradeRequest("RFC 6455 §4.2.1 item 4, RFC 9110 §7.6.1")));

    return List.copyOf(l);
  }

  /** H.8–H.19: upgrade requests that break a requirement of RFC 6455 §4.2.1. */
  static List<ConformanceCase> invalidUpgrades() {
    List<ConformanceCase> l = new ArrayList<>();

    // Sec-WebSocket-Version other than 13 (§4.2.2 /version/, §4.4): one row per value; null =
    // header absent.
    String[][] versions = {
      {"H.8", "Sec-WebSocket-Version: 8 (hybi-08)", "8"},
      {"H.9", "Sec-WebSocket-Version: 14 (a future version)", "14"},
      {"H.10", "no Sec-WebSocket-Version header", null},
      {"H.11", "non-numeric Sec-WebSocket-Version", "abc"},
    };
    for (String[] v : versions) {
      String sent =
          v[2] == null
              ? "without its Sec-WebSocket-Version header"
              : "with 'Sec-WebSocket-Version: " + v[2] + "'";
      l.add(
          refused(
              v[0],
              v[1],
              "The canonical request " + sent + ".",
              "426 Upgrade Required with a Sec-WebSocket-Version header listing 13, the version the server speaks "
                  + "(RFC 6455 §4.2.2 /version/, §4.4), so that the client can retry. 400, or 426 without that header, "
                  + "is NON-STRICT; another 4xx/5xx is NON-STRICT; 101 fails (RFC 6455 §4.2.1 item 6 requires 13).",
              Requirement.MUST,
              v[2] == null
                  ? r -> r.without("Sec-WebSocket-Version")
                  : r -> r.with("Sec-WebSocket-Version", v[2]),
              new Refusal(
                  "426 Upgrade Required with 'Sec-WebSocket-Version: 13'",
                  h -> h.status() == 426 && h.hasToken("Sec-WebSocket-Version", "13"),
                  Behavior.NON_STRICT,
                  Behavior.FAILED,
                  Behavior.NON_STRICT,
                  "RFC 6455 §4.2.2 /version/, §4.4",
                  RefusedRequests::statusAndVersions)));
    }

    // A Sec-WebSocket-Key that is not one base64 value of 16 octets (§4.2.1 item 5).
    record KeyRow(String id, String title, String sent, UnaryOperator<UpgradeRequest> request) {}
    List<KeyRow> keys =
        List.of(
            new KeyRow(
                "H.12",
                "no Sec-WebSocket-Key header",
                "without its Sec-WebSocket-Key header",
                r -> r.without("Sec-WebSocket-Key")),
            new KeyRow(
                "H.13",
                "Sec-WebSocket-Key not in base64",
                "with 'Sec-WebSocket-Key: not base64 !!'",
                r -> r.with("Sec-WebSocket-Key", "not base64 !!")),
            new KeyRow(
                "H.14",
                "Sec-WebSocket-Key of 8 octets",
                "with 'Sec-WebSocket-Key: AQIDBAUGBwg=' (base64 of 8 " + "octets, not 16)",
                r -> r.with("Sec-WebSocket-Key", "AQIDBAUGBwg=")),
            new KeyRow(
                "H.15",
                "two Sec-WebSocket-Key headers",
                "with a second Sec-WebSocket-Key header (another valid "
                    + "16-octet key) after the first",
                r -> r.plus("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")));
    for (KeyRow k : keys) {
      l.add(
          refused(
              k.id(),
              k.title(),
              "The canonical request " + k.sent() + ".",
              "400 Bad Request: the key must be one base64-encoded 16-octet value (RFC 6455 §4.2.1 item 5; the "
                  + "header must not appear more than once, §11.3.1), and the server must stop the handshake "
                  + "with an error code such as 400. Another 4xx/5xx is NON-STRICT; 101 fails.",
              Requirement.MUST,
              k.request(),
              new Refusal(
                  "400 Bad Request",
                  h -> h.status() == 400,
                  Behavior.NON_STRICT,
                  Behavior.FAILED,
                  Behavior.NON_STRICT,
                  "RFC 6455 §4.2.1 item 5, §11.3.1",
                  HandshakeChecks::statusLine)));
    }

    // A method other than GET (§4.2.1 item 1).
    String[][] methods = {{"H.16", "POST"}, {"H.17", "PUT"}};
    for (String[] m : methods) {
      l.add(
          refused(
              m[0],
              m[1] + " with all upgrade headers",
              "The canonical request with the method " + m[1] + " instead of GET (no body).",
              "A 4xx refusal (405 Method Not Allowed, 400 or 426): the opening handshake must be a GET (RFC 6455 "
                  + "§4.2.1 item 1). A 5xx is NON-STRICT; 101 fails.",
              Requirement.MUST,
              r -> r.withMethod(m[1]),
              new Refusal(
                  "a 4xx refusal such as 405 Method Not Allowed",
                  h -> h.status() >= 400 && h.status() < 500,
                  Behavior.NON_STRICT,
                  Behavior.FAILED,
                  Behavior.NON_STRICT,
                  "RFC 6455 §4.2.1 item 1",
                  HandshakeChecks::statusLine)));
    }

    l.add(
        refused(
            "H.18",
            "HTTP/1.0 request line",
            "The canonical request (all upgrade headers) with the request line 'GET / HTTP/1.0'.",
            "No upgrade: the opening handshake needs HTTP/1.1 or higher (RFC 6455 §4.2.1 item 1), and a server "
                + "must ignore Upgrade in an HTTP/1.0 request (RFC 9110 §7.8). Any answer but 101 passes, including "
                + "closing the connection without one; 101 fails.",
            Requirement.MUST,
            r -> r.withVersion("HTTP/1.0"),
            new Refusal(
                "any answer but 101 (an error status, or closing without one)",
                h -> true,
                Behavior.OK,
                Behavior.OK,
                Behavior.OK,
                "RFC 6455 §4.2.1 item 1, RFC 9110 §7.8",
                HandshakeChecks::statusLine)));

    l.add(
        refused(
            "H.19",
            "no Host header",
            "The canonical request without its Host header.",
            "400 Bad Request: the handshake needs a Host header (RFC 6455 §4.2.1 item 2), and a server MUST answer "
                + "400 to an HTTP/1.1 request without one (RFC 9112 §3.2). Another 4xx/5xx is NON-STRICT; 101 fails.",
            Requirement.MUST,
            r -> r.without("Host"),
            new Refusal(
                "400 Bad Request",
                h -> h.status() == 400,
                Behavior.NON_STRICT,
                Behavior.FAILED,
                Behavior.NON_STRICT,
                "RFC 6455 §4.2.1 item 2, RFC 9112 §3.2",
                HandshakeChecks::statusLine)));

    return List.copyOf(l);
  }

  /** A case whose success is a refusal: no session is ever opened. */
  private static ConformanceCase refused(
      String id,
      String title,
      String description,
      String expectation,
      Requirement req,
      UnaryOperator<UpgradeRequest> request,
      Refusal refusal) {
    return new ConformanceCase(
        id,
        GROUP,
        GROUP_TITLE,
        title,
        description,
        expectation,
        req,
        refusal.rfc(),
        request,
        x -> refusal.judge(x),
        closeCleanly(),
        List.of(),
        DEADLINE_SECONDS,
        Schedule.CONCURRENT,
        Origin.WSCONFORM);
  }

  /** 426 or 400 for a request that does not ask for the upgrade; other errors NON-STRICT. */
  private static Refusal notAnUpgradeRequest(String rfc) {
    return new Refusal(
        "426 Upgrade Required or 400 Bad Request",
        h -> h.status() == 426 || h.status() == 400,
        Behavior.NON_STRICT,
        Behavior.FAILED,
        Behavior.NON_STRICT,
        rfc,
        HandshakeChecks::statusLine);
  }

  private static String statusAndVersions(ResponseHead h) {
    List<String> v = h.all("Sec-WebSocket-Version");
    return statusLine(h)
        + (v.isEmpty()
            ? " without a Sec-WebSocket-Version header"
            : " with Sec-WebSocket-Version " + quoted(v));
  }

  /** Header values as the client rules show them: "none", or each value quoted. */
  private static String quoted(List<String> values) {
    return values.isEmpty()
        ? "none"
        : values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
  }
}
