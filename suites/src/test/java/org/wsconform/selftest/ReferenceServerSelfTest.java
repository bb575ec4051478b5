package org.wsconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.verdict.Outcome;

/**
 * Every case of the catalogue against the embedded reference server: nothing FAILED, nothing ERROR.
 */
class ReferenceServerSelfTest {
  @Test
  void everyCasePassesAgainstTheReferenceServer() {
    try (ReferenceServer server = ReferenceServer.start(0)) {
      // 12.*, 13.* (1000 round trips each, ~10.9 GB) and X.* run against Jetty in CompressionTest
      // and
      // ExtensionNegotiationTest (every case OK there too)
      List<ConformanceCase> cases =
          Catalogue.all().stream().filter(c -> !c.id().matches("(9|12|13|X|L)\\..*")).toList();
      Map<String, CaseResult> results = Runs.run(server.uri(), cases);
      assertThat(results.values())
          .as(
              "cases that did not pass:%n%s",
              Runs.describe(
                  results.values().stream().filter(r -> r.outcome() != Outcome.PASSED).toList()))
          .allMatch(r -> r.outcome() == Outcome.PASSED);
      assertThat(results).hasSize(cases.size());
    }
  }
}
