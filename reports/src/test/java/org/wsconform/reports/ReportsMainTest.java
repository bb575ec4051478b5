package org.wsconform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsMainTest {

  @TempDir Path tmp;

  private Path runA;
  private Path runB;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void runs() throws Exception {
    runA = ReportSamples.write(tmp.resolve("run-a")).dir();
    runB = ReportSamples.write(tmp.resolve("run-b"), RunDiffTest.after()).dir();
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return ReportsMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void renderWritesIndexHtml() throws Exception {
    Files.delete(runA.resolve("index.html"));
    assertThat(run("render", runA.toString())).isZero();
    assertThat(out().strip()).isEqualTo(runA.resolve("index.html").toString());
    assertThat(Files.readString(runA.resolve("index.html"))).contains("id=\"case-1.1.2\"");
  }

  @Test
  void compareWritesTheMatrixOrPrintsIt() throws Exception {
    Path html = tmp.resolve("out/matrix.html");
    assertThat(run("compare", html.toString(), runA.toString(), runB.toString())).isZero();
    assertThat(Files.readString(html)).contains("class=\"matrix\"");
    assertThat(run("compare", "-", runA.toString(), runB.toString())).isZero();
    assertThat(out()).startsWith("wsconform comparison: 2 targets, 11 cases\n");
  }

  @Test
  void diffExitsOneOnRegressionsAndZeroWithout() throws Exception {
    Path html = tmp.resolve("diff.html");
    assertThat(run("diff", runA.toString(), runB.toString(), "--html", html.toString()))
        .isEqualTo(1);
    assertThat(out())
        .contains("3 regressions")
        .contains("1.1.1  text message of 0 octets")
        .contains("wrote " + html);
    assertThat(Files.readString(html)).contains("id=\"regressions\"");
    assertThat(run("diff", runB.toString(), runA.toString())).isEqualTo(1); // the other way
    assertThat(out()).contains("2 regressions, 3 fixes");
    assertThat(run("diff", runA.toString(), runA.toString())).isZero();
    assertThat(out()).contains("0 regressions, 0 fixes");
  }

  @Test
  void badInputExitsTwoWithOneLine() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThat(run()).isEqualTo(2);
    assertThat(err()).startsWith("usage:");
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err())
        .isEqualTo("reports: unknown command 'frobnicate' (render, compare, diff, perf)\n");
    assertThat(run("render", tmp.resolve("nope").toString())).isEqualTo(2);
    assertThat(err()).isEqualTo("reports: " + tmp.resolve("nope") + ": no such folder\n");
    assertThat(run("render", empty.toString())).isEqualTo(2);
    assertThat(err()).contains("not a results folder").hasLineCount(1);
    assertThat(run("diff", runA.toString())).isEqualTo(2);
    assertThat(err()).hasLineCount(1);
    assertThat(run("diff", runA.toString(), runB.toString(), "--html")).isEqualTo(2);
    assertThat(err()).isEqualTo("reports: --html needs a file name\n");
    assertThat(run("diff", runA.toString(), runB.toString(), "--bogus")).isEqualTo(2);
    assertThat(run("compare", tmp.resolve("m.html").toString())).isEqualTo(2);
    assertThat(run("compare", tmp.toString(), runA.toString())).isEqualTo(2);
    assertThat(err()).contains("is a folder");
    Files.writeString(runA.resolve("results.jsonl"), "not json\n{}\n");
    assertThat(run("render", runA.toString())).isEqualTo(2);
    assertThat(err())
        .startsWith("reports: ")
        .contains("line 1 is not a case record")
        .hasLineCount(1);
    assertThat(run("--help")).isZero();
    assertThat(out()).startsWith("usage:");
  }
}
