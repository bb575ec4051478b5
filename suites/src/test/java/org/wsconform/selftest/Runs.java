package org.wsconform.selftest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.RunSettings;
import org.wsconform.wire.Endpoint;

/** Runs cases straight through the CaseRunner (no JUnit launcher) for the harness's self-tests. */
final class Runs {
  private Runs() {}

  static Map<String, CaseResult> run(URI target, List<ConformanceCase> cases) {
    return run(target, cases, 1.0);
  }

  /**
   * @param timeScale stretches the cases' kill/close timers: a separate-process target on a busy
   *     2-core CI machine can take longer than Autobahn's 0.5 s to fail a connection, which would
   *     make the harness, not the server, close first
   */
  static Map<String, CaseResult> run(URI target, List<ConformanceCase> cases, double timeScale) {
    RunSettings s =
        RunSettings.of(Endpoint.parse(target.toString()), "selftest").withTimeScale(timeScale);
    Map<String, CaseResult> out = new LinkedHashMap<>();
    for (ConformanceCase c : cases) out.put(c.id(), CaseRunner.run(c, s));
    return out;
  }

  /**
   * The cases on {@code threads} connections at once, results in catalogue order; each case has a
   * deadline of its own (CaseRunner), so a stuck one cannot hang the run.
   */
  static Map<String, CaseResult> runParallel(
      URI target, List<ConformanceCase> cases, double timeScale, int threads) throws Exception {
    RunSettings s =
        RunSettings.of(Endpoint.parse(target.toString()), "selftest").withTimeScale(timeScale);
    return runParallel(s, cases, threads);
  }

  /** The cases with these settings (e.g. a peer model), {@code threads} at once. */
  static Map<String, CaseResult> runParallel(
      RunSettings s, List<ConformanceCase> cases, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Map<String, Future<CaseResult>> futures = new LinkedHashMap<>();
      for (ConformanceCase c : cases) futures.put(c.id(), pool.submit(() -> CaseRunner.run(c, s)));
      Map<String, CaseResult> out = new LinkedHashMap<>();
      for (var e : futures.entrySet()) out.put(e.getKey(), e.getValue().get(10, TimeUnit.MINUTES));
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** behavior/behaviorClose, the pair a determinism or comparison check looks at. */
  static String verdicts(CaseResult r) {
    return r.judgement().behavior().label() + "/" + r.judgement().behaviorClose().label();
  }

  static String line(CaseResult r) {
    return r.testCase().id()
        + " "
        + r.judgement().behavior().label()
        + "/"
        + r.judgement().behaviorClose().label()
        + (r.reason() == null ? "" : " — " + r.reason());
  }

  static String describe(Iterable<CaseResult> rs) {
    List<String> l = new ArrayList<>();
    for (CaseResult r : rs) l.add(line(r));
    return String.join("\n", l);
  }

  static List<String> ids(Map<String, CaseResult> rs, Predicate<CaseResult> p) {
    return rs.values().stream().filter(p).map(r -> r.testCase().id()).collect(Collectors.toList());
  }
}
