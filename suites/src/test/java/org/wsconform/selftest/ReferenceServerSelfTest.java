package org.wsconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.run.Outcome;
import org.wsconform.targets.ReferenceServer;

/** Every case of the catalogue against the embedded reference server: nothing FAILED, nothing ERROR. */
class ReferenceServerSelfTest {
  @Test
  void everyCasePassesAgainstTheReferenceServer() {
    try (ReferenceServer server = ReferenceServer.start(0)) {
      Map<String, CaseResult> results = Runs.run(server.uri(), Catalogue.all());
      assertThat(results.values())
          .as("cases that did not pass:%n%s", Runs.describe(results.values().stream()
              .filter(r -> r.outcome() != Outcome.PASSED).toList()))
          .allMatch(r -> r.outcome() == Outcome.PASSED);
      assertThat(results).hasSize(Catalogue.all().size());
    }
  }
}
