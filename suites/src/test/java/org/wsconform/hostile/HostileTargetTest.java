package org.wsconform.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.reports.RunTotals;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.ConnectionSettings;
import org.wsconform.run.Preflight;
import org.wsconform.run.RunConfig;
import org.wsconform.run.RunContext;
import org.wsconform.run.RunSettings;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.hostile.HostileServer;
import org.wsconform.targets.hostile.Hostility;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;

/**
 * A run against each hostile behaviour: H.1, 1.1.1, 2.1, 7.1.1 and the first case of every group.
 * Every case ends within the harness's own limits for it; every case the behaviour affects ends in
 * FAILED or ERROR with a reason; the run completes and its results folder holds every case.
 */
@Timeout(180)
class HostileTargetTest {
  /** Timers and deadlines at a quarter: the hostile servers never answer in time anyway. */
  private static final double SCALE = 0.25;

  /** Above the harness's own limits: scheduling on a busy two-core CI machine. */
  private static final long SLACK_MILLIS = 10_000;

  private static final List<String> IDS = representativeCases();

  /**
   * The cases that need an answer from the server (an echo, a pong): seen against the reference
   * server.
   */
  private static Set<String> needAnAnswer;

  static List<String> representativeCases() {
    Set<String> ids = new LinkedHashSet<>(List.of("H.1", "1.1.1", "2.1", "7.1.1"));
    Set<String> groups = new LinkedHashSet<>();
    for (ConformanceCase c : Catalogue.all()) {
      if (groups.add(c.topGroup())) ids.add(c.id());
    }
    return List.copyOf(ids);
  }

  @BeforeAll
  static void whatAConformantServerAnswers() {
    try (ReferenceServer reference = ReferenceServer.start(0)) {
      RunSettings s = RunSettings.of(Endpoint.parse(reference.uri().toString()), "reference");
      needAnAnswer = new LinkedHashSet<>();
      for (String id : IDS) {
        CaseResult r = CaseRunner.run(Catalogue.byId(id).orElseThrow(), s);
        assertThat(r.outcome())
            .as(id + " against the reference server: " + r.reason())
            .isIn(Outcome.PASSED, Outcome.SKIPPED);
        if (!r.received().isEmpty()) needAnAnswer.add(id);
      }
    }
    assertThat(needAnAnswer)
        .as("the selection has cases that need an echo or a pong")
        .contains("1.1.1", "2.1", "7.1.1");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Hostility.class)
  void everyAffectedCaseFailsInTimeWithAReasonAndTheRunKeepsEveryResult(
      Hostility h, @TempDir Path out) throws Exception {
    try (HostileServer server = HostileServer.start(h)) {
      RunConfig config =
          new RunConfig(
              server.uri().toString(),
              String.join(",", IDS),
              null,
              List.of(),
              SCALE,
              false,
              out,
              "hostile-" + h.name().toLowerCase(Locale.ROOT),
              ConnectionSettings.DEFAULT);
      if (h.tls()) {
        tlsFailureStopsTheRunAndEveryCaseIsAnErrorSayingProtocol(server, config);
        return;
      }
      Map<String, Long> elapsed = new ConcurrentHashMap<>();
      RunTotals totals;
      Path folder;
      List<CaseResult> results = new ArrayList<>();
      try (RunContext ctx = RunContext.open(config)) {
        ctx.progress(
            (r, done, total) ->
                elapsed.put(
                    r.testCase().id(), Duration.between(r.started(), Instant.now()).toMillis()));
        ctx.schedule(IDS.size());
        for (ConformanceCase c : ctx.selected()) results.add(ctx.execute(c));
        totals = ctx.finish();
        folder = ctx.folder().dir();
      }
      String report =
          results.stream().map(HostileTargetTest::line).collect(Collectors.joining("\n"));
      assertThat(totals.cases()).as(report).isEqualTo(IDS.size());

      for (CaseResult r : results) {
        String id = r.testCase().id();
        ConformanceCase c = r.testCase();
        double limitSeconds =
            (2 * 5.0 + c.deadlineSeconds()) * SCALE + 5; // connect, response head, case, stop grace
        assertThat(elapsed.get(id))
            .as(id + " ended within the harness's limit for it\n" + report)
            .isLessThanOrEqualTo((long) (limitSeconds * 1000) + SLACK_MILLIS);
        if (r.outcome() != Outcome.PASSED)
          assertThat(r.reason()).as(id + " says why\n" + report).isNotBlank();
        if (affects(h, id)) {
          assertThat(r.outcome())
              .as(id + " against " + h + "\n" + report)
              .isIn(Outcome.FAILED, Outcome.ERROR);
          assertThat(r.reason()).as(id + "'s reason\n" + report).isNotBlank();
        }
      }
      if (h == Hostility.FRAME_OF_2_63_OCTETS) {
        assertThat(results)
            .allSatisfy(
                r -> assertThat(r.reason()).contains("frame declares 9223372036854775807 octets"));
      }
      if (h == Hostility.HUGE_CLOSE_REASON) {
        assertThat(results)
            .allSatisfy(
                r -> assertThat(r.reason()).contains("control frame payload of 202 octets"));
      }
      theResultsFolderHoldsEveryCase(folder);
    }
  }

  /**
   * Which cases a behaviour must make fail: all of them, unless the server first upgrades properly.
   */
  private static boolean affects(Hostility h, String id) {
    return switch (h) {
      // a server that never answers (or drops TCP, or starts a frame under the limit it never
      // finishes) cannot pass a case that waits for an answer; cases where the server must fail
      // the connection, or that judge only the handshake, may pass
      case SILENCE_AFTER_101,
          INTERIM_BEFORE_101,
          TRICKLED_255_MIB_FRAME,
          RESET_MID_FRAME,
          PING_FLOOD,
          PING_FLOOD_UNREAD ->
          needAnAnswer.contains(id);
      // the rest break the HTTP exchange or a framing rule before any case can pass
      default -> true;
    };
  }

  private static void tlsFailureStopsTheRunAndEveryCaseIsAnErrorSayingProtocol(
      HostileServer server, RunConfig config) {
    assertThatThrownBy(() -> RunContext.open(config).close())
        .isInstanceOf(Preflight.TargetUnreachable.class)
        .hasMessageContaining(
            "TLS handshake with 127.0.0.1:" + server.port() + " failed: protocol");
    RunSettings s =
        RunSettings.of(Endpoint.parse(server.uri().toString()), "hostile").withTimeScale(SCALE);
    for (String id : List.of("H.1", "1.1.1")) {
      CaseResult r = CaseRunner.run(Catalogue.byId(id).orElseThrow(), s);
      assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(r.reason()).contains("failed: protocol");
    }
  }

  private static void theResultsFolderHoldsEveryCase(Path folder) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(folder.resolve("results.jsonl"));
    Set<String> ids = new LinkedHashSet<>();
    for (String line : lines) ids.add(json.readTree(line).path("id").asText());
    assertThat(ids).containsExactlyInAnyOrderElementsOf(IDS);
    JsonNode index = json.readTree(folder.resolve("index.json").toFile());
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    index.elements().next().fields().forEachRemaining(e -> byId.put(e.getKey(), e.getValue()));
    assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(IDS);
    assertThat(folder.resolve("index.html")).exists();
    assertThat(folder.resolve("run.json")).exists();
  }

  private static String line(CaseResult r) {
    return r.testCase().id()
        + " "
        + r.outcome()
        + " "
        + r.judgement().behavior().label()
        + "/"
        + r.judgement().behaviorClose().label()
        + (r.reason() == null ? "" : ": " + r.reason());
  }
}
