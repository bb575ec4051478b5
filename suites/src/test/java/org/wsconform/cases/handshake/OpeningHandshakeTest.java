package org.wsconform.cases.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.judge.HandshakeExchange;
import org.wsconform.judge.HandshakeVerdict;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.RunSettings;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Header;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.SecWebSocketAccept;
import org.wsconform.wire.UpgradeRequest;

/**
 * H.*: the catalogue's shape; each case against the reference server (nothing FAILED) and the
 * faulty server (only the case of the fault FAILED); and the handshake judge on crafted answers.
 */
class OpeningHandshakeTest {
  private static ReferenceServer reference;

  @BeforeAll
  static void startReference() {
    reference = ReferenceServer.start(0);
  }

  @AfterAll
  static void stopReference() {
    if (reference != null) reference.close();
  }

  static Stream<Arguments> cases() {
    return OpeningHandshake.cases().stream().map(c -> Arguments.argumentSet(c.displayName(), c));
  }

  @Test
  void idsAreStableAndEveryCaseSaysWhatItChecks() {
    List<ConformanceCase> cases = OpeningHandshake.cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(22);
    assertThat(cases)
        .extracting(ConformanceCase::id)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, cases.size()).mapToObj(i -> "H." + i).toList());
    for (ConformanceCase c : cases) {
      assertThat(c.group()).as(c.id()).isEqualTo("H");
      assertThat(c.groupTitle()).as(c.id()).isEqualTo("Opening Handshake");
      assertThat(List.of(c.title(), c.description(), c.expectation()))
          .as(c.id())
          .allMatch(s -> s != null && !s.isBlank());
      assertThat(c.rfc()).as(c.id()).startsWith("RFC ");
      assertThat(c.requirement()).as(c.id()).isNotNull();
    }
  }

  // ---------------------------------------------------------------- against real servers

  @ParameterizedTest(name = "{argumentSetName}")
  @MethodSource("cases")
  void passesAgainstTheReferenceServer(ConformanceCase c) {
    CaseResult r = run(reference.uri(), c);
    assertThat(r.judgement().behavior()).as(line(r)).isNotIn(Behavior.FAILED, Behavior.ERROR);
    assertThat(r.outcome()).as(line(r)).isNotIn(Outcome.FAILED, Outcome.ERROR);
  }

  @Test
  void theReferenceServerGivesThePreciseAnswerToEveryCase() {
    long t0 = System.nanoTime();
    Map<String, CaseResult> results = runAll(reference.uri(), handshakeCases());
    long millis = (System.nanoTime() - t0) / 1_000_000;
    Set<String> informational = Set.of("H.22", "H.23");
    assertThat(results.values())
        .as("%s", describe(results.values()))
        .allMatch(
            r ->
                r.judgement().behavior()
                    == (informational.contains(r.testCase().id())
                        ? Behavior.INFORMATIONAL
                        : Behavior.OK));
    assertThat(results.get("H.23").judgement().result())
        .as(line(results.get("H.23")))
        .contains("consumed the 5 octets as the request's content");
    assertThat(millis)
        .as("H.* and R.* against the reference server took %d ms", millis)
        .isLessThan(10_000);
  }

  @Test
  void aConformantFaultyServerFailsNoCase() {
    try (FaultyServer server = FaultyServer.start(0, Set.of())) {
      Map<String, CaseResult> results = runAll(server.uri(), handshakeCases());
      assertThat(failed(results)).as("%s", describe(results.values())).isEmpty();
    }
  }

  @Test
  void a200PageForAPlainGetFailsThePlainGetCaseAndNothingElse() {
    try (FaultyServer server = FaultyServer.start(0, Set.of(Fault.PLAIN_GET_200))) {
      Map<String, CaseResult> results = runAll(server.uri(), handshakeCases());
      assertThat(failed(results)).as("%s", describe(results.values())).containsExactly("H.2");
      assertThat(results.get("H.2").reason())
          .contains("expected 426", "observed 'HTTP/1.1 200 OK'", "RFC 6455 §4.2.1");
    }
  }

  // ---------------------------------------------------------------- the judge on crafted answers

  @Test
  void aVersionTheServerDoesNotSpeakIsJudgedOnStatusAndVersionHeader() {
    ConformanceCase v8 = byId("H.8");
    assertThat(
            judge(v8, response(426, "Upgrade Required", "Sec-WebSocket-Version: 13, 8")).behavior())
        .isEqualTo(Behavior.OK);
    HandshakeVerdict without = judge(v8, response(426, "Upgrade Required"));
    assertThat(without.behavior()).isEqualTo(Behavior.NON_STRICT);
    assertThat(without.reason())
        .contains(
            "expected 426 Upgrade Required with 'Sec-WebSocket-Version: 13'",
            "observed 'HTTP/1.1 426 Upgrade Required' without a Sec-WebSocket-Version header",
            "RFC 6455 §4.2.2");
    assertThat(judge(v8, response(400, "Bad Request")).behavior()).isEqualTo(Behavior.NON_STRICT);
    assertThat(judge(v8, response(404, "Not Found")).behavior()).isEqualTo(Behavior.NON_STRICT);
    assertThat(judge(v8, response(200, "OK")).behavior()).isEqualTo(Behavior.FAILED);
    assertThat(judge(v8, noAnswer()).behavior()).isEqualTo(Behavior.NON_STRICT);
    HandshakeVerdict upgraded = judge(v8, switchingProtocols(v8));
    assertThat(upgraded.behavior()).isEqualTo(Behavior.FAILED);
    assertThat(upgraded.openSession()).isFalse();
    assertThat(upgraded.reason())
        .contains(
            "without upgrading",
            "observed 'HTTP/1.1 101 Switching Protocols'",
            "RFC 6455 §4.2.2 /version/");
  }

  @Test
  void aPlainGetWants426AndNeverAPage() {
    ConformanceCase get = byId("H.2");
    UpgradeRequest sent = get.request().apply(canonical());
    assertThat(sent.header("Upgrade")).isEmpty();
    assertThat(sent.header("Connection")).isEmpty();
    assertThat(sent.header("Sec-WebSocket-Key")).isEmpty();
    assertThat(sent.header("Sec-WebSocket-Version")).isEmpty();
    assertThat(judge(get, response(426, "Upgrade Required")).behavior()).isEqualTo(Behavior.OK);
    HandshakeVerdict bad = judge(get, response(400, "Bad Request"));
    assertThat(bad.behavior()).isEqualTo(Behavior.NON_STRICT);
    assertThat(bad.reason())
        .contains("426 Upgrade Required", "observed 'HTTP/1.1 400 Bad Request'");
    assertThat(judge(get, response(503, "Service Unavailable")).behavior())
        .isEqualTo(Behavior.NON_STRICT);
    assertThat(judge(get, response(302, "Found")).behavior()).isEqualTo(Behavior.FAILED);
    HandshakeVerdict page = judge(get, response(200, "OK"));
    assertThat(page.behavior()).isEqualTo(Behavior.FAILED);
    assertThat(page.reason())
        .contains("expected 426", "observed 'HTTP/1.1 200 OK'", "web resource", "RFC 6455 §4.2.1");
  }

  @Test
  void anHttp10UpgradeMayBeAnsweredAnyWayButWith101() {
    ConformanceCase http10 = byId("H.18");
    assertThat(http10.request().apply(canonical()).head()).startsWith("GET / HTTP/1.0\r\n");
    assertThat(judge(http10, noAnswer()).behavior()).isEqualTo(Behavior.OK);
    assertThat(judge(http10, response(200, "OK")).behavior()).isEqualTo(Behavior.OK);
    assertThat(judge(http10, switchingProtocols(http10)).behavior()).isEqualTo(Behavior.FAILED);
  }

  @Test
  void aTokenListWithUpgradeMustBeUpgraded() {
    ConformanceCase keepAlive = byId("H.5");
    assertThat(judge(keepAlive, switchingProtocols(keepAlive)).openSession()).isTrue();
    HandshakeVerdict refused = judge(keepAlive, response(400, "Bad Request"));
    assertThat(refused.behavior()).isEqualTo(Behavior.FAILED);
    assertThat(refused.reason())
        .contains(
            "expected 101 Switching Protocols for 'Connection: keep-alive, Upgrade'",
            "observed 'HTTP/1.1 400 Bad Request'",
            "RFC 6455 §4.2.1 item 4");
    // H.26 (two Connection lines) is a SHOULD: a refusal is NON-STRICT, a broken 101 still fails
    ConformanceCase split = byId("H.26");
    assertThat(judge(split, response(400, "Bad Request")).behavior())
        .isEqualTo(Behavior.NON_STRICT);
    assertThat(
            judge(
                    split,
                    response(
                        101,
                        "Switching Protocols",
                        "Upgrade: websocket",
                        "Connection: Upgrade",
                        "Sec-WebSocket-Accept: wrong"))
                .behavior())
        .isEqualTo(Behavior.FAILED);
  }

  @Test
  void requestsAreShapedAsDescribed() {
    UpgradeRequest lower = byId("H.7").request().apply(canonical());
    assertThat(lower.headers()).extracting(Header::name).allMatch(n -> n.equals(n.toLowerCase()));
    assertThat(byId("H.15").request().apply(canonical()).all("Sec-WebSocket-Key")).hasSize(2);
    UpgradeRequest split = byId("H.26").request().apply(canonical());
    assertThat(split.all("Connection")).containsExactly("keep-alive", "Upgrade");
    UpgradeRequest pipelined = byId("H.24").request().apply(canonical());
    assertThat(pipelined.trailing()).hasSize(2 + 4 + "pipelined".length());
    assertThat(pipelined.trailing()[0]).isEqualTo((byte) 0x81);
    assertThat(pipelined.trailing()[1] & 0xff).isEqualTo(0x80 | "pipelined".length());
    UpgradeRequest body = byId("H.23").request().apply(canonical());
    assertThat(body.header("Content-Length")).contains("5");
    assertThat(new String(body.trailing(), StandardCharsets.US_ASCII)).isEqualTo("hello");
  }

  @Test
  void anOriginIsInformationalEitherWay() {
    ConformanceCase origin = byId("H.22");
    HandshakeVerdict forbidden = judge(origin, response(403, "Forbidden"));
    assertThat(forbidden.behavior()).isEqualTo(Behavior.INFORMATIONAL);
    assertThat(forbidden.openSession()).isFalse();
    assertThat(forbidden.reason()).contains("'HTTP/1.1 403 Forbidden'", "refuses");
    HandshakeVerdict accepted = judge(origin, switchingProtocols(origin));
    assertThat(accepted.behavior()).isEqualTo(Behavior.INFORMATIONAL);
    assertThat(accepted.openSession()).isTrue();
    assertThat(accepted.reason()).contains("'HTTP/1.1 101 Switching Protocols'", "accepts");
  }

  // ---------------------------------------------------------------- helpers

  static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  static ConformanceCase byId(String id) {
    return handshakeCases().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  static UpgradeRequest canonical() {
    return UpgradeRequest.canonical(Endpoint.parse("ws://127.0.0.1:9/"), KEY, List.of());
  }

  /** The case's handshake check on a crafted answer to the case's own request. */
  static HandshakeVerdict judge(ConformanceCase c, ResponseHead answer) {
    return c.handshake()
        .check(
            new HandshakeExchange(
                c.request().apply(canonical()),
                KEY,
                answer,
                answer == null
                    ? "the server closed the connection without answering the upgrade request"
                    : null,
                c.requirement().whenBroken()));
  }

  static ResponseHead noAnswer() {
    return null;
  }

  static ResponseHead response(int status, String reason, String... headers) {
    StringBuilder raw = new StringBuilder("HTTP/1.1 " + status + " " + reason + "\r\n");
    List<Header> h = new ArrayList<>();
    for (String line : headers) {
      h.add(Header.parse(line));
      raw.append(line).append("\r\n");
    }
    return new ResponseHead(
        "HTTP/1.1", status, reason, h, raw.append("\r\n").toString(), new byte[0]);
  }

  /**
   * A 101 that passes every client rule for the case's request (it echoes the first offered
   * subprotocol).
   */
  static ResponseHead switchingProtocols(ConformanceCase c, String... extra) {
    List<String> h =
        new ArrayList<>(
            List.of(
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Accept: " + SecWebSocketAccept.of(KEY)));
    h.addAll(List.of(extra));
    return response(101, "Switching Protocols", h.toArray(String[]::new));
  }

  static List<ConformanceCase> handshakeCases() {
    List<ConformanceCase> l = new ArrayList<>(OpeningHandshake.cases());
    l.addAll(UpgradeResponse.cases());
    return l;
  }

  static CaseResult run(URI target, ConformanceCase c) {
    return CaseRunner.run(c, RunSettings.of(Endpoint.parse(target.toString()), "selftest"));
  }

  static Map<String, CaseResult> runAll(URI target, List<ConformanceCase> cases) {
    Map<String, CaseResult> out = new LinkedHashMap<>();
    for (ConformanceCase c : cases) out.put(c.id(), run(target, c));
    return out;
  }

  static List<String> failed(Map<String, CaseResult> results) {
    return results.values().stream()
        .filter(
            r ->
                r.judgement().behavior() == Behavior.FAILED
                    || r.judgement().behavior() == Behavior.ERROR
                    || r.outcome() == Outcome.FAILED
                    || r.outcome() == Outcome.ERROR)
        .map(r -> r.testCase().id())
        .toList();
  }

  static String line(CaseResult r) {
    return r.testCase().id()
        + " "
        + r.judgement().behavior().label()
        + "/"
        + r.judgement().behaviorClose().label()
        + ": "
        + (r.reason() != null ? r.reason() : r.judgement().result());
  }

  static String describe(Iterable<CaseResult> results) {
    List<String> l = new ArrayList<>();
    for (CaseResult r : results) l.add(line(r));
    return l.stream().collect(Collectors.joining("\n", "\n", "\n"));
  }
}
