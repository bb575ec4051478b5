package org.wsconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;
import org.wsconform.verdict.Outcome;

/**
 * A server that takes its time to close is still conformant (RFC 6455 §7.1.1 and §5.5.1 set no time
 * limit on answering a Close or on closing TCP), so given timers that outlast its 2 s waits the
 * faulty server's {@link Fault#SLOW_CLOSER} must pass every close-related case the embedded Jetty
 * passes, with the verdicts the same server gives without the switch.
 */
class SlowCloserTest {
  /** Fragmentation, UTF-8 and close handling: every case there ends in a closing handshake. */
  static final String CLOSE_GROUPS = "(5|6|7|C)\\..*";

  /**
   * The shortest timer of these cases is Autobahn's 0.5 s kill timer of 6.*; × 6 = 3 s, a second
   * longer than the slow closer's 2 s waits (the 1 s close-handshake and TCP-drop timers become 6
   * s).
   */
  static final double TIME_SCALE = 6;

  static List<ConformanceCase> closeCases() {
    return Catalogue.all().stream().filter(c -> c.id().matches(CLOSE_GROUPS)).toList();
  }

  @Test
  void passesWhatTheReferenceServerPassesWithTheVerdictsOfAPromptCloser() throws Exception {
    List<ConformanceCase> cases = closeCases();
    Map<String, CaseResult> jetty;
    try (ReferenceServer server = ReferenceServer.start(0)) {
      jetty = Runs.runParallel(server.uri(), cases, 1, 8);
    }
    Map<String, CaseResult> prompt;
    try (FaultyServer server = FaultyServer.start(0, Set.of())) {
      prompt = Runs.runParallel(server.uri(), cases, TIME_SCALE, 24);
    }
    Map<String, CaseResult> slow;
    try (FaultyServer server = FaultyServer.start(0, Set.of(Fault.SLOW_CLOSER))) {
      slow = Runs.runParallel(server.uri(), cases, TIME_SCALE, 24);
    }
    List<String> differences = new ArrayList<>();
    for (ConformanceCase c : cases) {
      CaseResult j = jetty.get(c.id());
      CaseResult p = prompt.get(c.id());
      CaseResult s = slow.get(c.id());
      boolean jettyPassed = j.outcome() == Outcome.PASSED;
      if ((jettyPassed && s.outcome() != Outcome.PASSED)
          || !Runs.verdicts(s).equals(Runs.verdicts(p))) {
        differences.add(
            c.id()
                + ": Jetty "
                + Runs.verdicts(j)
                + " "
                + j.outcome()
                + ", prompt faulty server "
                + Runs.verdicts(p)
                + ", slow closer "
                + Runs.line(s)
                + " "
                + s.outcome());
      }
    }
    assertThat(differences)
        .as(
            "expected: the slow closer passes every case Jetty passes, with the verdicts of the"
                + " faulty server without faults; observed differences (RFC 6455 §7.1.1):%n%s",
            String.join("\n", differences))
        .isEmpty();
  }
}
