package org.wsconform.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Header;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.SecWebSocketAccept;
import org.wsconform.wire.UpgradeRequest;

/**
 * A case's requirement level is stated once: what {@code --list} shows is the verdict its handshake
 * check gives a broken expectation. For every H.* and R.* case, the worst verdict its check gives
 * any of a range of answers (no answer, a 101 that passes every client rule, and the usual
 * statuses) is the level's: MUST FAILED, SHOULD NON-STRICT, INFORMATIONAL INFORMATIONAL.
 */
class VerdictLevelTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  @Test
  void everyLevelNamesTheVerdictOfABrokenExpectation() {
    assertThat(Requirement.MUST.whenBroken()).isEqualTo(Behavior.FAILED);
    assertThat(Requirement.SHOULD.whenBroken()).isEqualTo(Behavior.NON_STRICT);
    assertThat(Requirement.INFORMATIONAL.whenBroken()).isEqualTo(Behavior.INFORMATIONAL);
  }

  @Test
  void theWorstHandshakeVerdictOfEveryHandshakeCaseIsItsLevel() {
    List<ConformanceCase> cases =
        Catalogue.all().stream()
            .filter(c -> c.id().startsWith("H.") || c.id().startsWith("R."))
            .toList();
    assertThat(cases).hasSizeGreaterThan(30);
    Map<String, String> disagreements = new LinkedHashMap<>();
    for (ConformanceCase c : cases) {
      Behavior worst =
          answers().stream()
              .map(a -> check(c, a).behavior())
              .max(Comparator.comparingInt(b -> Behavior.badnessOrder().indexOf(b)))
              .orElseThrow();
      if (worst != c.requirement().whenBroken()) {
        disagreements.put(c.id(), c.requirement() + " but its check gives " + worst.label());
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void h19WithoutHostIsAMustThatFailsAnUpgrade() {
    ConformanceCase h19 =
        Catalogue.all().stream().filter(c -> c.id().equals("H.19")).findFirst().orElseThrow();
    assertThat(h19.requirement()).isEqualTo(Requirement.MUST);
    assertThat(check(h19, switchingProtocols()).behavior()).isEqualTo(Behavior.FAILED);
    assertThat(check(h19, response(500, "Internal Server Error")).behavior())
        .isEqualTo(Behavior.NON_STRICT);
  }

  private static HandshakeVerdict check(ConformanceCase c, ResponseHead answer) {
    UpgradeRequest request =
        c.request()
            .apply(UpgradeRequest.canonical(Endpoint.parse("ws://127.0.0.1:9/"), KEY, List.of()));
    return c.handshake()
        .check(
            new HandshakeExchange(
                request,
                KEY,
                answer,
                answer == null
                    ? "the server closed the connection without answering the upgrade request"
                    : null,
                c.requirement().whenBroken()));
  }

  private static List<ResponseHead> answers() {
    List<ResponseHead> l = new ArrayList<>();
    l.add(null);
    l.add(switchingProtocols());
    l.add(response(200, "OK"));
    l.add(response(301, "Moved Permanently", "Location: /"));
    l.add(response(400, "Bad Request"));
    l.add(response(403, "Forbidden"));
    l.add(response(405, "Method Not Allowed"));
    l.add(response(426, "Upgrade Required", "Sec-WebSocket-Version: 13"));
    l.add(response(500, "Internal Server Error"));
    return l;
  }

  private static ResponseHead switchingProtocols() {
    return response(
        101,
        "Switching Protocols",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Accept: " + SecWebSocketAccept.of(KEY));
  }

  private static ResponseHead response(int status, String reason, String... headers) {
    StringBuilder raw = new StringBuilder("HTTP/1.1 " + status + " " + reason + "\r\n");
    List<Header> h = new ArrayList<>();
    for (String line : headers) {
      h.add(Header.parse(line));
      raw.append(line).append("\r\n");
    }
    return new ResponseHead(
        "HTTP/1.1", status, reason, h, raw.append("\r\n").toString(), new byte[0]);
  }
}
