package org.wsconform.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ResultsWriterTest {

  @TempDir Path tmp;

  private RunFolder run;
  private List<CaseRecord> records;
  private RunInfo info;

  @BeforeEach
  void writeRun() throws Exception {
    run =
        RunFolder.create(
            tmp, Samples.AGENT, Clock.fixed(Instant.parse("2026-11-25T18:45:12Z"), ZoneOffset.UTC));
    records = Samples.run();
    info =
        new RunInfo(
            "ws://localhost:9001/",
            Samples.AGENT,
            Instant.parse("2026-11-25T18:45:12Z"),
            Instant.parse("2026-11-25T18:45:20.500Z"),
            8500,
            "0.1.0-test",
            "17.0.9",
            List.of("1.*", "6.4.*", "7.1.6", "12.1.1", "H.*"));
  }

  private RunTotals writeAll() throws Exception {
    try (ResultsWriter writer = new ResultsWriter(run)) {
      records.forEach(writer::record);
      return writer.finish(info);
    }
  }

  @Test
  void indexJsonHasAutobahnsShapeValuesAndCaseIdOrder() throws Exception {
    writeAll();
    JsonNode index = Json.MAPPER.readTree(run.indexJson().toFile());

    assertThat(names(index)).containsExactly(Samples.AGENT);
    JsonNode cases = index.get(Samples.AGENT);
    assertThat(names(cases)).containsExactlyElementsOf(Samples.ORDER);
    for (String id : Samples.ORDER) {
      assertThat(names(cases.get(id)))
          .containsExactly(
              "behavior", "behaviorClose", "duration", "remoteCloseCode", "reportfile");
      assertThat(cases.get(id).get("reportfile").asText())
          .isEqualTo("ws_8_18_3_case_" + id.replace('.', '_') + ".json");
    }
    JsonNode failed = cases.get("1.1.10");
    assertThat(failed.get("behavior").asText()).isEqualTo("FAILED");
    assertThat(failed.get("behaviorClose").asText()).isEqualTo("WRONG CODE");
    assertThat(failed.get("duration").isIntegralNumber()).isTrue();
    assertThat(failed.get("duration").asLong()).isEqualTo(12);
    assertThat(failed.get("remoteCloseCode").asInt()).isEqualTo(1002);
    assertThat(cases.get("6.4.1").get("behavior").asText()).isEqualTo("NON-STRICT");
    assertThat(cases.get("6.4.1").get("duration").asLong()).isEqualTo(2004);
    assertThat(cases.get("7.1.6").get("remoteCloseCode").isNull()).isTrue(); // present, null
    assertThat(cases.get("H.2").get("remoteCloseCode").isNull()).isTrue(); // no close at all

    String text = Files.readString(run.indexJson());
    assertThat(text)
        .startsWith(
            "{\n   \"ws@8.18.3\": {\n      \"1.1.2\": {\n"
                + "         \"behavior\": \"OK\",\n         \"behaviorClose\": \"OK\",\n"
                + "         \"duration\": 2,\n         \"remoteCloseCode\": 1000,\n"
                + "         \"reportfile\": \"ws_8_18_3_case_1_1_2.json\"\n      },\n");
    try (Stream<Path> files = Files.list(run.dir())) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void indexJsonIsWrittenAfterEveryCaseSoAKilledRunKeepsIt() throws Exception {
    ResultsWriter writer = new ResultsWriter(run);
    writer.record(records.get(0));
    writer.record(records.get(1));
    // no finish(): the run was killed here
    JsonNode index = Json.MAPPER.readTree(run.indexJson().toFile());
    assertThat(names(index.get(Samples.AGENT))).containsExactly("1.1.10", "H.10");
    assertThat(Files.readAllLines(run.resultsJsonl())).hasSize(2);
    assertThat(run.caseFile(Samples.AGENT, "1.1.10")).exists();
    assertThat(run.junitXml()).doesNotExist();
    writer.close();
  }

  @Test
  void resultsJsonlHasOneFullLinePerCaseInRecordOrder() throws Exception {
    writeAll();
    List<String> lines = Files.readAllLines(run.resultsJsonl(), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(records.size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(Json.MAPPER.readValue(lines.get(i), CaseRecord.class)).isEqualTo(records.get(i));
    }
    assertThat(lines.get(1)).contains("\"wirelog\":[").contains("\"kind\":\"DROP\"");
  }

  @Test
  void caseFilesHoldThePrettyPrintedFullRecord() throws Exception {
    writeAll();
    try (Stream<Path> files = Files.list(run.casesDir())) {
      assertThat(files).hasSize(records.size());
    }
    for (CaseRecord r : records) {
      Path file = run.caseFile(r.agent(), r.id());
      assertThat(Json.MAPPER.readValue(file.toFile(), CaseRecord.class)).isEqualTo(r);
    }
    assertThat(Files.readString(run.caseFile(Samples.AGENT, "1.1.2")))
        .startsWith("{\n   \"agent\": \"ws@8.18.3\",\n   \"id\": \"1.1.2\",");
  }

  @Test
  void junitXmlParsesWithFailuresAsFailuresAndRightCounts() throws Exception {
    writeAll();
    byte[] xml = Files.readAllBytes(run.junitXml());
    String raw = new String(xml, StandardCharsets.UTF_8);
    assertThat(raw).doesNotContain("\u0001").doesNotContain("\u0007");

    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml));
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("8");
    assertThat(root.getAttribute("failures")).isEqualTo("1");
    assertThat(root.getAttribute("errors")).isEqualTo("1");
    assertThat(root.getAttribute("skipped")).isEqualTo("1");

    List<Element> suites = elements(root.getElementsByTagName("testsuite"));
    assertThat(suites)
        .extracting(s -> s.getAttribute("name"))
        .containsExactly(
            "1.1 Framing / Text Messages",
            "6.4 UTF-8 Handling / Fail-fast",
            "7.1 Close Handling",
            "12.1 WebSocket Compression (different payloads)",
            "H Opening handshake");
    Element framing = suites.get(0);
    assertThat(framing.getAttribute("tests")).isEqualTo("3");
    assertThat(framing.getAttribute("failures")).isEqualTo("1");
    assertThat(framing.getAttribute("errors")).isEqualTo("0");
    assertThat(framing.getAttribute("skipped")).isEqualTo("0");
    assertThat(framing.getAttribute("time")).isEqualTo("0.015");
    assertThat(suites.get(4).getAttribute("errors")).isEqualTo("1");
    assertThat(suites.get(3).getAttribute("skipped")).isEqualTo("1");

    List<Element> cases = elements(root.getElementsByTagName("testcase"));
    assertThat(cases)
        .extracting(c -> c.getAttribute("name"))
        .containsExactly(
            "1.1.2 title of 1.1.2",
            "1.1.9 title of 1.1.9",
            "1.1.10 text 65536 in chops",
            "6.4.1 title of 6.4.1",
            "7.1.6 title of 7.1.6",
            "12.1.1 deflate 16 bytes",
            "H.2 lower-case upgrade",
            "H.10 title of H.10");

    Element failedCase = cases.get(2);
    assertThat(failedCase.getAttribute("classname")).isEqualTo("wsconform.g1.g1_1");
    assertThat(failedCase.getAttribute("time")).isEqualTo("0.012");
    assertThat(failedCase.getElementsByTagName("error").getLength()).isZero();
    Element failure = (Element) failedCase.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo(
            "expected the echo of <&\"'>]]> bell end, observed a close 1002 (RFC 6455 §5.6)");
    assertThat(failure.getAttribute("type")).isEqualTo("behavior=FAILED behaviorClose=WRONG CODE");
    assertThat(failure.getTextContent())
        // JSON keeps the control characters as \\u escapes: visible, and legal XML
        .contains("expected: {\"OK\":[[\"message\",\"<&\\\"'\\u0001>]]> bell\\u0007 end\",false]]}")
        .contains("observed: []")
        .contains("X-Evil: <&\"'>]]> bell end")
        .contains("wire log:")
        .contains("TF   text fin=1 rsv=0 len=")
        .contains("DROP TCP closed by server");

    Element errorCase = cases.get(6);
    assertThat(errorCase.getElementsByTagName("failure").getLength()).isZero();
    Element error = (Element) errorCase.getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("message")).isEqualTo("connect refused: localhost:9001 <&>");

    Element skipped = (Element) cases.get(5).getElementsByTagName("skipped").item(0);
    assertThat(skipped.getAttribute("message")).isEqualTo("permessage-deflate was not negotiated");

    for (int i : new int[] {0, 1, 3, 4, 7}) { // passed: no outcome element
      assertThat(cases.get(i).getElementsByTagName("failure").getLength()).isZero();
      assertThat(cases.get(i).getElementsByTagName("error").getLength()).isZero();
      assertThat(cases.get(i).getElementsByTagName("skipped").getLength()).isZero();
    }
    assertThat(cases.get(3).getElementsByTagName("system-out").item(0).getTextContent())
        .startsWith("behavior=NON-STRICT behaviorClose=OK");
    assertThat(cases.get(1).getElementsByTagName("system-out").item(0).getTextContent())
        .startsWith("behavior=OK behaviorClose=UNCLEAN");
  }

  @Test
  void summaryNamesEveryFailedAndErroredCaseWithItsReason() throws Exception {
    writeAll();
    String md = Files.readString(run.summaryMd());
    assertThat(md).contains("ws://localhost:9001/");
    assertThat(md).contains("| 5 | 1 | 1 | 1 |"); // passed, failed, skipped, error
    assertThat(md).contains("| NON-STRICT | 1 | 0 |").contains("| UNCLEAN | 0 | 1 |");
    assertThat(md)
        .contains("| 1.1 | Framing / Text Messages | 3 | 2 | 1 | 0 | 0 | OK 2, FAILED 1 |");
    List<String> failures =
        md.lines().filter(l -> l.startsWith("- ❌") || l.startsWith("- ⚠️")).toList();
    assertThat(failures).hasSize(2);
    assertThat(failures.get(0))
        .contains("**1.1.10**")
        .contains("FAILED")
        .contains(
            "expected the echo of &lt;&amp;\"'&gt;\\]\\]&gt; bell end, observed a close 1002");
    assertThat(failures.get(1))
        .contains("**H.2**")
        .contains("ERROR")
        .contains("the target could not be reached");
    assertThat(md).doesNotContain("\u0001").doesNotContain("<&");
  }

  @Test
  void aFailedCasesHowToFixIsInTheJunitFailureTheSummaryAndTheCaseFile() throws Exception {
    writeAll();
    String xml = Files.readString(run.junitXml());
    assertThat(xml).contains("how to fix: " + Samples.FIX);
    String md = Files.readString(run.summaryMd());
    assertThat(md).contains("  - how to fix: " + Samples.FIX);
    JsonNode file = Json.MAPPER.readTree(run.caseFile(Samples.AGENT, "1.1.10").toFile());
    assertThat(file.get("fix").asText()).isEqualTo(Samples.FIX);
    JsonNode passed = Json.MAPPER.readTree(run.caseFile(Samples.AGENT, "1.1.2").toFile());
    assertThat(passed.has("fix")).isFalse();
  }

  @Test
  void aLongHowToFixIsKeptWholeInTheSummary() throws Exception {
    String fix =
        "Known workerd cause (a runtime issue, not your code): " + "x".repeat(500) + " end.";
    CaseRecord failed =
        records.stream().filter(r -> r.id().equals("1.1.10")).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> m = Json.MAPPER.convertValue(failed, Map.class);
    m.put("fix", fix);
    CaseRecord withFix = Json.MAPPER.convertValue(m, CaseRecord.class);
    assertThat(SummaryMarkdown.render(List.of(withFix), info, "run")).contains(fix);
  }

  @Test
  void junitClassNamesHaveOneDepthWithNoDotInsideAGroup() throws Exception {
    writeAll();
    Document doc =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(run.junitXml().toFile());
    List<String> classes =
        elements(doc.getDocumentElement().getElementsByTagName("testcase")).stream()
            .map(e -> e.getAttribute("classname"))
            .distinct()
            .toList();
    assertThat(classes)
        .containsExactly(
            "wsconform.g1.g1_1",
            "wsconform.g6.g6_4",
            "wsconform.g7.g7_1",
            "wsconform.g12.g12_1",
            "wsconform.gH.gH");
    // Jenkins splits at the last dot: package = wsconform.<top group>, class = the group
    assertThat(classes).allSatisfy(c -> assertThat(c.split("\\.")).hasSize(3));
  }

  @Test
  void runJsonAndTheSummaryRecordTheTargetsIdentity() throws Exception {
    info =
        info.withIdentity(
            new TargetIdentity(
                "ws://127.0.0.1:40001/",
                "workerd-nodeflate",
                "workerd",
                "1.20261117.1",
                "2026-11-17",
                List.of("no_web_socket_compression")));
    writeAll();
    JsonNode id = Json.MAPPER.readTree(run.runJson().toFile()).get("targetIdentity");
    assertThat(id.get("url").asText()).isEqualTo("ws://127.0.0.1:40001/");
    assertThat(id.get("profile").asText()).isEqualTo("workerd-nodeflate");
    assertThat(id.get("implementation").asText()).isEqualTo("workerd");
    assertThat(id.get("version").asText()).isEqualTo("1.20261117.1");
    assertThat(id.get("compatibilityDate").asText()).isEqualTo("2026-11-17");
    assertThat(id.get("compatibilityFlags").toString())
        .isEqualTo("[\"no_web_socket_compression\"]");
    assertThat(Files.readString(run.summaryMd()))
        .contains(
            "- **Target identity:** workerd 1.20261117.1 (profile workerd-nodeflate;"
                + " compatibilityDate 2026-11-17; compatibility flags no\\_web\\_socket\\_compression)"
                + " at ws://127.0.0.1:40001/");
  }

  @Test
  void runJsonHoldsMetadataAndCounts() throws Exception {
    RunTotals totals = writeAll();
    assertThat(totals.cases()).isEqualTo(8);
    assertThat(totals.anyFailedOrError()).isTrue();

    JsonNode runJson = Json.MAPPER.readTree(run.runJson().toFile());
    assertThat(runJson.get("runId").asText()).isEqualTo(run.id());
    assertThat(runJson.get("target").asText()).isEqualTo("ws://localhost:9001/");
    assertThat(runJson.get("agent").asText()).isEqualTo(Samples.AGENT);
    assertThat(runJson.get("started").asText()).isEqualTo("2026-11-25T18:45:12Z");
    assertThat(runJson.get("finished").asText()).isEqualTo("2026-11-25T18:45:20.500Z");
    assertThat(runJson.get("wallTimeMillis").asLong()).isEqualTo(8500);
    assertThat(runJson.get("wsconformVersion").asText()).isEqualTo("0.1.0-test");
    assertThat(runJson.get("javaVersion").asText()).isEqualTo("17.0.9");
    assertThat(runJson.get("cases").asInt()).isEqualTo(8);
    assertThat(runJson.get("selection").toString())
        .isEqualTo("[\"1.*\",\"6.4.*\",\"7.1.6\",\"12.1.1\",\"H.*\"]");
    assertThat(runJson.get("outcomes").toString())
        .isEqualTo("{\"PASSED\":5,\"FAILED\":1,\"SKIPPED\":1,\"ERROR\":1}");
    JsonNode behavior = runJson.get("behavior");
    assertThat(behavior.get("OK").asInt()).isEqualTo(3);
    assertThat(behavior.get("NON-STRICT").asInt()).isEqualTo(1);
    assertThat(behavior.get("INFORMATIONAL").asInt()).isEqualTo(1);
    assertThat(behavior.get("UNIMPLEMENTED").asInt()).isEqualTo(1);
    assertThat(behavior.get("FAILED").asInt()).isEqualTo(1);
    assertThat(behavior.get("ERROR").asInt()).isEqualTo(1);
    assertThat(runJson.get("behaviorClose").get("WRONG CODE").asInt()).isEqualTo(1);
  }

  @Test
  void readingBackGivesEqualRecords() throws Exception {
    writeAll();
    assertThat(ResultsReader.read(run.dir())).containsExactlyElementsOf(records);
    List<CaseRecord> sorted = new ArrayList<>(records);
    sorted.sort((a, b) -> CaseIdOrder.INSTANCE.compare(a.id(), b.id()));
    // our index.json points at our case files, which read back whole
    assertThat(ResultsReader.readIndex(run.indexJson())).containsExactlyElementsOf(sorted);
  }

  @Test
  void aTruncatedLastLineIsSkippedAndCutBeforeAppending() throws Exception {
    try (ResultsWriter writer = new ResultsWriter(run)) {
      records.subList(0, 3).forEach(writer::record);
    }
    String partial = Json.COMPACT.writeValueAsString(records.get(3));
    Files.writeString(
        run.resultsJsonl(), partial.substring(0, partial.length() / 2), StandardOpenOption.APPEND);

    assertThat(ResultsReader.readJsonl(run.resultsJsonl()))
        .containsExactlyElementsOf(records.subList(0, 3));

    try (ResultsWriter resumed = new ResultsWriter(run)) { // cuts the partial line, appends
      resumed.record(records.get(3));
    }
    assertThat(Files.readAllLines(run.resultsJsonl())).hasSize(4);
    assertThat(ResultsReader.readJsonl(run.resultsJsonl()))
        .containsExactlyElementsOf(records.subList(0, 4));
  }

  @Test
  void aBrokenLineInTheMiddleIsAnError() throws Exception {
    String good = Json.COMPACT.writeValueAsString(records.get(0));
    Files.writeString(run.resultsJsonl(), good + "\n{\"agent\": tru\n\n" + good + "\n");
    assertThatThrownBy(() -> ResultsReader.readJsonl(run.resultsJsonl()))
        .hasMessageContaining("line 2");
  }

  @Test
  void concurrentRecordsFromEightThreadsGiveEveryLine() throws Exception {
    int threads = 8;
    int perThread = 25;
    CaseRecord template = records.get(1); // the FAILED one, with a wire log and nasty text
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try (ResultsWriter writer = new ResultsWriter(run)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 1; i <= perThread; i++) {
                    writer.record(withId(template, "F." + thread + "." + i));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
      RunTotals totals = writer.finish(info);
      assertThat(totals.cases()).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }

    List<String> lines = Files.readAllLines(run.resultsJsonl());
    assertThat(lines).hasSize(200);
    Set<String> ids = new HashSet<>();
    for (String line : lines) {
      CaseRecord r = Json.MAPPER.readValue(line, CaseRecord.class);
      assertThat(r).isEqualTo(withId(template, r.id()));
      ids.add(r.id());
    }
    assertThat(ids).hasSize(200);
    JsonNode index = Json.MAPPER.readTree(run.indexJson().toFile()).get(Samples.AGENT);
    assertThat(names(index)).hasSize(200).startsWith("F.0.1", "F.0.2").endsWith("F.7.25");
    try (Stream<Path> files = Files.list(run.casesDir())) {
      assertThat(files).hasSize(200);
    }
  }

  @Test
  void anInterruptedCaseThreadStillRecordsAndBreaksNothing() throws Exception {
    try (ResultsWriter writer = new ResultsWriter(run)) {
      Thread.currentThread().interrupt(); // as a JUnit timeout leaves it
      try {
        writer.record(records.get(0));
      } finally {
        Thread.interrupted();
      }
      writer.record(records.get(1));
      writer.finish(info);
    }
    assertThat(ResultsReader.readJsonl(run.resultsJsonl()))
        .containsExactlyElementsOf(records.subList(0, 2));
    assertThat(run.caseFile(Samples.AGENT, records.get(0).id())).exists();
  }

  @Test
  void recordAfterFinishIsRefused() throws Exception {
    ResultsWriter writer = new ResultsWriter(run);
    writer.record(records.get(0));
    writer.finish(info);
    assertThatThrownBy(() -> writer.record(records.get(1)))
        .isInstanceOf(IllegalStateException.class);
    writer.close();
  }

  private static CaseRecord withId(CaseRecord r, String id) {
    return new CaseRecord(
        r.agent(),
        id,
        r.caseIndex(),
        r.group(),
        r.groupTitle(),
        r.title(),
        r.description(),
        r.expectation(),
        r.requirement(),
        r.rfc(),
        r.behavior(),
        r.behaviorClose(),
        r.outcome(),
        r.reason(),
        r.result(),
        r.resultClose(),
        r.expected(),
        r.expectedClose(),
        r.received(),
        r.close(),
        r.httpRequest(),
        r.httpResponse(),
        r.started(),
        r.durationMillis(),
        r.wirelog(),
        r.error(),
        r.details(),
        null);
  }

  static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<Element> elements(NodeList list) {
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }
}
