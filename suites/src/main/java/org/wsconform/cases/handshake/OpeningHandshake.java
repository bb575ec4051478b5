package org.wsconform.cases.handshake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.judge.ClientHandshakeRules;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.HandshakeCheck;
import org.wsconform.judge.HandshakeExchange;
import org.wsconform.judge.HandshakeVerdict;
import org.wsconform.judge.Judge;
import org.wsconform.session.Session;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.Header;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.SendOptions;
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
                OpeningHandshake::statusLine)));

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
                  OpeningHandshake::statusAndVersions)));
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
                  OpeningHandshake::statusLine)));
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
                  OpeningHandshake::statusLine)));
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
                OpeningHandshake::statusLine)));

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
                OpeningHandshake::statusLine)));

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

  // ---------------------------------------------------------------- judging

  /**
   * The one judge for a 101 that must come: no answer or another status gets the case's level
   * (FAILED for a MUST, NON-STRICT for a SHOULD); a 101 that breaks a client rule always fails.
   */
  static HandshakeCheck upgrades(String expected, String rfc) {
    return x -> {
      if (!x.answered()) {
        return verdict(
            x.broken(),
            "expected "
                + expected
                + ", observed no HTTP response: "
                + x.failure()
                + " ("
                + rfc
                + ")");
      }
      ResponseHead h = x.response();
      if (h.status() != 101) {
        return verdict(
            x.broken(),
            "expected " + expected + ", observed '" + h.statusLine() + "' (" + rfc + ")");
      }
      return ClientHandshakeRules.firstBroken(x.request(), x.key(), h)
          .map(HandshakeVerdict::failed)
          .orElse(HandshakeVerdict.open());
    };
  }

  /**
   * How a request that must not be upgraded is to be answered, and how every other answer counts.
   * The order is fixed: 101 gets the case's level (a MUST fails); then {@code ok}; then a status
   * below 400 (not an error) gets {@code notAnError}; any other error status gets {@code
   * otherError}; no HTTP answer at all (closed, reset, deadline, garbage) gets {@code noAnswer}.
   *
   * @param expected the answer that earns OK, in words ("426 Upgrade Required with …")
   * @param observed what of the response a reason quotes (the status line, plus a header)
   */
  record Refusal(
      String expected,
      Predicate<ResponseHead> ok,
      Behavior otherError,
      Behavior notAnError,
      Behavior noAnswer,
      String rfc,
      Function<ResponseHead, String> observed) {

    HandshakeVerdict judge(HandshakeExchange x) {
      if (!x.answered()) {
        return verdict(noAnswer, expectedObserved("no HTTP response (" + x.failure() + ")"));
      }
      ResponseHead h = x.response();
      String seen = observed.apply(h);
      if (h.status() == 101) {
        return verdict(
            x.broken(),
            "expected "
                + expected
                + " without upgrading, observed "
                + seen
                + ": the server switched protocols for a request it must refuse ("
                + rfc
                + ")");
      }
      if (ok.test(h)) {
        return HandshakeVerdict.ok("observed " + seen);
      }
      if (h.status() < 400) {
        String what =
            h.status() >= 200 && h.status() < 300
                ? ", a success status instead of an error: the endpoint serves a WebSocket URL as an ordinary web resource"
                : ", which is not an error status";
        return verdict(notAnError, expectedObserved(seen + what));
      }
      return verdict(otherError, expectedObserved(seen));
    }

    private String expectedObserved(String seen) {
      return "expected " + expected + ", observed " + seen + " (" + rfc + ")";
    }
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
        OpeningHandshake::statusLine);
  }

  private static HandshakeVerdict verdict(Behavior b, String reason) {
    return HandshakeVerdict.of(b, reason);
  }

  static String statusLine(ResponseHead h) {
    return "'" + h.statusLine() + "'";
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

  // ---------------------------------------------------------------- requests and sessions

  private static UpgradeRequest lowerCaseNames(UpgradeRequest r) {
    List<Header> lower =
        r.headers().stream()
            .map(h -> new Header(h.name().toLowerCase(Locale.ROOT), h.value()))
            .toList();
    return new UpgradeRequest(r.method(), r.target(), r.version(), lower, r.trailing());
  }

  /** A frame as a client writes it: masked with a fresh random key. */
  static byte[] maskedFrame(Frame f) {
    return FrameEncoder.encode(f, SendOptions.DEFAULT, ThreadLocalRandom.current().nextInt());
  }

  /** The session of every case whose success is a 101: nothing to echo, a clean close 1000. */
  static Consumer<Session> closeCleanly() {
    return f -> {
      f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(1000)));
      f.sendClose(1000, null);
      f.closeAfter(1);
    };
  }

  /**
   * H.23's session: a ping after the body octets tells whether the server consumed them as the
   * request's content (the pong comes back) or took them for frame data (it fails the connection).
   */
  private static Consumer<Session> afterBody() {
    Event pong = Event.pong("after-body");
    return f -> {
      f.expect(Expectation.ok(List.of(pong), CloseExpectation.byMe(1000)));
      f.verdict(
          Behavior.INFORMATIONAL,
          "101 to a request with a 5-octet body, but no pong for a ping sent after "
              + "it: the server did not take the 5 octets as the request's content (see its close code and the wire log)");
      f.onEvent(
          e -> {
            f.record(e);
            if (f.received().equals(List.of(pong))) {
              f.verdict(
                  Behavior.INFORMATIONAL,
                  "101 to a request with a 5-octet body, and the ping sent after it was "
                      + "answered: the server consumed the 5 octets as the request's content");
              if (f.isOpen()) f.sendClose(1000, null);
            }
          });
      f.sendFrame(Frame.ping("after-body".getBytes(StandardCharsets.US_ASCII)));
      f.closeAfter(1);
    };
  }

  /**
   * The session after a frame pipelined behind the request: {@code answer} is OK, nothing is
   * NON-STRICT (the frame was lost). The harness closes as soon as the answer arrives (a
   * two-outcome expectation never closes by itself), or after 1 s without it.
   */
  static Consumer<Session> expectEarly(Event answer) {
    return f -> {
      f.expect(Expectation.okOrNonStrict(List.of(answer), List.of(), CloseExpectation.byMe(1000)));
      f.onEvent(
          e -> {
            f.record(e);
            if (f.isOpen() && f.received().equals(List.of(answer))) f.sendClose(1000, null);
          });
      f.closeAfter(1);
    };
  }
}
