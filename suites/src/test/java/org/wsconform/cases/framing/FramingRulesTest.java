package org.wsconform.cases.framing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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

/**
 * F.*: the catalogue's shape, and the cases against Jetty, Node ws 8.18.3 and the faulty server.
 */
class FramingRulesTest {
  /** The cases that send an unmasked frame. */
  private static final Set<String> UNMASKED = Set.of("F.1", "F.2", "F.3", "F.4");

  /** The cases whose behavior is INFORMATIONAL whatever the server does. */
  private static final Set<String> INFORMATIONAL = Set.of("F.6", "F.7", "F.11");

  static List<ConformanceCase> cases() {
    return Catalogue.all().stream().filter(c -> c.id().startsWith("F.")).toList();
  }

  @Test
  void idsAreStableAndEveryCaseSaysWhatItChecks() {
    List<ConformanceCase> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(8);
    assertThat(cases)
        .extracting(ConformanceCase::id)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, cases.size()).mapToObj(i -> "F." + i).toList());
    for (ConformanceCase c : cases) {
      assertThat(c.group()).as(c.id()).isEqualTo("F");
      assertThat(c.groupTitle()).as(c.id()).isEqualTo("Framing rules beyond Autobahn");
      assertThat(List.of(c.title(), c.description(), c.expectation()))
          .as(c.id())
          .allMatch(s -> s != null && !s.isBlank());
      assertThat(c.rfc()).as(c.id()).startsWith("RFC 6455 §");
      assertThat(c.requirement())
          .as(c.id())
          .isEqualTo(INFORMATIONAL.contains(c.id()) ? Requirement.INFORMATIONAL : Requirement.MUST);
    }
  }

  @Test
  void jettyPassesEveryCase() {
    try (ReferenceServer jetty = ReferenceServer.start(0)) {
      long t0 = System.nanoTime();
      Map<String, CaseResult> rs = runAll(jetty.uri(), cases());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println(
          "F.* against Jetty 12 (reference server), wall time " + ms + " ms:\n" + describe(rs));
      assertThat(rs.values())
          .as(describe(rs))
          .allMatch(r -> r.outcome() != Outcome.FAILED && r.outcome() != Outcome.ERROR)
          .allMatch(
              r ->
                  r.judgement().behavior()
                      == (INFORMATIONAL.contains(r.testCase().id())
                          ? Behavior.INFORMATIONAL
                          : Behavior.OK));
    }
  }

  @Test
  void nodeWs8183() throws Exception {
    Path home = Path.of("..").toAbsolutePath().normalize();
    try (ExternalTarget ws =
        ExternalTarget.start(
            home, "ws", List.of("node", "echo.mjs", "0", "1"), Duration.ofSeconds(20))) {
      Map<String, CaseResult> rs = runAll(ws.uri(), cases());
      System.out.println("F.* against Node ws 8.18.3:\n" + describe(rs));
      Map<String, String> verdicts = new TreeMap<>();
      rs.forEach((id, r) -> verdicts.put(id, verdict(r)));
      // ws fails every bad frame with 1002, except the impossible length: it answers 1009 ("payload
      // length > 2^53 - 1", receiver.js), which is the wrong code for a frame that cannot exist
      Map<String, String> expected = new TreeMap<>();
      for (ConformanceCase c : cases()) {
        expected.put(
            c.id(), INFORMATIONAL.contains(c.id()) ? "INFORMATIONAL/INFORMATIONAL" : "OK/OK");
      }
      expected.put("F.8", "OK/WRONG CODE");
      assertThat(verdicts).as(describe(rs)).isEqualTo(expected);
    }
  }

  @Test
  void unmaskedAcceptedFailsExactlyTheUnmaskedFrameCases() {
    try (FaultyServer faulty = FaultyServer.start(0, Set.of(Fault.UNMASKED_ACCEPTED))) {
      Map<String, CaseResult> rs = runAll(faulty.uri(), cases());
      System.out.println("F.* against the faulty server with UNMASKED_ACCEPTED:\n" + describe(rs));
      assertThat(failed(rs)).as(describe(rs)).containsExactlyInAnyOrderElementsOf(UNMASKED);
      for (String id : UNMASKED)
        assertThat(rs.get(id).judgement().behavior())
            .as(line(rs.get(id)))
            .isEqualTo(Behavior.FAILED);
    }
  }

  /**
   * Each fault of the faulty server against F.* (F.11 left out: it takes 2-3 s and is informational
   * whatever happens): the verdicts that differ from the same server without faults. One server per
   * fault, the faults side by side.
   */
  @Test
  void faultMatrix() throws Exception {
    List<ConformanceCase> quick = cases().stream().filter(c -> !c.id().equals("F.11")).toList();
    Map<String, CaseResult> baseline;
    try (FaultyServer none = FaultyServer.start(0, Set.of())) {
      baseline = runAll(none.uri(), quick);
    }
    System.out.println("F.* against the faulty server without faults:\n" + describe(baseline));
    assertThat(failed(baseline)).as(describe(baseline)).isEmpty();
    Map<Fault, Map<String, CaseResult>> changed = new TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Fault.values().length);
    try {
      Map<Fault, Future<Map<String, CaseResult>>> runs = new LinkedHashMap<>();
      for (Fault fault : Fault.values()) {
        runs.put(
            fault,
            pool.submit(
                () -> {
                  try (FaultyServer faulty = FaultyServer.start(0, Set.of(fault))) {
                    return runAll(faulty.uri(), quick);
                  }
                }));
      }
      for (Map.Entry<Fault, Future<Map<String, CaseResult>>> e : runs.entrySet()) {
        Map<String, CaseResult> diff = new LinkedHashMap<>();
        e.getValue()
            .get(5, TimeUnit.MINUTES)
            .forEach(
                (id, r) -> {
                  if (!verdict(r).equals(verdict(baseline.get(id)))
                      || r.outcome() != baseline.get(id).outcome()) diff.put(id, r);
                });
        changed.put(e.getKey(), diff);
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("fault -> F.* verdicts that differ from the fault-free server:");
    changed.forEach(
        (k, v) ->
            System.out.println(
                "  "
                    + k
                    + ": "
                    + (v.isEmpty()
                        ? "none"
                        : v.size() == quick.size()
                                && v.values().stream()
                                    .allMatch(
                                        r ->
                                            r.judgement().behaviorClose().label().equals("OK")
                                                && r.judgement().behavior() == Behavior.FAILED)
                            ? "every case FAILED at the opening handshake ("
                                + v.values().iterator().next().reason()
                                + ")"
                            : v.values().stream()
                                .map(r -> verdictLine(r))
                                .collect(Collectors.joining("\n      ")))));
    assertThat(failedIds(changed.get(Fault.UNMASKED_ACCEPTED)))
        .containsExactlyInAnyOrderElementsOf(UNMASKED);
    assertThat(failedIds(changed.get(Fault.RSV_IGNORED))).containsExactlyInAnyOrder("F.12", "F.13");
    assertThat(failedIds(changed.get(Fault.CORRUPT_LONG_ECHO))).containsExactly("F.10");
  }

  // ---------------------------------------------------------------- helpers

  private static final Map<CaseResult, Long> WALL =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private static Map<String, CaseResult> runAll(URI target, List<ConformanceCase> cases) {
    RunSettings s = RunSettings.of(Endpoint.parse(target.toString()), "t");
    Map<String, CaseResult> out = new LinkedHashMap<>();
    for (ConformanceCase c : cases) {
      long t0 = System.nanoTime();
      CaseResult r = CaseRunner.run(c, s);
      WALL.put(r, (System.nanoTime() - t0) / 1_000_000);
      out.put(c.id(), r);
    }
    return out;
  }

  private static List<String> failed(Map<String, CaseResult> rs) {
    return rs.values().stream()
        .filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR)
        .map(r -> r.testCase().id())
        .toList();
  }

  private static List<String> failedIds(Map<String, CaseResult> rs) {
    return failed(rs);
  }

  private static String verdictLine(CaseResult r) {
    return r.testCase().id() + " " + verdict(r) + " " + r.outcome();
  }

  private static String verdict(CaseResult r) {
    return r.judgement().behavior().label() + "/" + r.judgement().behaviorClose().label();
  }

  private static String line(CaseResult r) {
    return r.testCase().id()
        + " "
        + verdict(r)
        + " "
        + r.outcome()
        + " ("
        + WALL.getOrDefault(r, r.durationMillis())
        + " ms) — "
        + r.judgement().result()
        + (r.reason() == null ? "" : " — " + r.reason());
  }

  private static String describe(Map<String, CaseResult> rs) {
    return rs.values().stream().map(r -> "  " + line(r)).collect(Collectors.joining("\n"));
  }
}
