package org.wsconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;
import org.wsconform.wire.WireLog;

/**
 * The echo-then-bad-frame cases (3.2–3.4, 4.x.3–4.x.5) against a server whose echoes go out 50 ms
 * late ({@link Fault#SLOW_ECHO}): where the frames are written together the server reads the bad
 * frame first and is NON-STRICT every time; where they are written frame-wise or octet-wise the bad
 * frame waits for the echo, so the verdict is OK every time instead of depending on who is faster
 * (python-websockets flipped 4.1.5 and 4.2.5 between runs before the wait).
 */
class SlowEchoTest {
  static final Set<String> TOGETHER = Set.of("3.2", "4.1.3", "4.1.4", "4.2.3", "4.2.4");
  static final Set<String> PACED = Set.of("3.3", "3.4", "4.1.5", "4.2.5");

  @Test
  void pacedWritesWaitForTheEchoAndWritesTogetherDoNot() throws Exception {
    List<ConformanceCase> cases =
        Catalogue.all().stream()
            .filter(c -> TOGETHER.contains(c.id()) || PACED.contains(c.id()))
            .toList();
    Map<String, CaseResult> rs;
    try (FaultyServer server = FaultyServer.start(0, Set.of(Fault.SLOW_ECHO))) {
      rs = Runs.runParallel(server.uri(), cases, 1, 9);
    }
    assertThat(rs).hasSize(9);
    rs.forEach(
        (id, r) -> {
          boolean paced = PACED.contains(id);
          assertThat(Runs.verdicts(r))
              .as("%s%n%s", id, Runs.line(r))
              .isEqualTo(paced ? "OK/OK" : "NON-STRICT/OK");
          assertThat(r.wirelog())
              .as(id)
              .extracting(WireLog.Entry::text)
              .filteredOn(t -> t.equals("the echo arrived"))
              .hasSize(paced ? 1 : 0);
        });
  }
}
