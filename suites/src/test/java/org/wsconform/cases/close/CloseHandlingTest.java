package org.wsconform.cases.close;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.RunSettings;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.external.ExternalTarget;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.WireLog;

/**
 * Close handling (Autobahn 7.*) and the close rules beyond it (C.*): the catalogue's shape, a clean
 * run against the reference server, Autobahn's published verdicts for Node ws 8.18.3, and which
 * cases each closing fault of the faulty server turns.
 */
class CloseHandlingTest {
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final Path WS_REFERENCE =
      HOME.resolve("targets/external/ws/published/8.18.3/servers/index.json");

  static List<ConformanceCase> mine() {
    return Catalogue.all().stream()
        .filter(c -> c.id().startsWith("7.") || c.id().startsWith("C."))
        .toList();
  }

  static List<ConformanceCase> autobahn() {
    return mine().stream().filter(c -> c.id().startsWith("7.")).toList();
  }

  static CaseResult run(URI uri, ConformanceCase c) {
    return CaseRunner.run(c, RunSettings.of(Endpoint.parse(uri.toString()), "t"));
  }

  static Map<String, CaseResult> runAll(URI uri, List<ConformanceCase> cases) {
    Map<String, CaseResult> out = new LinkedHashMap<>();
    for (ConformanceCase c : cases) out.put(c.id(), run(uri, c));
    return out;
  }

  /**
   * Cases are independent connections; a fault run waits out 1 s timers, so run a few at a time.
   */
  static Map<String, CaseResult> runParallel(URI uri, List<ConformanceCase> cases)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      Map<String, Future<CaseResult>> fs = new LinkedHashMap<>();
      for (ConformanceCase c : cases) fs.put(c.id(), pool.submit(() -> run(uri, c)));
      Map<String, CaseResult> out = new LinkedHashMap<>();
      for (var e : fs.entrySet()) out.put(e.getKey(), e.getValue().get());
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  static String verdicts(CaseResult r) {
    return r.judgement().behavior().label() + "/" + r.judgement().behaviorClose().label();
  }

  static String line(CaseResult r) {
    return r.testCase().id()
        + " "
        + verdicts(r)
        + " "
        + r.outcome()
        + " remote="
        + (r.close() == null ? "-" : r.close().remoteCloseCode())
        + " closedByMe="
        + (r.close() == null ? "-" : r.close().closedByMe())
        + " clean="
        + (r.close() == null ? "-" : r.close().wasClean())
        + " "
        + r.received()
        + (r.reason() == null ? "" : " — " + r.reason());
  }

  static boolean bad(CaseResult r) {
    return r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR;
  }

