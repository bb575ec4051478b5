package org.wsconform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.verdict.Outcome;

class ResultsReaderTest {

  /** The full index.json of ws@8.18.3 and four of its case files (see the README there). */
  static final Path SAMPLE = Path.of("src/test/resources/autobahn/ws_8_18_3");

  /**
   * The full Autobahn result folder, all 517 case files, vendored at the project root (see its
   * README).
   */
  static final Path PUBLISHED =
      Path.of("..")
          .toAbsolutePath()
          .normalize()
          .resolve("targets/external/ws/published/8.18.3/servers");

  @TempDir Path tmp;

  @Test
  void readsAnAutobahnIndex() throws Exception {
    List<CaseRecord> cases = ResultsReader.read(SAMPLE);

    assertThat(cases).hasSize(517);
    assertThat(cases).allSatisfy(c -> assertThat(c.agent()).isEqualTo("ws@8.18.3"));
    assertThat(count(cases, CaseRecord::behavior))
        .containsEntry("OK", 510L)
        .containsEntry("NON-STRICT", 4L)
        .containsEntry("INFORMATIONAL", 3L)
        .hasSize(3);
    assertThat(count(cases, CaseRecord::behaviorClose))
        .containsEntry("OK", 514L)
        .containsEntry("INFORMATIONAL", 3L)
        .hasSize(2);
    assertThat(cases.stream().filter(c -> c.behavior().equals("NON-STRICT")).map(CaseRecord::id))
        .containsExactly("6.4.1", "6.4.2", "6.4.3", "6.4.4");
    assertThat(cases).allSatisfy(c -> assertThat(c.outcome()).isEqualTo(Outcome.PASSED.name()));
    assertThat(cases.get(0).id()).isEqualTo("1.1.1");
    assertThat(cases.get(7).id()).isEqualTo("1.1.8");
    assertThat(cases.get(8).id()).isEqualTo("1.2.1");
    assertThat(cases.get(516).id()).isEqualTo("13.7.18");
  }

  @Test
  void mapsTheFieldsOfAnAutobahnCaseFile() throws Exception {
    Map<String, CaseRecord> byId =
        ResultsReader.read(SAMPLE).stream()
            .collect(Collectors.toMap(CaseRecord::id, Function.identity()));

    CaseRecord c = byId.get("6.4.1");
    assertThat(c.caseIndex()).isEqualTo(74);
    assertThat(c.group()).isEqualTo("6.4");
    assertThat(c.groupTitle()).isEqualTo("UTF-8 Handling / Fail-fast on invalid UTF-8");
    assertThat(c.description()).startsWith("Send invalid UTF-8 text message in 3 fragments");
    assertThat(c.expectation()).startsWith("The first frame is accepted");
    assertThat(c.behavior()).isEqualTo("NON-STRICT");
    assertThat(c.result()).isEqualTo("Actual events match at least one expected.");
    assertThat(c.resultClose()).isEqualTo("Connection was properly closed");
    assertThat(c.durationMillis()).isEqualTo(2004);
    assertThat(c.started()).isEqualTo("2025-11-26T21:07:25.516Z");
    assertThat(c.expected()).containsOnlyKeys("OK", "NON-STRICT");
    assertThat(c.expected().get("OK")).containsExactly(List.of("timeout", "A"));
    assertThat(c.received()).containsExactly(List.of("timeout", "A"), List.of("timeout", "B"));
    assertThat(c.expectedClose())
        .containsEntry("closeCode", List.of(1007))
        .containsEntry("closedByMe", false);
    assertThat(c.close().remoteCloseCode()).isEqualTo(1007);
    assertThat(c.close().localCloseCode()).isEqualTo(1000);
    assertThat(c.close().wasClean()).isTrue();
    assertThat(c.close().closedByMe()).isFalse();
    assertThat(c.httpRequest()).startsWith("GET / HTTP/1.1\r\n");
    assertThat(c.httpResponse()).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    assertThat(c.wirelog()).isNotEmpty();
    assertThat(c.wirelog().get(0).kind()).isEqualTo("TO");
    assertThat(c.wirelog().get(0).length()).isEqualTo(246);
    assertThat(c.wirelog().get(0).hex()).startsWith("474554202f");
    assertThat(c.wirelog())
        .anySatisfy(
            e -> {
              assertThat(e.kind()).isEqualTo("CT");
              assertThat(e.text()).isEqualTo("1 A");
            });
    assertThat(c.details()).containsEntry("source", "autobahn").containsKey("txFrameStats");

    CaseRecord compressed = byId.get("12.1.1");
    assertThat(compressed.details()).containsKey("trafficStats");
    assertThat(compressed.groupTitle()).isEqualTo("WebSocket Compression (different payloads)");

    CaseRecord indexOnly = byId.get("2.1"); // no case file in the sample
    assertThat(indexOnly.caseIndex()).isEqualTo(17); // its position in numeric tuple order
    assertThat(indexOnly.group()).isEqualTo("2");
    assertThat(indexOnly.groupTitle()).isEqualTo("Pings/Pongs");
    assertThat(indexOnly.close()).isNull();
    assertThat(indexOnly.details()).containsEntry("remoteCloseCode", 1000);
    assertThat(indexOnly.durationMillis())
        .isEqualTo(
            Json.MAPPER
                .readTree(SAMPLE.resolve("index.json").toFile())
                .get("ws@8.18.3")
                .get("2.1")
                .get("duration")
                .asLong());
  }

