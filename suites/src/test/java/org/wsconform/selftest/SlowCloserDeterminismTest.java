package org.wsconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;

/**
 * The close groups against {@link Fault#SLOW_CLOSER}, three runs one after another and then three
 * at once (nine times the connections, and the server's 2 s waits overlapping), must give the same
 * verdicts case by case: a verdict that moves is a race between the harness's timers and the
 * server's, which a case's expectation must either avoid or accept both ways.
 */
class SlowCloserDeterminismTest {
  static final int RUNS = 3;

  static List<ConformanceCase> closeCases() {
    return Catalogue.all().stream().filter(c -> c.id().matches("(7|C)\\..*")).toList();
  }

  @Test
  void closeGroupsGiveTheSameVerdictsAloneAndConcurrently() throws Exception {
    List<ConformanceCase> cases = closeCases();
    List<Map<String, CaseResult>> runs = new ArrayList<>();
    try (FaultyServer server = FaultyServer.start(0, Set.of(Fault.SLOW_CLOSER))) {
      for (int i = 0; i < RUNS; i++) {
        runs.add(Runs.runParallel(server.uri(), cases, SlowCloserTest.TIME_SCALE, 16));
      }
      ExecutorService together = Executors.newFixedThreadPool(RUNS);
      try {
        List<Future<Map<String, CaseResult>>> concurrent = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
          concurrent.add(
              together.submit(
                  () -> Runs.runParallel(server.uri(), cases, SlowCloserTest.TIME_SCALE, 16)));
        }
        for (Future<Map<String, CaseResult>> f : concurrent) runs.add(f.get(10, TimeUnit.MINUTES));
      } finally {
        together.shutdownNow();
      }
    }
    Map<String, List<String>> differing = new LinkedHashMap<>();
    for (ConformanceCase c : cases) {
      List<String> seen = runs.stream().map(r -> Runs.verdicts(r.get(c.id()))).toList();
      if (seen.stream().distinct().count() > 1) differing.put(c.id(), seen);
    }
    List<String> lines = new ArrayList<>();
    differing.forEach(
        (id, seen) ->
            lines.add(
                id
                    + ": "
                    + seen
                    + " (last: "
                    + Runs.line(runs.get(runs.size() - 1).get(id))
                    + ")"));
    assertThat(differing)
        .as(
            "expected identical verdicts in %d runs (3 alone, 3 at once); observed (RFC 6455"
                + " §7.1.1):%n%s",
            runs.size(), String.join("\n", lines))
        .isEmpty();
  }
}
