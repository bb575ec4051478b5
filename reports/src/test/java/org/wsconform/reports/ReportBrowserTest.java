package org.wsconform.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The run report in a real browser: {@code src/test/js/report-browser-test.mjs} drives headless
 * Chromium (playwright-core) over a rendered sample run opened from {@code file://}, and saves
 * screenshots under {@code target/report-browser/screenshots/} (its log: {@code
 * target/report-browser/browser-test.log}).
 *
 * <p>Needs {@code /usr/bin/chromium} (or {@code $CHROMIUM}), {@code node}, and {@code
 * src/test/js/node_modules} ({@code npm ci --prefix reports/src/test/js}). Without them the test is
 * skipped, except under CI ({@code CI} set), where it fails: a browser test that never runs proves
 * nothing.
 */
class ReportBrowserTest {

  static final Path JS = Path.of("src/test/js");
  static final Path OUT = Path.of("target/report-browser");
  static final String SETUP =
      "bash reports/src/test/js/install.sh, i.e. apt-get install -y chromium "
          + "and npm ci --prefix reports/src/test/js";

  @Test
  void theReportWorksInHeadlessChromium() throws Exception {
    String missing = missing();
    if (missing != null) {
      if (isCi()) {
        fail("browser test cannot run under CI: " + missing + " (CI needs: " + SETUP + ")");
      }
      assumeTrue(false, "browser test skipped: " + missing + " (" + SETUP + ")");
    }
    Path run = OUT.resolve("run");
    Path shots = OUT.resolve("screenshots");
    deleteTree(OUT);
    ReportSamples.write(run); // finish() renders index.html

    Process p =
        new ProcessBuilder(
                "node",
                JS.resolve("report-browser-test.mjs").toString(),
                run.toString(),
                shots.toString())
            .redirectErrorStream(true)
            .start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("report-browser-test.mjs did not end within 180 s:\n" + output.getNow(""));
    }
    String log = output.get(10, TimeUnit.SECONDS);
    Files.writeString(OUT.resolve("browser-test.log"), log); // kept out of the build's output
    assertThat(p.exitValue()).as(log).isZero();
    assertThat(log)
        .contains("case to open: 1.1.2 (FAILED, 6 wire-log rows)")
        .contains("ok    a <script> payload shows as text and is no element")
        .contains("ok    details show the reason line")
        .contains("ok    the header shows the target's identity")
        .contains("target line: " + ReportSamples.TARGET_LINE)
        .contains("ok    details show \"How to fix\"")
        .contains("ok    details show the how-to-fix line")
        .containsPattern("(?m)^\\d+ passed, 0 failed$");
    for (String png :
        new String[] {
          "report-summary.png", "report-failed-case.png", "report-wire-log.png", "report-anchor.png"
        }) {
      Path file = shots.resolve(png);
      assertThat(file).isRegularFile();
      byte[] head;
      try (InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(8);
      }
      assertThat(head).as(png).startsWith(0x89, 'P', 'N', 'G');
    }
  }

  /** What the browser test lacks, or null. */
  static String missing() {
    String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    if (!Files.isExecutable(Path.of(chromium))) {
      return chromium + " is not installed";
    }
    if (!Files.isDirectory(JS.resolve("node_modules/playwright-core"))) {
      return "playwright-core is not installed in " + JS.toAbsolutePath();
    }
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "node does not run";
      }
    } catch (IOException | InterruptedException e) {
      return "node is not on the PATH";
    }
    return null;
  }

  static boolean isCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
