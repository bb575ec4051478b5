package org.wsconform.selftest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