  @Test
  void catalogueHasTheAutobahnCasesInOrderAndTheNewOnes() {
    List<String> ids = mine().stream().map(ConformanceCase::id).toList();
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 6; i++) expected.add("7.1." + i);
    for (int i = 1; i <= 6; i++) expected.add("7.3." + i);
    expected.add("7.5.1");
    for (int i = 1; i <= 13; i++) expected.add("7.7." + i);
    for (int i = 1; i <= 9; i++) expected.add("7.9." + i);
    expected.add("7.13.1");
    expected.add("7.13.2");
    assertThat(ids.subList(0, 37)).containsExactlyElementsOf(expected);
    assertThat(ids.subList(37, ids.size()))
        .hasSizeGreaterThanOrEqualTo(6)
        .allMatch(id -> id.startsWith("C."));
    for (ConformanceCase c : mine()) {
      assertThat(c.rfc()).as(c.id()).startsWith("RFC 6455 §");
      assertThat(c.title()).as(c.id()).isNotBlank();
      assertThat(c.description()).as(c.id()).isNotBlank();
      assertThat(c.expectation()).as(c.id()).isNotBlank();
    }
    assertThat(CloseRules.MULTIBYTE_REASON_123).hasSize(123);
    assertThat(Catalogue.byId("7.1.6").orElseThrow().requirement())
        .isEqualTo(Requirement.INFORMATIONAL);
    assertThat(Catalogue.byId("7.13.2").orElseThrow().requirement())
        .isEqualTo(Requirement.INFORMATIONAL);
  }

  @Test
  void referenceServerPassesEveryCloseCase() {
    Map<String, CaseResult> rs;
    long t0 = System.nanoTime();
    try (ReferenceServer ref = ReferenceServer.start(0)) {
      rs = runAll(ref.uri(), mine());
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    rs.values().forEach(r -> System.out.println("jetty " + line(r)));
    // C.5's close frame reaches TCP in two writes: 20 octets ending with the lead octet ED, then
    // 8 octets starting with A0, the octet that makes the reason invalid
    List<Integer> writes =
        rs.get("C.5").wirelog().stream()
            .filter(e -> e.kind() == WireLog.Kind.TO)
            .map(WireLog.Entry::length)
            .toList();
    assertThat(writes.subList(1, 3))
        .as("C.5 writes after the upgrade request")
        .containsExactly(20, 8);
    System.out.println("jetty: " + rs.size() + " close cases in " + ms + " ms");
    List<String> bad =
        rs.values().stream().filter(CloseHandlingTest::bad).map(CloseHandlingTest::line).toList();
    assertThat(bad).as("close cases FAILED or ERROR against the reference server").isEmpty();
  }

  @Test
  void verdictsForWsEqualThePublishedAutobahnVerdicts() throws Exception {
    JsonNode published =
        new ObjectMapper().readTree(Files.readAllBytes(WS_REFERENCE)).get("ws@8.18.3");
    Map<String, CaseResult> rs;
    try (ExternalTarget ws =
        ExternalTarget.start(
            HOME, "ws", List.of("node", "echo.mjs", "0", "1"), Duration.ofSeconds(20))) {
      long t0 = System.nanoTime();
      rs = runAll(ws.uri(), mine());
      System.out.println(
          "ws: " + rs.size() + " close cases in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
    List<String> differences = new ArrayList<>();
    for (CaseResult r : rs.values()) {
      System.out.println("ws " + line(r));
      JsonNode ref = published.get(r.testCase().id());
      if (ref == null) continue; // C.*: no Autobahn verdict to compare with
      String theirs = ref.get("behavior").asText() + "/" + ref.get("behaviorClose").asText();
      Integer theirCode =
          ref.get("remoteCloseCode").isNull() ? null : ref.get("remoteCloseCode").asInt();
      Integer ourCode = r.close() == null ? null : r.close().remoteCloseCode();
      if (!theirs.equals(verdicts(r)) || !Objects.equals(theirCode, ourCode)) {
        differences.add(
            r.testCase().id()
                + ": Autobahn "
                + theirs
                + " (remote "
                + theirCode
                + "), wsconform "
                + verdicts(r)
                + " (remote "
                + ourCode
                + ")"
                + (r.reason() == null ? "" : " — " + r.reason()));
      }
    }
    differences.forEach(d -> System.out.println("DIFF " + d));
    assertThat(differences).as("7.* verdicts that differ from Autobahn's for ws 8.18.3").isEmpty();
    List<String> bad =
        rs.values().stream()
            .filter(r -> r.testCase().id().startsWith("C."))
            .filter(CloseHandlingTest::bad)
            .map(CloseHandlingTest::line)
            .toList();
    assertThat(bad).as("C.* cases FAILED or ERROR against ws 8.18.3").isEmpty();
  }

  @Test
  void closingFaultsFlipTheCasesThatCoverThem() throws Exception {
    Map<String, CaseResult> clean;
    try (FaultyServer s = FaultyServer.start(0, Set.of())) {
      clean = runParallel(s.uri(), mine());
    }
    clean.values().forEach(r -> System.out.println("faulty[] " + line(r)));
    assertThat(
            clean.values().stream()
                .filter(CloseHandlingTest::bad)
                .map(CloseHandlingTest::line)
                .toList())
        .as("close cases FAILED or ERROR against the faulty server with no fault")
        .isEmpty();

    Map<Fault, Map<String, CaseResult>> byFault = new LinkedHashMap<>();
    for (Fault f :
        List.of(
            Fault.INVALID_CLOSE_CODE_ECHOED, Fault.NO_CLOSE_REPLY, Fault.SERVER_KEEPS_TCP_OPEN)) {
      try (FaultyServer s = FaultyServer.start(0, Set.of(f))) {
        byFault.put(f, runParallel(s.uri(), mine()));
      }
    }
    for (var e : byFault.entrySet()) {
      List<String> changed = new ArrayList<>();
      for (CaseResult r : e.getValue().values()) {
        CaseResult base = clean.get(r.testCase().id());
        if (!verdicts(r).equals(verdicts(base)) || r.outcome() != base.outcome()) {
          changed.add(
              r.testCase().id() + " " + verdicts(base) + " → " + verdicts(r) + " " + r.outcome());
        }
      }
      System.out.println("FAULT " + e.getKey() + ": " + changed.size() + " cases change");
      changed.forEach(c -> System.out.println("  " + c));
      System.out.println(
          "FAULT "
              + e.getKey()
              + " FAILED: "
              + e.getValue().values().stream()
                  .filter(CloseHandlingTest::bad)
                  .map(r -> r.testCase().id())
                  .collect(Collectors.joining(", ")));
    }

    // an echoed invalid code is the failure 7.9.x and C.4 exist for
    Map<String, CaseResult> echoed = byFault.get(Fault.INVALID_CLOSE_CODE_ECHOED);
    for (ConformanceCase c : mine()) {
      if (c.id().startsWith("7.9.") || c.id().equals("C.4")) {
        assertThat(echoed.get(c.id()).judgement().behavior())
            .as(c.id() + " with INVALID_CLOSE_CODE_ECHOED")
            .isEqualTo(Behavior.FAILED);
      }
    }
    // no close reply: every case where the harness closes first loses its clean close
    Map<String, CaseResult> silent = byFault.get(Fault.NO_CLOSE_REPLY);
    for (CaseResult r : silent.values()) {
      // 7.1.6 and 7.13.x are informational; the faulty server fails 7.3.6 (126-octet control frame)
      // with 1002 before it looks at the close
      String id = r.testCase().id();
      if (id.equals("7.1.6") || id.startsWith("7.13.") || id.equals("7.3.6")) continue;
      assertThat(verdicts(r)).as(r.testCase().id() + " with NO_CLOSE_REPLY").isNotEqualTo("OK/OK");
    }
  }
}
