package org.wsconform.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.ParseErrorList;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  @TempDir Path tmp;

  private RunFolder run;
  private String html;
  private Document doc;

  @BeforeEach
  void renderRun() throws Exception {
    run = ReportSamples.write(tmp.resolve("run-a")); // finish() renders index.html
    html = Files.readString(run.dir().resolve(HtmlReport.FILE));
    doc = parse(html);
  }

  /** Parses the page, failing on any HTML parse error (well-formed enough for browsers). */
  static Document parse(String html) {
    Parser parser = Parser.htmlParser().setTrackErrors(50);
    Document doc = Jsoup.parse(html, "", parser);
    ParseErrorList errors = parser.getErrors();
    assertThat(errors).as("HTML parse errors").isEmpty();
    return doc;
  }

  static JsonNode caseData(Document doc) throws IOException {
    Element data = doc.getElementById("case-data");
    assertThat(data).isNotNull();
    assertThat(data.attr("type")).isEqualTo("application/json");
    return Json.MAPPER.readTree(data.data());
  }

  @Test
  void finishWritesTheReportNextToTheOtherResults() {
    assertThat(run.dir().resolve(HtmlReport.FILE)).isRegularFile();
    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(doc.selectFirst("meta[name=generator]").attr("content")).startsWith("wsconform");
    assertThat(doc.title()).isEqualTo("wsconform: " + ReportSamples.AGENT);
    assertThat(doc.select("dl.run-info dd").eachText())
        .contains(ReportSamples.TARGET_LINE, "run-a", "8.5 s", "0.1.0-test", "10");
  }

  @Test
  void theTargetLineShowsTheTargetsIdentityNotJustItsName() {
    Element target =
        doc.select("dl.run-info dt").stream()
            .filter(dt -> dt.text().equals("Target"))
            .findFirst()
            .orElseThrow()
            .nextElementSibling();
    assertThat(target.text()).isEqualTo(ReportSamples.TARGET_LINE);
  }

  @Test
  void aFailedCaseCarriesItsHowToFixAndAPassedOneNone() throws Exception {
    JsonNode cases = caseData(doc).get("cases");
    assertThat(cases.get(1).get("id").asText()).isEqualTo("1.1.2");
    assertThat(cases.get(1).get("fix").asText()).isEqualTo(ReportSamples.FIX);
    assertThat(cases.get(0).has("fix")).isFalse();
    assertThat(html).doesNotContain(ReportSamples.SCRIPT); // escaped like every target text
    String js =
        Files.readString(Path.of("src/main/resources/org/wsconform/reports/html/run-report.js"));
    assertThat(js).contains("section('How to fix')");
  }

  @Test
  void theFailedByMeRowSaysWhetherATimerOrAViolationEndedTheConnection() {
    CaseRecord.CloseRecord failedByMe =
        new CaseRecord.CloseRecord(
            true,
            true,
            false,
            true,
            null,
            false,
            false,
            false,
            1001,
            "Going Away",
            1001,
            null,
            "peer");
    List<CaseRecord.WireEntry> timer =
        List.of(
            new CaseRecord.WireEntry(1, "KL", "killAfter 1.0 s armed", null, null),
            new CaseRecord.WireEntry(1001, "KLE", "killAfter 1.0 s fired", null, null));
    List<CaseRecord.WireEntry> violation =
        List.of(new CaseRecord.WireEntry(3, "VIOLATION", "invalid close code 0", null, null));
    assertThat(row(CaseSection.closeRows(failedByMe, timer), "failedByMe"))
        .contains("after its own timer (killAfter)")
        .doesNotContain("violation)");
    assertThat(row(CaseSection.closeRows(failedByMe, violation), "failedByMe"))
        .contains("because the server broke a protocol rule");
    assertThat(row(CaseSection.closeRows(failedByMe, timer), "remoteCloseCode"))
        .contains("an echo of the harness's own 1001");
  }

  private static String row(List<List<String>> rows, String field) {
    return rows.stream().filter(r -> r.get(0).equals(field)).findFirst().orElseThrow().get(2);
  }

  @Test
  void everyCaseHasARowInCaseIdOrderWithItsVerdictClasses() {
    List<Element> rows = doc.select("#case-table tbody.case");
    assertThat(rows)
        .extracting(r -> r.attr("data-id"))
        .containsExactlyElementsOf(ReportSamples.ORDER);
    assertThat(rows)
        .extracting(Element::id)
        .containsExactlyElementsOf(ReportSamples.ORDER.stream().map(id -> "case-" + id).toList());

    Map<String, String[]> expected =
        Map.of(
            "1.1.1", new String[] {"OK", "case_ok", "OK", "case_ok", "1000", "PASSED"},
            "1.1.2",
                new String[] {
                  "FAILED", "case_failed", "WRONG CODE", "case_non_strict", "1002", "FAILED"
                },
            "2.1", new String[] {"OK", "case_ok", "UNCLEAN", "case_failed", "", "PASSED"},
            "2.2",
                new String[] {"OK", "case_ok", "FAILED BY CLIENT", "case_almost", "1000", "PASSED"},
            "5.1",
                new String[] {"FAILED", "case_failed", "FAILED", "case_failed", "1000", "FAILED"},
            "6.4.1",
                new String[] {"NON-STRICT", "case_non_strict", "OK", "case_ok", "1007", "PASSED"},
            "7.1.6",
                new String[] {
                  "INFORMATIONAL", "case_info", "INFORMATIONAL", "case_info", "", "PASSED"
                },
            "12.1.1",
                new String[] {
                  "UNIMPLEMENTED",
                  "case_unimplemented",
                  "UNIMPLEMENTED",
                  "case_unimplemented",
                  "1000",
                  "SKIPPED"
                },
            "H.2", new String[] {"ERROR", "case_error", "ERROR", "case_error", "", "ERROR"});
    expected.forEach(
        (id, v) -> {
          Element body = doc.getElementById("case-" + id);
          Element behavior = body.selectFirst("td.behavior");
          Element close = body.selectFirst("td.behavior-close");
          assertThat(behavior.text()).as(id).isEqualTo(v[0]);
          assertThat(behavior.hasClass(v[1])).as(id + " " + behavior.className()).isTrue();
          assertThat(close.text()).as(id).isEqualTo(v[2]);
          assertThat(close.hasClass(v[3])).as(id + " " + close.className()).isTrue();
          assertThat(body.selectFirst("td.code").text()).as(id).isEqualTo(v[4]);
          assertThat(body.attr("data-outcome")).as(id).isEqualTo(v[5]);
          assertThat(body.hasClass("outcome-" + v[5].toLowerCase())).as(id).isTrue();
        });
    Element failed = doc.getElementById("case-1.1.2");
    assertThat(failed.selectFirst("td.id a").attr("href")).isEqualTo("#case-1.1.2");
    assertThat(failed.selectFirst("td.title").ownText()).isEqualTo("text message of 125 octets");
    assertThat(failed.selectFirst("td.req").text()).isEqualTo("MUST");
    assertThat(failed.selectFirst("td.duration").text()).isEqualTo("12 ms");
    assertThat(doc.getElementById("case-6.4.1").attr("data-duration")).isEqualTo("2004");
    // the detail row is there, collapsed, filled on demand
    assertThat(failed.selectFirst("tr.case-detail").hasAttr("hidden")).isTrue();
  }

  @Test
  void summaryCountsByOutcomeVerdictAndGroup() {
    assertThat(count("#outcome-cards [data-outcome=PASSED] .n")).isEqualTo("6");
    assertThat(count("#outcome-cards [data-outcome=FAILED] .n")).isEqualTo("2");
    assertThat(count("#outcome-cards [data-outcome=SKIPPED] .n")).isEqualTo("1");
    assertThat(count("#outcome-cards [data-outcome=ERROR] .n")).isEqualTo("1");

    assertThat(count("#behavior-counts tr[data-verdict=OK] td.num")).isEqualTo("4");
    assertThat(count("#behavior-counts tr[data-verdict=FAILED] td.num")).isEqualTo("2");
    for (String v : List.of("NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "ERROR")) {
      assertThat(count("#behavior-counts tr[data-verdict=" + v + "] td.num")).as(v).isEqualTo("1");
    }
    assertThat(count("#close-counts tr[data-verdict=OK] td.num")).isEqualTo("3");
    for (String v :
        List.of(
            "INFORMATIONAL",
            "WRONG CODE",
            "UNCLEAN",
            "FAILED BY CLIENT",
            "FAILED",
            "ERROR",
            "UNIMPLEMENTED")) {
      assertThat(count("#close-counts tr[data-verdict=\"" + v + "\"] td.num")).as(v).isEqualTo("1");
    }
    assertThat(doc.select("#close-counts tr[data-verdict=OK] .badge.case_ok")).hasSize(1);

    List<String> groups = doc.select("#group-counts tbody tr").eachAttr("data-group");
    assertThat(groups).containsExactly("1.1", "2", "5", "6.4", "7.1", "12.1", "H");
    Element g11 = doc.selectFirst("#group-counts tr[data-group=1.1]");
    assertThat(g11.select("td").eachText().subList(1, 7))
        .containsExactly("Framing / Text Messages", "2", "1", "1", "0", "0");
    Element h = doc.selectFirst("#group-counts tr[data-group=H]");
    assertThat(h.select("td").eachText().subList(2, 7)).containsExactly("2", "1", "0", "0", "1");
    assertThat(h.select(".bar span"))
        .extracting(Element::className)
        .containsExactly("case_ok", "case_error");

    assertThat(doc.select("#filter-outcome option").eachAttr("value"))
        .containsExactly("", "PASSED", "FAILED", "SKIPPED", "ERROR");
    assertThat(doc.select("#filter-group option").eachAttr("value"))
        .containsExactly("", "1.1", "2", "5", "6.4", "7.1", "12.1", "H");
    assertThat(doc.select("#filter-close option").eachText()).contains("WRONG CODE (1)");
  }

  private String count(String selector) {
    Element e = doc.selectFirst(selector);
    assertThat(e).as(selector).isNotNull();
    return e.text();
  }

  @Test
  void aFailedCaseShowsItsReasonInTheTable() {
    assertThat(doc.getElementById("case-5.1").selectFirst(".reason").text())
        .isEqualTo("expected a close 1002, observed a pong (RFC 6455 §5.4)");
    assertThat(doc.getElementById("case-H.2").selectFirst(".reason").text())
        .isEqualTo("the target could not be reached");
    assertThat(doc.getElementById("case-1.1.1").select(".reason")).isEmpty();
  }

  @Test
  void aScriptPayloadIsEscapedEverywhereAndNeverRaw() throws Exception {
    assertThat(html).doesNotContain(ReportSamples.SCRIPT).doesNotContain("alert(1)</script>");
    // as text in the row
    assertThat(doc.getElementById("case-1.1.2").selectFirst(".reason").text())
        .isEqualTo(
            "expected the echo of <script>alert(1)</script>, observed a close 1002 (RFC 6455 §5.6)");
    assertThat(html).contains("expected the echo of &lt;script&gt;alert(1)&lt;/script&gt;");
    // only our two script elements: the data block and the code
    assertThat(doc.select("script")).hasSize(2);
    assertThat(doc.select("script").eachAttr("type")).containsExactly("application/json");
    // in the JSON block as \\u escapes, and the same text once parsed
    assertThat(html).contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e");
    JsonNode failed = caseData(doc).get("cases").get(1);
    assertThat(failed.get("id").asText()).isEqualTo("1.1.2");
    assertThat(failed.get("reason").asText()).contains(ReportSamples.SCRIPT);
    assertThat(failed.get("httpResponse").asText()).contains("X-Evil: " + ReportSamples.SCRIPT);
    assertThat(failed.get("description").asText()).contains(ReportSamples.SCRIPT);
    assertThat(failed.get("details").get("note").asText()).isEqualTo(ReportSamples.SCRIPT);
    assertThat(failed.get("close").toString()).contains("remoteCloseReason");
    List<String> closeReason = new ArrayList<>();
    failed
        .get("close")
        .forEach(
            row -> {
              if (row.get(0).asText().equals("remoteCloseReason")) {
                closeReason.add(row.get(1).asText());
              }
            });
    assertThat(closeReason).containsExactly(ReportSamples.SCRIPT);
  }

  @Test
  void caseDetailsCarryEverythingTheDetailSectionShows() throws Exception {
    JsonNode cases = caseData(doc).get("cases");
    assertThat(cases).hasSize(10);
    List<String> ids = new ArrayList<>();
    cases.forEach(c -> ids.add(c.get("id").asText()));
    assertThat(ids).containsExactlyElementsOf(ReportSamples.ORDER);
    // each row points at its details by index
    for (Element body : doc.select("tbody.case")) {
      JsonNode c = cases.get(Integer.parseInt(body.attr("data-i")));
      assertThat(c.get("id").asText()).isEqualTo(body.attr("data-id"));
      assertThat(c.get("anchor").asText()).isEqualTo(body.id());
    }

    JsonNode failed = cases.get(1);
    assertThat(failed.get("description").asText()).startsWith("Send text message with payload");
    assertThat(failed.get("expectation").asText()).isEqualTo("Receive echo'ed text message.");
    assertThat(failed.get("requirement").asText()).isEqualTo("MUST");
    assertThat(failed.get("rfc").asText()).isEqualTo("RFC 6455 §5.6");
    assertThat(failed.get("behaviorClass").asText()).isEqualTo("case_failed");
    assertThat(failed.get("closeClass").asText()).isEqualTo("case_non_strict");
    assertThat(failed.get("expected").get("OK").get(0).get(1).asText())
        .isEqualTo(ReportSamples.SCRIPT);
    assertThat(failed.get("received")).isEmpty();
    assertThat(failed.get("expectedClose").get("closeCode").get(0).asInt()).isEqualTo(1000);
    assertThat(failed.get("httpRequest").asText()).startsWith("GET / HTTP/1.1\r\n");

    // the close state: the 13 fields, in Autobahn's order, with explanations
    List<String> fields = new ArrayList<>();
    failed.get("close").forEach(row -> fields.add(row.get(0).asText()));
    assertThat(fields)
        .containsExactly(
            "closedByMe",
            "failedByMe",
            "droppedByMe",
            "wasClean",
            "wasNotCleanReason",
            "wasServerConnectionDropTimeout",
            "wasOpenHandshakeTimeout",
            "wasCloseHandshakeTimeout",
            "localCloseCode",
            "localCloseReason",
            "remoteCloseCode",
            "remoteCloseReason",
            "tcpClosedBy");
    assertThat(failed.get("close").get(10).get(1).asText()).isEqualTo("1002");
    assertThat(failed.get("close").get(10).get(2).asText()).isEqualTo("close code the server sent");

    // the wire log: [n, time, kind, text, length, hex] for every row
    JsonNode wire = failed.get("wirelog");
    assertThat(wire).hasSize(6);
    assertThat(wire.get(2).get(0).asInt()).isEqualTo(3);
    assertThat(wire.get(2).get(1).asDouble()).isEqualTo(3.125);
    assertThat(wire.get(2).get(2).asText()).isEqualTo("TF");
    assertThat(wire.get(2).get(3).asText()).contains("'" + ReportSamples.SCRIPT + "'");
    assertThat(wire.get(2).get(4).asInt()).isEqualTo(ReportSamples.SCRIPT.length());
    assertThat(wire.get(2).get(5).asText()).isEqualTo("3c7363726970743e");
    assertThat(wire.get(5).get(2).asText()).isEqualTo("DROP");
    assertThat(wire.get(5).get(4).isNull()).isTrue();
    assertThat(failed.get("wirelogTimes").asBoolean()).isTrue();

    // a passed case keeps its wire log in the report too (the writer drops it from memory only)
    assertThat(cases.get(0).get("wirelog")).hasSize(6);
    // the error case: its harness error
    assertThat(cases.get(8).get("error").asText()).isEqualTo("connect refused: localhost:9001");
  }

  @Test
  void thePageLoadsNothingFromOutside() {
    assertThat(doc.select("[src]")).isEmpty();
    assertThat(doc.select("link")).isEmpty();
    assertThat(doc.select("style")).hasSize(1);
    assertThat(doc.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .startsWith("default-src 'none'");
    assertThat(doc.select("a[href]").eachAttr("href")).allMatch(h -> h.startsWith("#"));
    assertThat(html).doesNotContain("@import").doesNotContain("url(");
  }

  @Test
  void aLongWireLogKeepsItsHeadAndTail() throws Exception {
    List<CaseRecord.WireEntry> log = new ArrayList<>();
    for (int i = 0; i < CaseSection.MAX_WIRE_ROWS + 250; i++) {
      log.add(new CaseRecord.WireEntry(i, "TO", "row " + (i + 1), 1, "00"));
    }
    CaseRecord big =
        ReportSamples.record(
            "9.1.1", "9.1", "Limits/Performance", "big", "OK", "OK", "PASSED", null, 1000, 1);
    big =
        new CaseRecord(
            big.agent(),
            big.id(),
            0,
            big.group(),
            big.groupTitle(),
            big.title(),
            big.description(),
            big.expectation(),
            big.requirement(),
            big.rfc(),
            big.behavior(),
            big.behaviorClose(),
            big.outcome(),
            null,
            null,
            null,
            null,
            null,
            null,
            big.close(),
            null,
            null,
            null,
            1,
            log,
            null,
            null,
            null);
    Document page = parse(HtmlReport.html(List.of(big), null, "x"));
    JsonNode c = caseData(page).get("cases").get(0);
    JsonNode rows = c.get("wirelog");
    assertThat(rows).hasSize(CaseSection.MAX_WIRE_ROWS);
    assertThat(c.get("wirelogOmitted").asInt()).isEqualTo(250);
    int head = CaseSection.MAX_WIRE_ROWS - CaseSection.WIRE_TAIL;
    assertThat(rows.get(head - 1).get(3).asText()).isEqualTo("row " + head);
    assertThat(rows.get(head).get(3).asText()).isEqualTo("row " + (head + 251));
    assertThat(rows.get(rows.size() - 1).get(0).asInt()).isEqualTo(CaseSection.MAX_WIRE_ROWS + 250);
    // no run.json: the page says the run has not finished
    assertThat(page.selectFirst("p.warning").text()).contains("has not finished");
  }

  /** 12.* and 13.* record their compression each way; the case details show it as a table. */
  @Test
  void theCompressionOfARoundTripCaseIsShownEachWay() throws Exception {
    CaseRecord r =
        ReportSamples.record(
            "12.1.1",
            "12.1",
            "WebSocket Compression",
            "16 octets",
            "OK",
            "OK",
            "PASSED",
            null,
            9,
            1);
    Map<String, Object> sent = new java.util.LinkedHashMap<>();
    sent.put("messages", 1000);
    sent.put("bytesIn", 16000);
    sent.put("bytesOut", 5000);
    sent.put("ratio", 3.2);
    Map<String, Object> received = new java.util.LinkedHashMap<>();
    received.put("messages", 0);
    received.put("bytesIn", 0);
    received.put("bytesOut", 0);
    received.put("ratio", null);
    r =
        new CaseRecord(
            r.agent(),
            r.id(),
            0,
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
            null,
            null,
            null,
            null,
            null,
            null,
            r.close(),
            null,
            null,
            null,
            1,
            null,
            null,
            Map.of("compression", Map.of("sent", sent, "received", received)),
            null);
    Document page = parse(HtmlReport.html(List.of(r), null, "x"));
    JsonNode rows = caseData(page).get("cases").get(0).get("compression");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get(0).asText()).contains("sent").contains("harness");
    assertThat(rows.get(0).get(1).asText())
        .isEqualTo("1000 messages: 16000 → 5000 octets, ratio 3.20:1");
    assertThat(rows.get(1).get(1).asText()).isEqualTo("no message came compressed");
    assertThat(page.html()).contains("section('Compression')");
  }

  @Test
  void rendersAnAutobahnReportFolderWithoutTouchingItsOwnPage() throws Exception {
    Path folder = tmp.resolve("autobahn");
    Files.createDirectories(folder);
    try (Stream<Path> files = Files.list(ResultsReaderTest.SAMPLE)) {
      for (Path f : files.toList()) {
        Files.copy(f, folder.resolve(f.getFileName()));
      }
    }
    Path page = HtmlReport.render(folder);
    Document d = parse(Files.readString(page));
    assertThat(d.select("tbody.case")).hasSize(517);
    Element nonStrict = d.getElementById("case-6.4.1");
    assertThat(nonStrict.selectFirst("td.behavior").hasClass("case_non_strict")).isTrue();
    assertThat(nonStrict.selectFirst("td.code").text()).isEqualTo("1007");
    assertThat(nonStrict.selectFirst("td.title").text())
        .isEqualTo("Send invalid UTF-8 text message in 3 fragments (frames).");
    JsonNode c = caseData(d).get("cases").get(Integer.parseInt(nonStrict.attr("data-i")));
    assertThat(c.get("description").asText())
        .contains("MESSAGE PARTS:\nPART1 = ")
        .doesNotContain("<br>");
    assertThat(c.get("wirelogTimes").asBoolean()).isFalse();
    assertThat(d.selectFirst("dl.run-info").text()).contains("Autobahn|Testsuite report");

    // Autobahn's own index.html is never overwritten
    Files.writeString(page, "<html><body>Autobahn report</body></html>");
    assertThatThrownBy(() -> HtmlReport.render(folder))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not written by wsconform");
    assertThat(Files.readString(page)).contains("Autobahn report");
  }

  @Test
  void escapeHandlesMarkupQuotesControlsAndBrokenSurrogates() {
    assertThat(Html.escape("<a href=\"x\" title='y'>&</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    assertThat(Html.escape("a\u0000b\u0007c\td\ne\u007f")).isEqualTo("a\u2400b\u2407c\td\ne\u2421");
    assertThat(Html.escape("x\uD800y\uDC00z\uD83D\uDE00")).isEqualTo("x\uFFFDy\uFFFDz\uD83D\uDE00");
    assertThat(Html.escape(null)).isEmpty();
    String plain = "plain text";
    assertThat(Html.escape(plain)).isSameAs(plain);
  }

  @Test
  void scriptJsonCannotCloseItsElement() throws Exception {
    String json = Html.scriptJson(Map.of("a", "</script><!-- & \u2028\u2029 >"));
    assertThat(json)
        .doesNotContain("<")
        .doesNotContain(">")
        .doesNotContain("&")
        .doesNotContain("\u2028")
        .doesNotContain("\u2029");
    assertThat(Json.MAPPER.readTree(json).get("a").asText())
        .isEqualTo("</script><!-- & \u2028\u2029 >");
  }

  @Test
  void hrefIsRelativeAndEncoded() {
    Path base = tmp.resolve("reports");
    assertThat(Html.href(base, tmp.resolve("runs/a b/index.html"), "case-1.1.1"))
        .isEqualTo("../runs/a%20b/index.html#case-1.1.1");
    assertThat(Html.href(base, base.resolve("index.html"), "case-H.<1>"))
        .isEqualTo("index.html#case-H.%3C1%3E");
  }

  /**
   * A passed case's long wire log is cut to its head and tail with a row saying where the rest is;
   * a failed one is kept.
   */
  @Test
  void passedCasesShowTheHeadAndTailOfALongWireLog() {
    List<CaseRecord.WireEntry> log = new ArrayList<>();
    for (int i = 0; i < 600; i++) log.add(new CaseRecord.WireEntry(i, "RF", "frame " + i, 1, "00"));
    CaseRecord passed = Samples.record("12.1.1", "12.1", "g", "OK", "OK", "PASSED", null, 1000, 5);
    CaseRecord p =
        new CaseRecord(
            passed.agent(),
            passed.id(),
            passed.caseIndex(),
            passed.group(),
            passed.groupTitle(),
            passed.title(),
            passed.description(),
            passed.expectation(),
            passed.requirement(),
            passed.rfc(),
            passed.behavior(),
            passed.behaviorClose(),
            passed.outcome(),
            passed.reason(),
            passed.result(),
            passed.resultClose(),
            passed.expected(),
            passed.expectedClose(),
            passed.received(),
            passed.close(),
            passed.httpRequest(),
            passed.httpResponse(),
            passed.started(),
            passed.durationMillis(),
            log,
            passed.error(),
            passed.details(),
            null);
    CaseRecord shortened = CaseSection.shortenPassedWireLog(p);
    Assertions.assertThat(shortened.wirelog())
        .hasSize(CaseSection.PASSED_WIRE_HEAD + CaseSection.PASSED_WIRE_TAIL + 1);
    Assertions.assertThat(shortened.wirelog().get(CaseSection.PASSED_WIRE_HEAD).text())
        .contains((600 - CaseSection.PASSED_WIRE_HEAD - CaseSection.PASSED_WIRE_TAIL) + " rows")
        .contains("cases/");
    Assertions.assertThat(shortened.wirelog().get(0).text()).isEqualTo("frame 0");
    Assertions.assertThat(shortened.wirelog().get(shortened.wirelog().size() - 1).text())
        .isEqualTo("frame 599");
    CaseRecord failed =
        new CaseRecord(
            p.agent(),
            p.id(),
            p.caseIndex(),
            p.group(),
            p.groupTitle(),
            p.title(),
            p.description(),
            p.expectation(),
            p.requirement(),
            p.rfc(),
            "FAILED",
            "OK",
            "FAILED",
            "x",
            p.result(),
            p.resultClose(),
            p.expected(),
            p.expectedClose(),
            p.received(),
            p.close(),
            p.httpRequest(),
            p.httpResponse(),
            p.started(),
            p.durationMillis(),
            log,
            p.error(),
            p.details(),
            null);
    Assertions.assertThat(CaseSection.shortenPassedWireLog(failed).wirelog()).hasSize(600);
  }
}
