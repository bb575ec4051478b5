package org.wsconform.cases.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.limits.DeclaredLimits.Finding;
import org.wsconform.cases.limits.DeclaredLimits.Plan;
import org.wsconform.cases.limits.DeclaredLimits.Rule;
import org.wsconform.cases.limits.DeclaredLimits.Size;
import org.wsconform.cases.support.AutobahnTexts;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Event;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.RunSettings;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.external.ExternalTarget;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.WireLog;

/**
 * Autobahn 9.* (Limits/Performance) and L.* (declared limits): the catalogue's shape; all 9.* OK
 * against the reference server (Jetty 12); against Node ws 8.18.3 the verdicts of Autobahn's
 * published report; against Node ws 8.18.3 with a real 1 MiB message limit (maxPayload, as
 * Cloudflare's 1 MiB) exactly the cases above that limit FAILED and the L.* cases OK when the limit
 * is declared, FAILED where the declaration overstates it; Cloudflare's workerd, which echoes
 * binary as text, FAILED at its first echo; a corrupting echo passes 9.* (Autobahn checks type and
 * length only) and fails L.* (which compare the octets).
 */
class LimitsTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final Path PUBLISHED =
      HOME.resolve("targets/external/ws/published/8.18.3/servers/index.json");
  private static final long MIB = 1 << 20;

  /**
   * Node ws 8.18.3 with a message limit (maxPayload) and no compression: a real implementation that
   * closes with 1009 above its limit, as Cloudflare Workers do above 1 MiB.
   */
  private static final String LIMITED_WS =
      "const {WebSocketServer} = require('ws'); const http = require('http');"
          + "const server = http.createServer((q, r) => { r.writeHead(426, {Upgrade: 'websocket'}); r.end(); });"
          + "const wss = new WebSocketServer({server, perMessageDeflate: false, maxPayload: Number(process.argv[1])});"
          + "wss.on('connection', (ws) => { ws.on('message', (d, b) => ws.send(d, {binary: b})); ws.on('error', () => {}); });"
          + "server.listen(0, '127.0.0.1', () => console.log('listening on ws://127.0.0.1:' + server.address().port + '/'));";

  static List<ConformanceCase> nines() {
    return Catalogue.all().stream().filter(c -> c.topGroup().equals("9")).toList();
  }

  static List<ConformanceCase> ells() {
    return Catalogue.all().stream().filter(c -> c.topGroup().equals("L")).toList();
  }

  static List<ConformanceCase> cases(String... ids) {
    return Arrays.stream(ids).map(id -> Catalogue.byId(id).orElseThrow()).toList();
  }

  static Map<String, CaseResult> run(RunSettings s, List<ConformanceCase> cases) {
    Map<String, CaseResult> out = new LinkedHashMap<>();
    for (ConformanceCase c : cases) out.put(c.id(), CaseRunner.run(c, s));
    return out;
  }

  static RunSettings settings(URI target, Long declaredLimit) {
    return RunSettings.of(Endpoint.parse(target.toString()), "limits")
        .withDeclaredMessageLimit(declaredLimit);
  }

  static String verdicts(CaseResult r) {
    return r.judgement().behavior().label() + "/" + r.judgement().behaviorClose().label();
  }

  static String line(CaseResult r) {
    return String.format(
        "%-6s %-28s %-6s %6d ms  %s  — %s",
        r.testCase().id(),
        verdicts(r),
        r.outcome(),
        r.durationMillis(),
        r.testCase().title(),
        r.reason() == null ? r.judgement().result() : r.reason());
  }

  static Map<String, String> verdictsById(Map<String, CaseResult> rs) {
    Map<String, String> m = new LinkedHashMap<>();
    rs.forEach((id, r) -> m.put(id, verdicts(r)));
    return m;
  }

  /** Wall time per sub-group (9.1 … 9.8), in milliseconds, in catalogue order. */
  static Map<String, Long> perGroup(Map<String, CaseResult> rs) {
    Map<String, Long> m = new LinkedHashMap<>();
    rs.values().forEach(r -> m.merge(r.testCase().group(), r.durationMillis(), Long::sum));
    return m;
  }

  static ExternalTarget limitedWs(long maxPayload) throws IOException {
    return ExternalTarget.start(
        HOME,
        "ws",
        List.of("node", "-e", LIMITED_WS, Long.toString(maxPayload)),
        Duration.ofSeconds(20));
  }

  // ---------------------------------------------------------------- the catalogue

  @Test
  void catalogueHoldsAutobahns54LimitsCasesBetween7And10() {
    List<String> ids = new ArrayList<>();
    int[] counts = {6, 6, 9, 9, 6, 6, 6, 6};
    for (int g = 0; g < counts.length; g++) {
      for (int i = 1; i <= counts[g]; i++) ids.add("9." + (g + 1) + "." + i);
    }
    assertThat(nines()).extracting(ConformanceCase::id).containsExactlyElementsOf(ids);
    List<String> all = Catalogue.all().stream().map(ConformanceCase::id).toList();
    int first = all.indexOf("9.1.1");
    assertThat(all.get(first - 1)).as("the case before 9.1.1").startsWith("7.");
    assertThat(all.get(first + 54)).as("the case after 9.8.6").isEqualTo("10.1.1");
    Map<String, String> titles =
        Map.of(
            "9.1", "Limits/Performance / Text Message (increasing size)",
            "9.2", "Limits/Performance / Binary Message (increasing size)",
            "9.3",
                "Limits/Performance / Fragmented Text Message (fixed size, increasing fragment size)",
            "9.4",
                "Limits/Performance / Fragmented Binary Message (fixed size, increasing fragment size)",
            "9.5", "Limits/Performance / Text Message (fixed size, increasing chop size)",
            "9.6", "Limits/Performance / Binary Text Message (fixed size, increasing chop size)",
            "9.7",
                "Limits/Performance / Text Message Roundtrip Time (fixed number, increasing size)",
            "9.8",
                "Limits/Performance / Binary Message Roundtrip Time (fixed number, increasing size)");
    for (ConformanceCase c : nines()) {
      assertThat(c.groupTitle()).as(c.id()).isEqualTo(titles.get(c.group()));
      assertThat(c.description()).as(c.id()).isEqualTo(AutobahnTexts.of(c.id()).description());
      assertThat(c.expectation()).as(c.id()).isEqualTo(AutobahnTexts.of(c.id()).expectation());
      assertThat(c.timed()).as("%s runs alone (bulk transfer)", c.id()).isTrue();
    }
    // the harness's deadline is above the case's own timer: 1000 s for 9.5/9.6, 480 s for 9.7.6
    assertThat(Catalogue.byId("9.5.1").orElseThrow().deadlineSeconds()).isGreaterThan(1000);
    assertThat(Catalogue.byId("9.7.6").orElseThrow().deadlineSeconds()).isGreaterThan(480);
    assertThat(Catalogue.byId("9.1.1").orElseThrow().deadlineSeconds()).isGreaterThan(10);
  }

  @Test
  void declaredLimitsAreGroupLAfterTheCloseRules() {
    assertThat(ells())
        .extracting(ConformanceCase::id)
        .containsExactly("L.1", "L.2", "L.3", "L.4", "L.5");
    List<String> all = Catalogue.all().stream().map(ConformanceCase::id).toList();
    assertThat(all.get(all.indexOf("L.1") - 1)).startsWith("C.");
    for (ConformanceCase c : ells()) {
      assertThat(c.group()).isEqualTo("L");
      assertThat(c.groupTitle()).isEqualTo("Declared limits");
      assertThat(List.of(c.title(), c.description(), c.expectation()))
          .as(c.id())
          .allMatch(s -> !s.isBlank());
      assertThat(c.rfc()).as(c.id()).contains("§10.4");
      assertThat(c.timed()).as("%s runs alone (bulk transfer)", c.id()).isTrue();
    }
  }

  // ---------------------------------------------------------------- payloads and Autobahn's texts

  @Test
  void repeatingPatternSlicesKeepTheirPhaseAndFindTheFirstDifference() {
    Repeating p = Limits.TEXT_PATTERN;
    String ten = "BAsd7&jh23";
    assertThat(new String(p.slice(0, 25), StandardCharsets.US_ASCII))
        .isEqualTo(ten + ten + "BAsd7");
    assertThat(new String(p.slice(7, 6), StandardCharsets.US_ASCII)).isEqualTo("h23BAs");
    assertThat(p.slice(3, 0)).isEmpty();
    byte[] whole = p.slice(0, 3 * (1 << 20) + 7);
    // a slice taken anywhere equals the same octets of the whole
    assertThat(p.slice(1_048_579, 70_001))
        .isEqualTo(Arrays.copyOfRange(whole, 1_048_579, 1_048_579 + 70_001));
    assertThat(p.firstDifference(whole)).isEqualTo(-1);
    whole[2_500_001] ^= 1;
    assertThat(p.firstDifference(whole)).isEqualTo(2_500_001);
    assertThat(Limits.BINARY_PATTERN.slice(0, 6))
        .containsExactly(0x00, 0xfe, 0x23, 0xfa, 0xf0, 0x00);
  }

  @Test
  void echoChecksLookAtTypeAndLengthOnlyWithAutobahnsWords() {
    assertThat(Limits.echoMismatch(false, 3, Event.text("abc"))).isNull();
    assertThat(Limits.echoMismatch(false, 3, Event.text("xyz")))
        .as("content is not checked")
        .isNull();
    assertThat(
            Limits.echoMismatch(false, 3, Event.binary("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("Expected text message with payload, but got binary.");
    assertThat(Limits.echoMismatch(true, 3, Event.text("abc")))
        .isEqualTo("Expected binary message with payload, but got text.");
    assertThat(Limits.echoMismatch(false, 65536, Event.text("abc")))
        .isEqualTo("Expected text message with payload of length 65536, but got 3.");
    assertThat(Limits.roundTripMismatch(false, 3, Event.text("***"))).isNull();
    assertThat(Limits.roundTripMismatch(false, 16, Event.text("***")))
        .isEqualTo(
            "Echo'ed message type or length differs from what I sent (got binary = False, payload length = 3).");
    assertThat(Limits.roundTripMismatch(false, 3, Event.binary(new byte[3])))
        .isEqualTo(
            "Echo'ed message type or length differs from what I sent (got binary = True, payload length = 3).");
  }

  // ---------------------------------------------------------------- the declared-limit rule, as
  // data

  @Test
  void planFollowsTheDeclaredLimit() {
    long max = 256 * MIB;
    assertThat(DeclaredLimits.plan(Size.ONE_ABOVE, false, false, null, max))
        .isInstanceOf(String.class)
        .asString()
        .contains("declares no message-size limit");
    assertThat(DeclaredLimits.plan(Size.AT, true, false, null, max)).isInstanceOf(String.class);
    assertThat(DeclaredLimits.plan(Size.BIG, true, false, null, max))
        .isEqualTo(new Plan(64 * MIB, true, 0, Rule.UNDECLARED, null));
    assertThat(DeclaredLimits.plan(Size.ONE_ABOVE, false, false, MIB, max))
        .isEqualTo(new Plan(MIB + 1, false, 0, Rule.ABOVE, MIB));
    assertThat(DeclaredLimits.plan(Size.AT, true, false, MIB, max))
        .isEqualTo(new Plan(MIB, true, 0, Rule.WITHIN, MIB));
    assertThat(DeclaredLimits.plan(Size.ONE_ABOVE, true, true, MIB, max))
        .as("fragments of at most 64 KiB, at least 4 of them")
        .isEqualTo(new Plan(MIB + 1, true, 65536, Rule.ABOVE, MIB));
    assertThat(DeclaredLimits.plan(Size.ONE_ABOVE, true, true, 10L, max))
        .isEqualTo(new Plan(11, true, 3, Rule.ABOVE, 10L));
    assertThat(DeclaredLimits.plan(Size.BIG, true, false, 128 * MIB, max))
        .isEqualTo(new Plan(64 * MIB, true, 0, Rule.WITHIN, 128 * MIB));
    assertThat(DeclaredLimits.plan(Size.ONE_ABOVE, true, false, 256 * MIB, max))
        .isInstanceOf(String.class)
        .asString()
        .contains("above the 268435456 octets the harness takes back");
    assertThat(DeclaredLimits.waitSeconds(100)).isEqualTo(10);
    assertThat(DeclaredLimits.waitSeconds(16 * MIB)).isEqualTo(100);
    assertThat(DeclaredLimits.waitSeconds(64 * MIB)).isEqualTo(400);
    assertThat(DeclaredLimits.waitSeconds(1L << 40)).isEqualTo(600);
  }

  private static CloseState serverClosed(Integer code, boolean clean) {
    return new CloseState(
        false,
        false,
        false,
        clean,
        clean ? null : "peer dropped the TCP connection",
        false,
        false,
        false,
        1000,
        null,
        code,
        null,
        "peer");
  }

  private static final CloseState TIMER_FIRED =
      new CloseState(
          true,
          true,
          false,
          true,
          null,
          false,
          false,
          false,
          1001,
          "Going Away",
          1000,
          null,
          "peer");

  @Test
  void aboveTheLimitOnlyAnEchoOr1009Passes() {
    Plan above = new Plan(MIB + 1, true, 0, Rule.ABOVE, MIB);
    Plan within = new Plan(MIB, true, 0, Rule.WITHIN, MIB);
    Plan undeclared = new Plan(64 * MIB, true, 0, Rule.UNDECLARED, null);
    Repeating p = Limits.BINARY_PATTERN;
    assertThat(DeclaredLimits.judgeNoEcho(above, serverClosed(1009, true), 10).behavior())
        .isEqualTo(Behavior.OK);
    assertThat(DeclaredLimits.judgeNoEcho(undeclared, serverClosed(1009, true), 10).behavior())
        .isEqualTo(Behavior.INFORMATIONAL);
    Finding lowerThanDeclared = DeclaredLimits.judgeNoEcho(within, serverClosed(1009, true), 10);
    assertThat(lowerThanDeclared.behavior()).isEqualTo(Behavior.FAILED);
    assertThat(lowerThanDeclared.result())
        .startsWith(
            "Expected an echo of the 1048576-octet binary message (within the "
                + "declared limit of 1048576 octets); observed a close with 1009");
    for (Plan plan : List.of(above, within, undeclared)) {
      assertThat(DeclaredLimits.judgeNoEcho(plan, serverClosed(1002, true), 10))
          .extracting(
              Finding::behavior, f -> f.result().endsWith("observed a close with code 1002."))
          .containsExactly(Behavior.FAILED, true);
      assertThat(DeclaredLimits.judgeNoEcho(plan, serverClosed(1000, true), 10).behavior())
          .isEqualTo(Behavior.FAILED);
      assertThat(DeclaredLimits.judgeNoEcho(plan, serverClosed(null, true), 10).result())
          .endsWith("observed a close frame without a code.");
      assertThat(DeclaredLimits.judgeNoEcho(plan, serverClosed(null, false), 10).result())
          .endsWith("observed the server dropping TCP without a close frame.");
      assertThat(DeclaredLimits.judgeNoEcho(plan, TIMER_FIRED, 10))
          .extracting(
              Finding::behavior,
              f -> f.result().endsWith("observed neither within 10 s (the harness closed)."))
          .containsExactly(Behavior.FAILED, true);
    }
    assertThat(DeclaredLimits.judgeNoEcho(above, serverClosed(1002, true), 10).result())
        .startsWith(
            "Expected an echo of the 1048577-octet binary message (above the declared limit of 1048576 octets) "
                + "or a close with 1009 (Message Too Big); observed");

    byte[] good = p.slice(0, (int) (MIB + 1));
    assertThat(DeclaredLimits.judgeEcho(above, p, Event.binary(good)).behavior())
        .isEqualTo(Behavior.OK);
    assertThat(DeclaredLimits.judgeEcho(above, p, Event.message(good, false)).result())
        .endsWith("observed a text message of 1048577 octets.");
    assertThat(DeclaredLimits.judgeEcho(above, p, Event.binary(Arrays.copyOf(good, 100))).result())
        .endsWith("observed a binary message of 100 octets.");
    good[777_777] ^= 1;
    assertThat(DeclaredLimits.judgeEcho(above, p, Event.binary(good)))
        .extracting(Finding::behavior, Finding::result)
        .containsExactly(
            Behavior.FAILED,
            "Expected an echo of the 1048577-octet binary message (above the declared limit "
                + "of 1048576 octets) or a close with 1009; observed an echo that differs from what was sent at octet 777777.");
  }

  // ---------------------------------------------------------------- 9.* against real servers

  @Test
  void every9CasePassesAgainstTheReferenceServer() {
    try (ReferenceServer jetty = ReferenceServer.start(0)) {
      long t0 = System.nanoTime();
      Map<String, CaseResult> rs = run(settings(jetty.uri(), null), nines());
      long wall = (System.nanoTime() - t0) / 1_000_000;
      rs.values().forEach(r -> System.out.println("jetty " + line(r)));
      System.out.println(
          "jetty 9.* per group (ms): " + perGroup(rs) + "; 54 cases in " + wall + " ms");
      assertThat(
              rs.values().stream().filter(r -> !verdicts(r).equals("OK/OK")).map(LimitsTest::line))
          .as("9.* cases not OK/OK against Jetty")
          .isEmpty();
      // the evidence stays: no octet rows during the bulk transfer, but the frames and the close
      List<WireLog.Entry> log = rs.get("9.3.1").wirelog();
      assertThat(log)
          .as("9.3.1's wire log")
          .hasSizeLessThan(100)
          .noneMatch(e -> e.kind() == WireLog.Kind.TO && e.length() != null && e.length() > 1000)
          .anyMatch(e -> e.kind() == WireLog.Kind.TI && e.text().startsWith("closeAfter 100"))
          .anyMatch(
              e ->
                  e.kind() == WireLog.Kind.NOTE
                      && e.text()
                          .startsWith(
                              "text message of 4194304 octets (0x2a "
                                  + "repeated) sent as 65537 frames: 1 text and 65536 continuation frames of 64 octets, the last (FIN) of 0"))
          .anyMatch(e -> e.kind() == WireLog.Kind.TF && e.text().startsWith("close"))
          .anyMatch(e -> e.kind() == WireLog.Kind.RF && e.text().startsWith("close"));
      assertThat(rs.get("9.1.6").judgement().result())
          .isEqualTo("Received text message of length 16777216.");
      assertThat(rs.get("9.8.6").judgement().result())
          .isEqualTo("Ok, received all echo'ed messages in time.");
    }
  }

  @Test
  void verdictsEqualAutobahnsPublishedOnesForWs8183() throws Exception {
    JsonNode published =
        new ObjectMapper().readTree(Files.readAllBytes(PUBLISHED)).get("ws@8.18.3");
    Map<String, CaseResult> rs;
    long wall;
    try (ExternalTarget ws =
        ExternalTarget.start(
            HOME, "ws", List.of("node", "echo.mjs", "0", "1"), Duration.ofSeconds(20))) {
      long t0 = System.nanoTime();
      rs = run(settings(ws.uri(), null), nines());
      wall = (System.nanoTime() - t0) / 1_000_000;
    }
    rs.values().forEach(r -> System.out.println("ws " + line(r)));
    Map<String, Long> theirs = new LinkedHashMap<>();
    List<String> differences = new ArrayList<>();
    for (CaseResult r : rs.values()) {
      JsonNode ref = published.get(r.testCase().id());
      theirs.merge(r.testCase().group(), ref.get("duration").asLong(), Long::sum);
      String expected = ref.get("behavior").asText() + "/" + ref.get("behaviorClose").asText();
      if (!expected.equals(verdicts(r)))
        differences.add(r.testCase().id() + ": Autobahn " + expected + ", wsconform " + line(r));
    }
    System.out.println(
        "ws 9.* per group (ms): wsconform "
            + perGroup(rs)
            + ", Autobahn's report "
            + theirs
            + "; 54 cases in "
            + wall
            + " ms");
    assertThat(differences).as("9.* verdicts that differ from Autobahn's for ws 8.18.3").isEmpty();
  }

  @Test
  void aServerWithA1MiBLimitFailsExactlyThe9CasesAboveIt() throws Exception {
    // one case of each kind at and above the limit: 9.1.3, 9.5.6, 9.6.6, 9.7.6 and 9.8.6 fit in 1
    // MiB, the rest do not
    List<ConformanceCase> picked =
        cases("9.1.3", "9.1.4", "9.2.4", "9.3.9", "9.4.1", "9.5.6", "9.6.6", "9.7.6", "9.8.6");
    Map<String, CaseResult> rs;
    try (ExternalTarget ws = limitedWs(MIB)) {
      rs = run(settings(ws.uri(), null), picked);
    }
    rs.values().forEach(r -> System.out.println("ws-1MiB " + line(r)));
    Map<String, String> expected = new LinkedHashMap<>();
    for (String id : List.of("9.1.3", "9.5.6", "9.6.6", "9.7.6", "9.8.6"))
      expected.put(id, "OK/OK");
    // Autobahn's verdicts for a server that closes with 1009: no echo, and the wrong side closed
    // first
    for (String id : List.of("9.1.4", "9.2.4", "9.3.9", "9.4.1")) expected.put(id, "FAILED/FAILED");
    assertThat(new TreeMap<>(verdictsById(rs))).isEqualTo(new TreeMap<>(expected));
    CaseResult r = rs.get("9.1.4");
    assertThat(r.judgement().result())
        .isEqualTo(
            "Did not receive message within 100 seconds. Expected the echo of the "
                + "4194304-octet text message (its type and length are checked).");
    assertThat(r.close().remoteCloseCode()).isEqualTo(1009);
    assertThat(r.reason())
        .contains("Did not receive message within 100 seconds. Expected the echo")
        .contains("[RFC 6455 §5.2, §5.6]")
        .contains("expected the harness to close first")
        .contains("server code 1009");
    assertThat(r.durationMillis())
        .as("a refusal ends the case at once, not at the 100 s timer")
        .isLessThan(10_000);
  }

  @Test
  void anEchoOfTheWrongTypeFails9AtTheFirstMessage() throws Exception {
    // Cloudflare's runtime (workerd 1.20261117.1, the guide's echo Worker, compatibilityDate
    // 2026-11-17) hands binary messages to the Worker as a Blob and sends back the 13-octet text
    // "[object Blob]": a real type-and-length fault (ExternalTargetsTest pins it for 1.2.1)
    Map<String, CaseResult> rs;
    try (ExternalTarget workerd =
        ExternalTarget.start(
            HOME, "workerd", List.of("bash", "start.sh", "0"), Duration.ofSeconds(60))) {
      rs = run(settings(workerd.uri(), null), cases("9.1.1", "9.2.1", "9.8.1"));
    }
    rs.values().forEach(r -> System.out.println("workerd " + line(r)));
    assertThat(verdicts(rs.get("9.1.1"))).isEqualTo("OK/OK");
    CaseResult one = rs.get("9.2.1");
    assertThat(one.judgement().behavior()).isEqualTo(Behavior.FAILED);
    assertThat(one.judgement().result())
        .isEqualTo("Expected binary message with payload, but got text.");
    assertThat(one.reason()).endsWith("[RFC 6455 §5.2, §5.6]");
    CaseResult trips = rs.get("9.8.1");
    assertThat(trips.judgement().behavior()).isEqualTo(Behavior.FAILED);
    assertThat(trips.judgement().result())
        .isEqualTo(
            "Echo'ed message type or length differs from what I sent (got binary "
                + "= False, payload length = 13). Expected a binary message of 0 octets (echo 1 of 1000).");
    assertThat(trips.durationMillis())
        .as("the first bad echo ends the case, not the 60 s timer")
        .isLessThan(10_000);
  }

  @Test
  void aCorruptingEchoPasses9LikeAutobahnButFailsTheDeclaredLimitCases() {
    try (FaultyServer server = FaultyServer.start(0, Set.of(Fault.CORRUPT_LONG_ECHO))) {
      Map<String, CaseResult> nine =
          run(settings(server.uri(), null), cases("9.1.1", "9.4.8", "9.6.6", "9.8.6"));
      nine.values().forEach(r -> System.out.println("corrupt " + line(r)));
      assertThat(verdictsById(nine).values())
          .as("9.* compare type and length only, as Autobahn")
          .containsOnly("OK/OK");
      Map<String, CaseResult> ell = run(settings(server.uri(), 65536L), ells());
      ell.values().forEach(r -> System.out.println("corrupt " + line(r)));
      for (String id : List.of("L.1", "L.2", "L.3", "L.4", "L.5")) {
        CaseResult r = ell.get(id);
        assertThat(r.outcome()).as(line(r)).isEqualTo(Outcome.FAILED);
        assertThat(r.reason())
            .as(id)
            .contains("observed an echo that differs from what was sent at octet")
            .contains("[RFC 6455");
      }
    }
  }

  // ---------------------------------------------------------------- L.* against real servers

  @Test
  void declaredLimitsAgainstTheReferenceServer() {
    try (ReferenceServer jetty = ReferenceServer.start(0)) {
      Map<String, CaseResult> none = run(settings(jetty.uri(), null), ells());
      none.values().forEach(r -> System.out.println("jetty, no limit " + line(r)));
      for (String id : List.of("L.1", "L.2", "L.3", "L.4")) {
        CaseResult r = none.get(id);
        assertThat(verdicts(r)).as(line(r)).isEqualTo("INFORMATIONAL/OK");
        assertThat(r.wirelog())
            .as("%s sends no data frame without a declared limit", id)
            .noneMatch(e -> e.kind() == WireLog.Kind.TF && !e.text().startsWith("close"));
      }
      CaseResult big = none.get("L.5");
      assertThat(verdicts(big)).as(line(big)).isEqualTo("INFORMATIONAL/OK");
      assertThat(big.judgement().result())
          .isEqualTo(
              "The 67108864-octet binary message (with no limit declared) was echoed unchanged.");

      // Jetty's own limit is 64 MiB: declared lower, it echoes what is above the declaration, which
      // is OK
      // (L.5 would take the same path as L.2, with 64 times the octets)
      Map<String, CaseResult> declared =
          run(settings(jetty.uri(), MIB), cases("L.1", "L.2", "L.3", "L.4"));
      declared.values().forEach(r -> System.out.println("jetty, 1 MiB declared " + line(r)));
      assertThat(verdictsById(declared).values()).containsOnly("OK/OK");
      assertThat(
              declared.get("L.4").wirelog().stream()
                  .filter(e -> e.kind() == WireLog.Kind.TF && e.text().startsWith("continuation"))
                  .count())
          .as("L.4's continuation frames")
          .isEqualTo(16);
    }
  }

  @Test
  void declaredLimitsAgainstAServerThatCloses1009AboveIt() throws Exception {
    try (ExternalTarget ws = limitedWs(MIB)) {
      Map<String, CaseResult> honest = run(settings(ws.uri(), MIB), ells());
      honest.values().forEach(r -> System.out.println("ws-1MiB, 1 MiB declared " + line(r)));
      assertThat(verdictsById(honest).values()).containsOnly("OK/OK");
      assertThat(honest.get("L.1").judgement().result()).contains("refused").contains("with 1009");
      assertThat(honest.get("L.3").judgement().result()).contains("was echoed unchanged");

      // the profile overstates the limit: at the declared 2 MiB the server refuses
      Map<String, CaseResult> overstated = run(settings(ws.uri(), 2 * MIB), cases("L.2", "L.3"));
      overstated.values().forEach(r -> System.out.println("ws-1MiB, 2 MiB declared " + line(r)));
      assertThat(verdicts(overstated.get("L.2"))).isEqualTo("OK/OK");
      CaseResult at = overstated.get("L.3");
      assertThat(at.outcome()).as(line(at)).isEqualTo(Outcome.FAILED);
      assertThat(at.judgement().behaviorClose()).isEqualTo(BehaviorClose.OK);
      assertThat(at.reason())
          .startsWith(
              "Expected an echo of the 2097152-octet binary message (within the declared limit "
                  + "of 2097152 octets); observed a close with 1009 (Message Too Big): the server's real limit is lower than "
                  + "the declared one. [RFC 6455 §10.4]");

      // nothing declared: the 64 MiB refusal is recorded, not judged
      CaseResult big = run(settings(ws.uri(), null), cases("L.5")).get("L.5");
      System.out.println("ws-1MiB, no limit " + line(big));
      assertThat(verdicts(big)).isEqualTo("INFORMATIONAL/OK");
      assertThat(big.judgement().result())
          .isEqualTo(
              "The server refused the 67108864-octet binary message (with no limit declared) with 1009 (Message Too Big).");
    }
  }
}
