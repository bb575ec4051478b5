package org.wsconform.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonMatrixTest {

  @TempDir Path tmp;

  private Path runA;
  private Path runB;

  @BeforeEach
  void twoRuns() throws Exception {
    runA = ReportSamples.write(tmp.resolve("runs/run-a")).dir();
    // run B: 1.1.2 fixed, 5.1 not run, a new case 3.1, and no index.html
    List<CaseRecord> b =
        ReportSamples.change(
            ReportSamples.run(),
            r ->
                switch (r.id()) {
                  case "1.1.2" -> ReportSamples.with(r, "OK", "OK", "PASSED", null, 1000);
                  case "5.1" -> null;
                  default -> r;
                },
            ReportSamples.record(
                "3.1",
                "3",
                "Reserved Bits",
                "text frame with RSV3 set",
                "OK",
                "OK",
                "PASSED",
                null,
                1002,
                3));
    runB = ReportSamples.write(tmp.resolve("runs/run-b"), b).dir();
    Files.delete(runB.resolve(HtmlReport.FILE));
  }

  private static Elements cells(Element row) {
    return row.select("td:not(.case-id)");
  }

  @Test
  void ourTwoRunsSideBySide() throws Exception {
    Path out = tmp.resolve("matrix/compare.html");
    ComparisonMatrix.render(List.of(runA, runB), out);
    Document doc = HtmlReportTest.parse(Files.readString(out));

    assertThat(doc.select("thead th"))
        .extracting(Element::ownText)
        .containsExactly("case", "", ReportSamples.AGENT); // run B's has no link
    assertThat(doc.select("thead th a").eachText()).containsExactly(ReportSamples.AGENT);
    assertThat(doc.select("thead th .sub").eachText()).contains("run-a", "run-b");
    List<String> ids = doc.select("tr.case-line").eachAttr("data-id");
    assertThat(ids)
        .containsExactly(
            "1.1.1", "1.1.2", "2.1", "2.2", "3.1", "5.1", "6.4.1", "7.1.6", "12.1.1", "H.2",
            "H.10");

    // category and sub-category header rows, Autobahn-like
    assertThat(doc.select("tr.category td").eachText())
        .containsExactly(
            "1 Framing",
            "2 Pings/Pongs",
            "3 Reserved Bits",
            "5 Fragmentation",
            "6 UTF-8 Handling",
            "7 Close Handling",
            "12 WebSocket Compression (different payloads)",
            "H Opening handshake");
    assertThat(doc.select("tr.subcategory td").eachText())
        .containsExactly(
            "1.1 Text Messages",
            "6.4 Fail-fast on invalid UTF-8",
            "7.1 Basic close behavior",
            "12.1");
    assertThat(doc.select("tr.category td").first().attr("colspan")).isEqualTo("5");

    // 1.1.2: Fail / 1002 (wrong code) in A, Pass / 1000 in B; A's cell links into A's report
    Elements c112 = cells(doc.getElementById("case-1.1.2"));
    assertThat(c112).hasSize(4);
    assertThat(c112.get(0).hasClass("case_failed")).isTrue();
    assertThat(c112.get(0).text()).isEqualTo("Fail");
    assertThat(c112.get(0).selectFirst("a").attr("href"))
        .isEqualTo("../runs/run-a/index.html#case-1.1.2");
    assertThat(c112.get(0).attr("title")).contains("<script>alert(1)</script>");
    assertThat(c112.get(1).hasClass("case_non_strict")).isTrue();
    assertThat(c112.get(1).text()).isEqualTo("1002");
    assertThat(c112.get(2).hasClass("case_ok")).isTrue();
    assertThat(c112.get(2).text()).isEqualTo("Pass");
    assertThat(c112.get(2).select("a")).isEmpty(); // run B has no index.html
    assertThat(c112.get(3).text()).isEqualTo("1000");
    assertThat(doc.getElementById("case-1.1.2").hasClass("differs")).isTrue();
    assertThat(doc.getElementById("case-1.1.1").hasClass("differs")).isFalse();

    // close cells: Unclean, almost, info, the verdict words where Autobahn shows them
    Elements c21 = cells(doc.getElementById("case-2.1"));
    assertThat(c21.get(1).text()).isEqualTo("Unclean");
    assertThat(c21.get(1).hasClass("case_failed")).isTrue();
    Elements c22 = cells(doc.getElementById("case-2.2"));
    assertThat(c22.get(1).hasClass("case_almost")).isTrue();
    assertThat(c22.get(1).text()).isEqualTo("1000");
    Elements c51 = cells(doc.getElementById("case-5.1"));
    assertThat(c51.get(1).text()).isEqualTo("Fail");
    Elements c716 = cells(doc.getElementById("case-7.1.6"));
    assertThat(c716.get(0).text()).isEqualTo("Info");
    assertThat(c716.get(0).hasClass("case_info")).isTrue();
    assertThat(c716.get(1).hasClass("case_info")).isTrue();
    assertThat(c716.get(1).text()).isEqualTo("–");
    Elements c641 = cells(doc.getElementById("case-6.4.1"));
    assertThat(c641.get(0).text()).isEqualTo("Non-Strict");
    assertThat(c641.get(0).hasClass("case_non_strict")).isTrue();
    assertThat(c641.get(1).text()).isEqualTo("1007");
    assertThat(c641.get(1).hasClass("case_ok")).isTrue();
    Elements h2 = cells(doc.getElementById("case-H.2"));
    assertThat(h2.get(0).text()).isEqualTo("Error");
    assertThat(h2.get(0).hasClass("case_error")).isTrue();

    // Unimplemented and Missing cover both columns of their target
    Elements c1211 = cells(doc.getElementById("case-12.1.1"));
    assertThat(c1211).hasSize(2);
    assertThat(c1211.get(0).attr("colspan")).isEqualTo("2");
    assertThat(c1211.get(0).text()).isEqualTo("Unimplemented");
    assertThat(c1211.get(0).hasClass("case_unimplemented")).isTrue();
    Elements c31 = cells(doc.getElementById("case-3.1"));
    assertThat(c31.get(0).text()).isEqualTo("Missing");
    assertThat(c31.get(0).hasClass("case_missing")).isTrue();
    assertThat(c31.get(0).attr("colspan")).isEqualTo("2");
    assertThat(c31.get(1).text()).isEqualTo("Pass");
    assertThat(c51.get(2).text()).isEqualTo("Missing");

    // the legend
    assertThat(doc.select("#behavior-legend .badge").eachText())
        .containsExactly("Pass", "Non-Strict", "Info", "Unimplemented", "Fail", "Missing", "Error");
    assertThat(doc.select("#close-legend .badge"))
        .extracting(Element::className)
        .contains("badge case_almost", "badge case_non_strict");
    assertThat(doc.select("[src], link")).isEmpty();
    assertThat(Files.readString(out)).doesNotContain("<script>alert(1)");
  }

  @Test
  void anAutobahnReportStandsBesideOurRuns() throws Exception {
    Path out = tmp.resolve("compare.html");
    ComparisonMatrix.render(List.of(runA, runB, ResultsReaderTest.SAMPLE), out);
    Document doc = HtmlReportTest.parse(Files.readString(out));
    assertThat(doc.select("tr.case-line")).hasSize(517 + 2); // and our H.2, H.10
    assertThat(doc.select("thead th .sub").eachText())
        .anyMatch(s -> s.startsWith("Autobahn report"));

    Elements c641 = cells(doc.getElementById("case-6.4.1"));
    assertThat(c641).hasSize(6);
    assertThat(c641.get(4).hasClass("case_non_strict")).isTrue();
    assertThat(c641.get(4).text()).isEqualTo("Non-Strict");
    assertThat(c641.get(5).text()).isEqualTo("1007");
    assertThat(c641.get(5).hasClass("case_ok")).isTrue();
    Elements c716 = cells(doc.getElementById("case-7.1.6"));
    assertThat(c716.get(4).hasClass("case_info")).isTrue();
    assertThat(c716.get(5).hasClass("case_info")).isTrue();
    Elements c1311 = cells(doc.getElementById("case-13.7.18"));
    assertThat(c1311.get(0).text()).isEqualTo("Missing");
    assertThat(c1311.get(1).text()).isEqualTo("Missing");
    assertThat(c1311.get(2).text()).startsWith("Pass");
    assertThat(c1311.get(2).selectFirst(".dur")).isNotNull(); // 9/12/13 show the duration
    assertThat(doc.select("tr.subcategory td").eachText())
        .contains("1.2 Binary Messages", "6.5", "13.7");
  }

  @Test
  void theFullPublishedAutobahnFolder() throws Exception {
    assertThat(ResultsReaderTest.PUBLISHED.resolve("index.json"))
        .as("the vendored Autobahn verdicts")
        .isRegularFile();
    Path out = tmp.resolve("compare.html");
    ComparisonMatrix.render(List.of(runA, runB, ResultsReaderTest.PUBLISHED), out);
    Document doc = HtmlReportTest.parse(Files.readString(out));
    Elements rows = doc.select("tr.case-line");
    assertThat(rows.size()).isGreaterThanOrEqualTo(517);
    assertThat(rows).hasSize(519);
    for (String id : List.of("6.4.1", "6.4.2", "6.4.3", "6.4.4")) {
      Elements c = cells(doc.getElementById("case-" + id));
      assertThat(c.get(c.size() - 2).hasClass("case_non_strict")).as(id).isTrue();
      assertThat(c.get(c.size() - 1).text()).as(id).isEqualTo("1007");
    }
    Elements c111 = cells(doc.getElementById("case-1.1.1"));
    assertThat(c111.get(4).hasClass("case_ok")).isTrue();
    assertThat(c111.get(4).attr("title")).contains("ws@8.18.3 1.1.1: behavior OK");
    // the Autobahn folder has no per-case HTML pages: no links for that column
    assertThat(c111.get(4).select("a")).isEmpty();
    assertThat(doc.select("tr.case-line.differs").eachAttr("data-id"))
        .contains("1.1.2")
        .doesNotContain("6.4.1", "1.1.1");
  }

  @Test
  void textForm() throws Exception {
    String text = ComparisonMatrix.text(List.of(runA, runB, ResultsReaderTest.SAMPLE));
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).isEqualTo("wsconform comparison: 3 targets, 519 cases");
    assertThat(lines.get(1)).startsWith("  [1] " + ReportSamples.AGENT + "  (run-a)  10 cases");
    assertThat(lines.get(3))
        .startsWith(
            "  [3] ws@8.18.3  (Autobahn report ws_8_18_3)  517 cases · Pass 510 · Non-Strict 4 · Info 3");
    assertThat(lines).contains("== 1 Framing", "-- 1.1 Text Messages", "== H Opening handshake");
    assertThat(row(lines, "1.1.2"))
        .containsExactly("1.1.2", "Fail", "1002", "WRONG", "CODE", "Pass", "1000", "Pass", "1000");
    assertThat(row(lines, "6.4.1"))
        .containsExactly("6.4.1", "Non-Strict", "1007", "Non-Strict", "1007", "Non-Strict", "1007");
    assertThat(row(lines, "2.1"))
        .containsExactly("2.1", "Pass", "-", "UNCLEAN", "Pass", "-", "UNCLEAN", "Pass", "1000");
    assertThat(row(lines, "5.1"))
        .containsExactly("5.1", "Fail", "1000", "FAILED", "Missing", "Pass", "1002");
    assertThat(row(lines, "12.1.1"))
        .containsExactly("12.1.1", "Unimplemented", "Unimplemented", "Pass", "1000");
    assertThat(row(lines, "H.2")).containsExactly("H.2", "Error", "Error", "Missing");
  }

  private static List<String> row(List<String> lines, String id) {
    return List.of(
        lines.stream()
            .filter(l -> l.startsWith(id + " "))
            .findFirst()
            .orElseThrow()
            .trim()
            .split("\\s+"));
  }

  @Test
  void aFolderWithoutResultsIsRefused() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> ComparisonMatrix.render(List.of(runA, empty), tmp.resolve("x.html")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a results folder");
    assertThatThrownBy(() -> ComparisonMatrix.text(List.of())).isInstanceOf(IOException.class);
  }
}
