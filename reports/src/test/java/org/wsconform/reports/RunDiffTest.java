package org.wsconform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDiffTest {

  @TempDir Path tmp;

  static final String NEW_REASON =
      "expected the echo, observed a close 1002 <b>bold</b> (RFC 6455 §5.6)";

  /**
   * After the sample run: 1.1.1 OK → FAILED (regression), 2.2 close FAILED BY CLIENT → WRONG CODE
   * (regression), 6.4.1 NON-STRICT passed → NON-STRICT failed (strict: regression), 1.1.2 FAILED →
   * OK (fix), 2.1 close UNCLEAN → OK (fix), 7.1.6 close code none → 1000 (changed), 5.1 gone
   * (missing), 3.1 new.
   */
  static List<CaseRecord> after() {
    return ReportSamples.change(
        ReportSamples.run(),
        r ->
            switch (r.id()) {
              case "1.1.1" -> ReportSamples.with(r, "FAILED", "OK", "FAILED", NEW_REASON, 1002);
              case "2.2" -> ReportSamples.with(r, "OK", "WRONG CODE", "PASSED", null, 1011);
              case "6.4.1" ->
                  ReportSamples.with(
                      r,
                      "NON-STRICT",
                      "OK",
                      "FAILED",
                      "strict: invalid UTF-8 detected only at the end of the message",
                      1007);
              case "1.1.2" -> ReportSamples.with(r, "OK", "OK", "PASSED", null, 1000);
              case "2.1" -> ReportSamples.with(r, "OK", "OK", "PASSED", null, 1000);
              case "7.1.6" ->
                  ReportSamples.with(r, "INFORMATIONAL", "INFORMATIONAL", "PASSED", null, 1000);
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
  }

  @Test
  void sortsEveryCaseIntoRegressionsFixesChangesNewAndMissing() {
    RunDiff diff = RunDiff.of(ReportSamples.run(), after());

    assertThat(diff.regressions())
        .extracting(RunDiff.Change::id)
        .containsExactly("1.1.1", "2.2", "6.4.1");
    assertThat(diff.fixes()).extracting(RunDiff.Change::id).containsExactly("1.1.2", "2.1");
    assertThat(diff.changed()).extracting(RunDiff.Change::id).containsExactly("7.1.6");
    assertThat(diff.newCases()).extracting(CaseRecord::id).containsExactly("3.1");
    assertThat(diff.missingCases()).extracting(CaseRecord::id).containsExactly("5.1");
    assertThat(diff.unchanged()).isEqualTo(3); // 12.1.1, H.2, H.10
    assertThat(diff.hasRegressions()).isTrue();
    assertThat(diff.summary())
        .isEqualTo(
            "3 regressions, 2 fixes, 1 changed, 1 new, 1 missing in AFTER (regression), 3 unchanged");

    RunDiff.Change r = diff.regressions().get(0);
    assertThat(r.title()).isEqualTo("text message of 0 octets");
    assertThat(r.verdicts())
        .isEqualTo(
            "behavior OK → FAILED, behaviorClose OK, close code 1000 → 1002, outcome PASSED → FAILED");
    assertThat(r.newReason()).isEqualTo(NEW_REASON);
    assertThat(diff.regressions().get(1).verdicts())
        .isEqualTo(
            "behavior OK, behaviorClose FAILED BY CLIENT → WRONG CODE, close code 1000 → 1011");
    assertThat(diff.changed().get(0).verdicts())
        .isEqualTo("behavior INFORMATIONAL, behaviorClose INFORMATIONAL, close code – → 1000");
  }

  @Test
  void nothingChangedMeansNoRegression() {
    RunDiff diff = RunDiff.of(ReportSamples.run(), ReportSamples.run());
    assertThat(diff.hasRegressions()).isFalse();
    assertThat(diff.unchanged()).isEqualTo(10);
    assertThat(diff.toText())
        .contains("0 regressions, 0 fixes, 0 changed, 0 new, 0 missing in AFTER, 10 unchanged")
        .doesNotContain("Regressions (");
  }

  @Test
  void ranksFollowTheDefinedOrders() {
    List<String> behavior =
        List.of(
            "OK",
            "INFORMATIONAL",
            "NON-STRICT",
            "NOT APPLICABLE",
            "UNIMPLEMENTED",
            "FAILED",
            "ERROR");
    for (int i = 1; i < behavior.size(); i++) {
      assertThat(Verdicts.behaviorRank(behavior.get(i)))
          .isGreaterThan(Verdicts.behaviorRank(behavior.get(i - 1)));
    }
    List<String> close =
        List.of(
            "OK", "INFORMATIONAL", "FAILED BY CLIENT", "WRONG CODE", "UNCLEAN", "FAILED", "ERROR");
    for (int i = 1; i < close.size(); i++) {
      assertThat(Verdicts.closeRank(close.get(i)))
          .isGreaterThan(Verdicts.closeRank(close.get(i - 1)));
    }
    assertThat(Verdicts.behaviorRank("NO-CLOSE")).isEqualTo(Verdicts.behaviorRank("FAILED"));
    assertThat(Verdicts.behaviorRank(null)).isEqualTo(Verdicts.behaviorRank("ERROR"));
    assertThat(Verdicts.closeRank("UNIMPLEMENTED")).isEqualTo(Verdicts.closeRank("INFORMATIONAL"));

    // each step down the order is a regression, each step up a fix
    CaseRecord base =
        ReportSamples.record("1.1.1", "1.1", "t", "t", "OK", "OK", "PASSED", null, 1000, 1);
    for (int i = 1; i < behavior.size(); i++) {
      CaseRecord better = ReportSamples.with(base, behavior.get(i - 1), "OK", "PASSED", null, 1000);
      CaseRecord worse = ReportSamples.with(base, behavior.get(i), "OK", "PASSED", null, 1000);
      assertThat(RunDiff.of(List.of(better), List.of(worse)).regressions()).hasSize(1);
      assertThat(RunDiff.of(List.of(worse), List.of(better)).fixes()).hasSize(1);
    }
    for (int i = 1; i < close.size(); i++) {
      CaseRecord better = ReportSamples.with(base, "OK", close.get(i - 1), "PASSED", null, 1000);
      CaseRecord worse = ReportSamples.with(base, "OK", close.get(i), "PASSED", null, 1000);
      assertThat(RunDiff.of(List.of(better), List.of(worse)).regressions()).hasSize(1);
      assertThat(RunDiff.of(List.of(worse), List.of(better)).fixes()).hasSize(1);
    }
  }

  @Test
  void aCaseRecordedTwiceCountsWithItsLastRecord() {
    CaseRecord ok =
        ReportSamples.record("1.1.1", "1.1", "t", "t", "OK", "OK", "PASSED", null, 1000, 1);
    CaseRecord failed = ReportSamples.with(ok, "FAILED", "OK", "FAILED", "no echo", 1000);
    assertThat(RunDiff.of(List.of(ok), List.of(failed, ok)).hasRegressions()).isFalse();
    assertThat(RunDiff.of(List.of(ok), List.of(ok, failed)).hasRegressions()).isTrue();
  }

  @Test
  void textNamesEachRegressionWithTitleVerdictsAndReason() {
    String text = RunDiff.of(ReportSamples.run(), after()).withLabels("run-a", "run-b").toText();
    assertThat(text)
        .startsWith(
            "wsconform diff: run-a → run-b\n"
                + "3 regressions, 2 fixes, 1 changed, 1 new, 1 missing in AFTER (regression), 3 unchanged\n");
    assertThat(text)
        .contains(
            """

        Regressions (3):
          1.1.1  text message of 0 octets
              behavior OK → FAILED, behaviorClose OK, close code 1000 → 1002, outcome PASSED → FAILED
              reason: %s
          2.2  ping with small text payload
              behavior OK, behaviorClose FAILED BY CLIENT → WRONG CODE, close code 1000 → 1011
        """
                .formatted(NEW_REASON));
    assertThat(text)
        .contains(
            "Fixes (2):\n  1.1.2  text message of 125 octets\n"
                + "      behavior FAILED → OK, behaviorClose WRONG CODE → OK, close code 1002 → 1000, outcome FAILED → PASSED\n");
    assertThat(text).contains("New cases (1):\n  3.1  text frame with RSV3 set  [OK / OK]\n");
    assertThat(text)
        .contains(
            "Missing in AFTER (1):\n  5.1  ping fragmented into 2 frames  [FAILED / FAILED]\n"
                + "  (each is a regression: BEFORE checked it, AFTER did not;");
    assertThat(text).contains("Changed (same rank) (1):\n  7.1.6");
  }

  @Test
  void htmlListsTheSameWithLinksIntoEachRun() throws Exception {
    Path before = ReportSamples.write(tmp.resolve("run-a")).dir();
    Path after = ReportSamples.write(tmp.resolve("run-b"), after()).dir();
    RunDiff diff = RunDiff.of(before, after);
    assertThat(diff.regressions()).hasSize(3);
    Path out = diff.renderHtml(tmp.resolve("diffs/a-b.html"));
    String html = Files.readString(out);
    Document doc = HtmlReportTest.parse(html);

    assertThat(doc.getElementById("diff-summary").text())
        .isEqualTo(
            "3 regressions, 2 fixes, 1 changed, 1 new, 1 missing in AFTER (regression), 3 unchanged");
    assertThat(doc.select("dl.run-info a").eachAttr("href"))
        .containsExactly("../run-a/index.html", "../run-b/index.html");
    Element reg = doc.selectFirst("#regressions tr.change[data-id=1.1.1]");
    assertThat(reg.selectFirst("td.id a").attr("href")).isEqualTo("../run-b/index.html#case-1.1.1");
    assertThat(reg.selectFirst(".reason").text()).isEqualTo(NEW_REASON);
    assertThat(reg.select("td.arrow").get(0).select(".badge"))
        .extracting(Element::className)
        .containsExactly("badge case_ok", "badge case_failed");
    assertThat(reg.select("td.arrow").get(2).text()).isEqualTo("1000 → 1002");
    assertThat(html).doesNotContain("<b>bold</b>").contains("&lt;b&gt;bold&lt;/b&gt;");
    assertThat(doc.select("#regressions tr.change").eachAttr("data-id"))
        .containsExactly("1.1.1", "2.2", "6.4.1");
    assertThat(doc.select("#fixes tr.change").eachAttr("data-id")).containsExactly("1.1.2", "2.1");
    assertThat(doc.select("#changed tr.change").eachAttr("data-id")).containsExactly("7.1.6");
    assertThat(doc.select("#new tr.case").eachAttr("data-id")).containsExactly("3.1");
    assertThat(doc.select("#missing tr.case").eachAttr("data-id")).containsExactly("5.1");
    assertThat(doc.selectFirst("#missing td.id a").attr("href"))
        .isEqualTo("../run-a/index.html#case-5.1");
    assertThat(doc.select("[src], link, script")).isEmpty();
  }

  @Test
  void aCaseMissingInTheAfterRunIsARegressionAndNewCasesAreNot() throws Exception {
    CaseRecord a =
        ReportSamples.record("1.1.1", "1.1", "t", "t", "OK", "OK", "PASSED", null, 1000, 1);
    CaseRecord b =
        ReportSamples.record("1.1.2", "1.1", "t", "t", "OK", "OK", "PASSED", null, 1000, 2);
    RunDiff lost = RunDiff.of(List.of(a, b), List.of(a));
    assertThat(lost.regressions()).isEmpty();
    assertThat(lost.hasRegressions()).as("1.1.2 was checked before and not after").isTrue();
    assertThat(lost.summary()).contains("1 missing in AFTER (regression)");
    assertThat(lost.toText())
        .contains("Missing in AFTER (1):\n  1.1.2")
        .contains("run AFTER with the same selection");
    Document doc = HtmlReportTest.parse(lost.html(tmp));
    assertThat(doc.getElementById("missing").selectFirst("h2").text())
        .contains("Missing in AFTER")
        .contains("each is a regression");
    assertThat(RunDiff.of(List.of(a), List.of(a, b)).hasRegressions())
        .as("a case only the after run has is fine")
        .isFalse();
  }
}
