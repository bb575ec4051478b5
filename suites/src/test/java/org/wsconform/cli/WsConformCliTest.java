package org.wsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command a person types, run in-process: exit codes, messages, and the results folder. */
class WsConformCliTest {
  record Run(int exit, String out, String err, long millis) {}

  static Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int code =
        WsConform.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Run(
        code,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        (System.nanoTime() - t0) / 1_000_000);
  }

  @Test
  void aWrongSchemeIsBadUsage() {
    Run r = cli("--target", "ftp://x");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unsupported scheme 'ftp'").contains("ws://").hasLineCount(1);
  }

  @Test
  void anUnknownCasePatternIsBadUsage() {
    Run r = cli("--cases", "99.*", "--list");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no case matches '99.*'").contains("--list");
  }

  @Test
  void anUnknownProfileIsBadUsage(@TempDir Path out) {
    Run r = cli("--target", "no-such-profile", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown profile 'no-such-profile'").contains("reference");
  }

  @Test
  void aMalformedHeaderIsBadUsage() {
    Run r = cli("--header", "no colon here", "--list");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Name: value");
  }

  @Test
  void aTargetThatIsDownExitsWith3Within5Seconds(@TempDir Path out) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Run r = cli("--target", "ws://127.0.0.1:" + port + "/", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("127.0.0.1:" + port).contains("refused");
    assertThat(r.millis()).isLessThan(5000);
  }

  @Test
  void listShowsCaseIdsAndCounts() {
    Run r = cli("--list", "--cases", "2.*");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("2.1 ").contains("2.11").contains("11 cases");
  }

  @Test
  void helpAnswersWhatTheExitCodesMean() {
    Run r = cli("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("--target").contains("Exit codes").contains("--timeout-scale");
  }

  /** picocli formats help text with String.format: a bare % prints a WARN to System.err. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"", "compare", "diff", "clients", "serve", "merge", "perf"})
  void everyHelpTextFormatsWithoutAPicocliWarning(String subcommand) {
    PrintStream systemErr = System.err;
    ByteArrayOutputStream tracer = new ByteArrayOutputStream();
    Run r;
    try {
      System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
      r = subcommand.isEmpty() ? cli("--help") : cli(subcommand, "--help");
    } finally {
      System.setErr(systemErr);
    }
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage:");
    assertThat(tracer.toString(StandardCharsets.UTF_8) + r.err()).doesNotContain("WARN");
  }

  @Test
  void aRunAgainstTheEmbeddedServerWritesACompleteResultsFolder(@TempDir Path out)
      throws Exception {
    Run r = cli("--cases", "1.1.*,2.1,2.2", "--out", out.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("10 cases").contains("PASSED 10").contains("results: ");
    assertThat(r.out())
        .containsPattern("wsconform: 10 cases against ws://\\S+ \\(\\S+\\); groups 1, 2\\n")
        .contains("estimate: ")
        .contains("(measured on the embedded reference server; a remote target can be slower)")
        .doesNotContain("quicker: ")
        .contains("10 cases in ")
        .containsPattern("10 cases in [0-9.]+ s: PASSED 10\\n");
    Path run;
    try (Stream<Path> s = Files.list(out)) {
      run =
          s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().equals("latest"))
              .findFirst()
              .orElseThrow();
    }
    assertThat(Files.readAllLines(run.resolve("results.jsonl"))).hasSize(10);
    JsonNode index = new ObjectMapper().readTree(run.resolve("index.json").toFile());
    JsonNode agent = index.elements().next();
    assertThat(agent.size()).isEqualTo(10);
    assertThat(agent.get("1.1.1").get("behavior").asText()).isEqualTo("OK");
    assertThat(agent.get("2.2").get("behaviorClose").asText()).isEqualTo("OK");
    try (Stream<Path> s = Files.list(run.resolve("cases"))) {
      assertThat(s.count()).isEqualTo(10);
    }
    String junit = Files.readString(run.resolve("junit").resolve("TEST-wsconform.xml"));
    assertThat(junit).contains("tests=\"10\"").contains("1.1.1 ");
    try (Stream<Path> s = Files.list(run.resolve("allure-results"))) {
      List<Path> files = s.toList();
      assertThat(files.stream().filter(p -> p.toString().endsWith("-result.json"))).hasSize(10);
    }
    assertThat(Files.readString(run.resolve("summary.md")))
        .contains("| 1.1 | Framing / Text Messages | 8 | 8 |");
    assertThat(out.resolve("latest")).exists();
    // one version string everywhere: --version, run.json and the report
    Run version = cli("--version");
    assertThat(version.exit()).isZero();
    String v = version.out().lines().findFirst().orElseThrow().replace("wsconform ", "");
    assertThat(v).isNotEqualTo("dev").matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(
            new ObjectMapper()
                .readTree(run.resolve("run.json").toFile())
                .get("wsconformVersion")
                .asText())
        .isEqualTo(v);
    assertThat(Files.readString(run.resolve("index.html"))).contains("wsconform " + v);
    Path abs = run.toAbsolutePath();
    assertThat(r.out())
        .contains("  report:  " + abs.resolve("index.html"))
        .contains("  summary: " + abs.resolve("summary.md"));
  }

  /** Nothing was started or written: the --out folder is still empty. */
  private static void assertNothingWritten(Path out) throws Exception {
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.toList()).as("no run folder may be created").isEmpty();
    }
  }

  @Test
  void anEmptyCasesOptionIsBadUsageNotAFullRun(@TempDir Path out) throws Exception {
    for (String blank : List.of("", " ")) {
      Run r = cli("--cases", blank, "--out", out.toString());
      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
      assertThat(r.err())
          .contains("--cases is empty")
          .contains("'1.*,H.*'")
          .contains("leave --cases out")
          .hasLineCount(1);
      assertThat(r.out()).isEmpty();
    }
    assertNothingWritten(out);
  }

  @Test
  void anEmptyExcludeOptionIsBadUsage(@TempDir Path out) throws Exception {
    Run r = cli("--cases", "1.1.1", "--exclude", "", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--exclude is empty").contains("leave --exclude out");
    assertNothingWritten(out);
  }

  @Test
  void aSelectionThatSelectsNothingIsBadUsageNeverAPassedGate(@TempDir Path out) throws Exception {
    Run r = cli("--cases", "1.1.1", "--exclude", "1.1.1", "--out", out.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains("no case selected")
        .contains("--cases '1.1.1' minus --exclude '1.1.1'")
        .contains("--list");
    assertThat(r.out()).doesNotContain("gate");
    assertNothingWritten(out);
    Run list = cli("--list", "--cases", "2.*", "--exclude", "2.*");
    assertThat(list.exit()).isEqualTo(2);
    assertThat(list.err()).contains("no case selected");
  }

  @Test
  void everyNumericOptionIsCheckedBeforeAnythingStarts(@TempDir Path out) throws Exception {
    String[][] bad = {
      {"-j", "0", "--parallel (-j) must be at least 1"},
      {"--parallel", "-2", "--parallel (-j) must be at least 1"},
      {"--timeout-scale", "0", "--timeout-scale must be a positive number"},
      {"--timeout-scale", "-1", "--timeout-scale must be a positive number"},
      {"--timeout-scale", "Infinity", "--timeout-scale must be a positive number"},
      {"--rate", "0", "--rate must be a positive number"},
      {"--rate", "fast", "--rate: expected connections per second"},
      {"--max-concurrency", "0", "--max-concurrency must be at least 1"},
      {"--connect-retries", "-1", "--connect-retries must be 0 or more"},
      {"--deflate-round-trips", "0", "--deflate-round-trips must be at least 1"},
      {"--parallel", "x", "Invalid value for option '--parallel'"},
    };
    for (String[] b : bad) {
      Run r = cli("--cases", "1.1.1", b[0], b[1], "--out", out.toString());
      assertThat(r.exit()).as(String.join(" ", b) + ": " + r.out() + r.err()).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", b)).contains(b[2]);
      assertThat(r.out()).as("nothing started for " + b[0] + " " + b[1]).isEmpty();
      assertNothingWritten(out);
    }
  }

  @Test
  void countsOfOneAreSingular() {
    Run r = cli("--list", "--cases", "2.1");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("\n1 case\n".translateEscapes()).doesNotContain("1 cases");
  }
}