  @Test
  void everyCaseFileOfTheFullAutobahnRunMatchesItsIndex() throws Exception {
    assertThat(PUBLISHED.resolve("index.json"))
        .as("the vendored Autobahn verdicts")
        .isRegularFile();
    List<CaseRecord> cases = ResultsReader.readIndex(PUBLISHED.resolve("index.json"));
    assertThat(cases).hasSize(517);
    for (int i = 0; i < cases.size(); i++) {
      CaseRecord c = cases.get(i);
      assertThat(c.description()).as(c.id()).isNotBlank();
      assertThat(c.close()).as(c.id()).isNotNull();
      // Autobahn numbers the cases in numeric tuple order: CaseIdOrder agrees everywhere
      assertThat(c.caseIndex()).as(c.id()).isEqualTo(i + 1);
    }
    assertThat(count(cases, CaseRecord::behavior)).containsEntry("NON-STRICT", 4L);
  }

  /**
   * One source of truth: the sample is a byte-for-byte excerpt of the vendored folder, never a copy
   * that drifts.
   */
  @Test
  void theSampleIsAnExcerptOfThePublishedFolder() throws Exception {
    try (Stream<Path> files = Files.list(SAMPLE)) {
      assertThat(files.toList())
          .hasSize(5)
          .allSatisfy(
              f ->
                  assertThat(Files.mismatch(f, PUBLISHED.resolve(f.getFileName().toString())))
                      .as(f.toString())
                      .isEqualTo(-1L));
    }
  }

  @Test
  void rewritingAnAutobahnRunGivesTheSameIndexEntries() throws Exception {
    List<CaseRecord> cases = ResultsReader.read(SAMPLE);
    RunFolder run = RunFolder.open(tmp.resolve("run"));
    try (ResultsWriter writer = new ResultsWriter(run)) {
      cases.forEach(writer::record);
    }
    JsonNode theirs = Json.MAPPER.readTree(SAMPLE.resolve("index.json").toFile()).get("ws@8.18.3");
    JsonNode ours = Json.MAPPER.readTree(run.indexJson().toFile()).get("ws@8.18.3");
    assertThat(ResultsWriterTest.names(ours))
        .containsExactlyInAnyOrderElementsOf(ResultsWriterTest.names(theirs));
    theirs
        .properties()
        .forEach(e -> assertThat(ours.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue()));
    assertThat(ResultsReader.readJsonl(run.resultsJsonl())).containsExactlyElementsOf(cases);
  }

  private static Map<String, Long> count(List<CaseRecord> cases, Function<CaseRecord, String> key) {
    return cases.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
