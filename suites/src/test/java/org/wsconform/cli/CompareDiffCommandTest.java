package org.wsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.targets.faulty.Fault;

/**
 * {@code wsconform compare} and {@code wsconform diff} on real runs: the faulty server without
 * faults and with PONG_WRONG_PAYLOAD (2.2 fails), beside Autobahn|Testsuite's own report of ws.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareDiffCommandTest {
  @TempDir static Path tmp;

  FaultyRun clean;
  FaultyRun pong;
  Path autobahn;

  @BeforeAll
  void runs() throws Exception {
    clean = FaultyRun.against(Set.of(), tmp, "--cases", "1.1.1,2.2", "--agent", "clean-server");
    pong =
        FaultyRun.against(
            Set.of(Fault.PONG_WRONG_PAYLOAD),
            tmp,
            "--cases",
            "1.1.1,2.2",
            "--agent",
            "pong-server");
    assertThat(clean.exit()).as(clean.printed()).isZero();
    assertThat(pong.exit()).as(pong.printed()).isEqualTo(1);
    // Autobahn writes reports/servers/index.json: its reports folder is taken as it is
    autobahn = PublishedReport.ws8183(tmp.resolve("autobahn"), Set.of("1.1.1", "2.2", "9.1.1"));
  }

  @Test
  void compareWritesTheMatrixAndPrintsItAsText() throws Exception {
    Path html = tmp.resolve("out/matrix.html");
    WsConformCliTest.Run r =
        WsConformCliTest.cli(
            "compare",
            "--out",
            html.toString(),
            clean.folder().toString(),
            pong.folder().toString(),
            autobahn.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("3 targets")
        .contains("[1] clean-server")
        .contains("[2] pong-server")
        .contains("[3] ws@8.18.3")
        .containsPattern("\\n2\\.2 +Pass 1000 +Fail \\S+.* +Pass 1000")
        .containsPattern("\\n1\\.1\\.1 +Pass 1000 +Pass 1000 +Pass 1000")
        .containsPattern("\\n9\\.1\\.1 +Missing +Missing +Pass 1000")
        .contains("matrix: " + html.toAbsolutePath());
    String page = Files.readString(html);
    assertThat(page)
        .contains("clean-server")
        .contains("pong-server")
        .contains("ws@8.18.3")
        .contains("id=\"case-2.2\"")
        // 2.2's cell for the faulty server is red and links into that run's report
        .containsPattern(
            "class=\"c-b case_failed\" title=\"pong-server 2\\.2: behavior FAILED[^\"]*\"[^>]*><a href=\"[^\"]*"
                + "index\\.html#case-2\\.2\">Fail</a>");
  }

  @Test
  void compareRefusesAFolderWithoutResults() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("nothing-here"));
    WsConformCliTest.Run r =
        WsConformCliTest.cli(
            "compare",
            "--out",
            tmp.resolve("never.html").toString(),
            clean.folder().toString(),
            empty.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("nothing-here: not a results folder (no results.jsonl or index.json in it)")
        .hasLineCount(1);
    assertThat(tmp.resolve("never.html")).doesNotExist();
  }

  @Test
  void diffNamesTheRegressionExits1AndWritesTheHtml() throws Exception {
    Path html = tmp.resolve("diff.html");
    WsConformCliTest.Run r =
        WsConformCliTest.cli(
            "diff", clean.folder().toString(), pong.folder().toString(), "--html", html.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("1 regression, 0 fixes")
        .contains(
            "Regressions (1):\n  2.2  ping with a small text payload\n      behavior OK \u2192 FAILED")
        .contains(
            "reason: expected [pong (13 octets) 'Hello, world!']; observed [pong (13 octets) 'Iello, world!']")
        .doesNotContain("  1.1.1  ")
        .contains("diff: " + html.toAbsolutePath());
    String page = Files.readString(html);
    assertThat(page)
        .contains("Regressions (1)")
        .contains("data-id=\"2.2\"")
        .contains("Iello, world!") // the reason, escaped as HTML
        .doesNotContain("data-id=\"1.1.1\"");
  }

  @Test
  void diffOfAnEqualOrBetterRunExits0() {
    WsConformCliTest.Run same =
        WsConformCliTest.cli("diff", pong.folder().toString(), pong.folder().toString());
    assertThat(same.exit()).as(same.out() + same.err()).isZero();
    assertThat(same.out())
        .contains("0 regressions, 0 fixes, 0 changed, 0 new, 0 missing in AFTER, 2 unchanged");

    WsConformCliTest.Run better =
        WsConformCliTest.cli("diff", pong.folder().toString(), clean.folder().toString());
    assertThat(better.exit()).as(better.out() + better.err()).isZero();
    assertThat(better.out()).contains("0 regressions, 1 fix").contains("Fixes (1):\n  2.2  ");
  }

  @Test
  void diffReadsResultsFilesAndAnAutobahnReport() {
    // ws as Autobahn judged it (its index.json) against our results.jsonl: 2.2 is worse here
    WsConformCliTest.Run r =
        WsConformCliTest.cli(
            "diff",
            autobahn.resolve("servers/index.json").toString(),
            pong.folder().resolve("results.jsonl").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("Regressions (1):\n  2.2  ")
        .contains("1 missing"); // 9.1.1: Autobahn ran it, we did not
  }

  @Test
  void aCaseMissingInAfterIsARegressionAndExtraCasesAreNot() throws Exception {
    FaultyRun fewer = FaultyRun.against(Set.of(), tmp, "--cases", "1.1.1", "--agent", "fewer");
    assertThat(fewer.exit()).as(fewer.printed()).isZero();
    Path html = tmp.resolve("out/missing.html");
    WsConformCliTest.Run r =
        WsConformCliTest.cli(
            "diff",
            "--html",
            html.toString(),
            clean.folder().toString(),
            fewer.folder().toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("1 missing in AFTER (regression)")
        .contains("Missing in AFTER (1):\n  2.2  ")
        .contains("run AFTER with the same selection");
    assertThat(Files.readString(html))
        .contains("Missing in AFTER")
        .contains("each is a regression");

    WsConformCliTest.Run more =
        WsConformCliTest.cli("diff", fewer.folder().toString(), clean.folder().toString());
    assertThat(more.exit()).as(more.out() + more.err()).isZero();
    assertThat(more.out()).contains("1 new").contains("New cases (1):\n  2.2  ");
  }

  @Test
  void diffWithAMissingRunIsBadUsage() {
    WsConformCliTest.Run r =
        WsConformCliTest.cli(
            "diff", clean.folder().toString(), tmp.resolve("no-such-run").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no-such-run: no such file or folder").hasLineCount(1);

    WsConformCliTest.Run one = WsConformCliTest.cli("diff", clean.folder().toString());
    assertThat(one.exit()).isEqualTo(2);
    assertThat(one.err()).contains("AFTER");
  }

  @Test
  void helpListsTheSubcommands() {
    WsConformCliTest.Run r = WsConformCliTest.cli("--help");
    assertThat(r.out()).contains("compare").contains("diff");
    WsConformCliTest.Run diff = WsConformCliTest.cli("diff", "--help");
    assertThat(diff.exit()).isZero();
    assertThat(diff.out()).contains("Exit codes: 0 no regression; 1 at least one regression");
  }
}
