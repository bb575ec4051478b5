package org.wsconform.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.targets.hostile.HostileServer;
import org.wsconform.targets.hostile.Hostility;

/**
 * The CLI in a JVM limited to 256 MiB against hostile servers: the whole catalogue against a server
 * whose every frame declares 2^63−1 octets, and the framing and ping cases against a ping flood
 * (which once queued frames and kept wire logs without bound), and frames declaring 255 MiB (whose
 * payload arrays were once allocated at their declared size). An OutOfMemoryError ends the child at
 * once (-XX:+ExitOnOutOfMemoryError), so "exit 1, every case recorded" means it stayed within the
 * limit.
 */
@Timeout(360)
class HostileCliMemoryTest {
  private static final List<String> JVM =
      List.of("-Xmx256m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A CLI run finished in its child JVM: its exit code, its output and its results folder. */
  record ChildRun(int exit, ChildCli cli, Path out) {
    Path runFolder() throws Exception {
      return ChildCli.runFolder(out);
    }
  }

  /**
   * Runs the CLI in a 256 MiB child against a server with behaviour {@code h} ({@code -q --stats}
   * plus {@code args}), waits at most {@code seconds}, and checks the one thing every run here must
   * show: the child never ran out of memory.
   */
  static ChildRun runAgainst(Hostility h, Path dir, int seconds, String... args) throws Exception {
    try (HostileServer server = HostileServer.start(h)) {
      List<String> cliArgs =
          new ArrayList<>(
              List.of(
                  "--target",
                  server.uri().toString(),
                  "--out",
                  dir.resolve("out").toString(),
                  "-q",
                  "--stats"));
      cliArgs.addAll(List.of(args));
      ChildCli cli = ChildCli.start(dir.resolve("logs"), JVM, cliArgs.toArray(String[]::new));
      int exit = cli.waitFor(seconds);
      assertThat(cli.err()).as(cli.output()).doesNotContain("OutOfMemoryError");
      return new ChildRun(exit, cli, dir.resolve("out"));
    }
  }

  @Test
  void theWholeCatalogueAgainstFramesOf2To63OctetsCompletesWithin256MiB(@TempDir Path dir)
      throws Exception {
    ChildRun r =
        runAgainst(Hostility.FRAME_OF_2_63_OCTETS, dir, 300, "--timeout-scale", "0.1", "-j", "8");
    assertThat(r.exit()).as(r.cli().output()).isEqualTo(1);
    assertThat(r.cli().out()).contains("max heap 256 MiB");
    assertThat(everyCaseRecorded(r.runFolder())).hasSize(Catalogue.all().size());
  }

  @Test
  void aPingFloodIsSurvivedWithin256MiB(@TempDir Path dir) throws Exception {
    ChildRun r =
        runAgainst(
            Hostility.PING_FLOOD,
            dir,
            240,
            "--timeout-scale",
            "0.1",
            "-j",
            "8",
            "--cases",
            "1.*,2.*,9.1.1");
    assertThat(r.exit()).as(r.cli().output()).isEqualTo(1);
    Path run = r.runFolder();
    assertThat(everyCaseRecorded(run)).hasSize(28);
    JsonNode first =
        JSON.readTree(
            Files.readAllLines(run.resolve("results.jsonl")).stream()
                .filter(l -> l.contains("\"id\":\"1.1.1\""))
                .findFirst()
                .orElseThrow());
    assertThat(first.path("outcome").asText()).isEqualTo("FAILED");
    assertThat(first.path("reason").asText()).contains("observed no message or pong");
    assertThat(first.path("wirelog").size())
        .as("a flood's wire log is cut, its end kept")
        .isLessThanOrEqualTo(601);
  }

  @Test
  void aPingFloodThatNeverReadsIsSurvivedWithin256MiB(@TempDir Path dir) throws Exception {
    // the harness's pongs fill TCP until its writes block; while a write blocks, the reader may
    // queue frames beyond its usual 256 (a Tomcat echo needs that), within one budget for the
    // whole run: eight connections with a budget each once ran a 256 MiB heap out. Real timers
    // (no --timeout-scale), so the queues have time to grow.
    ChildRun r =
        runAgainst(Hostility.PING_FLOOD_UNREAD, dir, 240, "-j", "8", "--cases", "1.1.*,2.*");
    assertThat(r.exit()).as(r.cli().output()).isEqualTo(1);
    assertThat(everyCaseRecorded(r.runFolder())).hasSize(19);
  }

  @Test
  void framesDeclaring255MibCostWhatArrivesNotWhatTheyDeclare(@TempDir Path dir) throws Exception {
    // nine cases at once, each met by a header declaring 255 MiB: held up front, that is 2.2 GiB
    ChildRun r =
        runAgainst(
            Hostility.TRICKLED_255_MIB_FRAME,
            dir,
            120,
            "--timeout-scale",
            "0.1",
            "-j",
            "9",
            "--cases",
            "1.1.*,2.1");
    assertThat(r.exit()).as(r.cli().output()).isEqualTo(1);
    assertThat(everyCaseRecorded(r.runFolder())).hasSize(9);
  }

  /**
   * Every behaviour, not only the three above, met by the CLI as a user runs it in a 256 MiB JVM:
   * the cases HostileTargetTest judges (H.1, 1.1.1, 2.1, 7.1.1 and each group's first) all end with
   * a reason and the run exits 1 with every result kept; the TLS behaviours stop the run as an
   * unreachable target (exit 3) saying "protocol". What HostileTargetTest asserts of each verdict
   * holds in the test's own JVM, whose heap is not bounded; this is the bound.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Hostility.class)
  void everyBehaviourEndsTheRunWithin256MiB(Hostility h, @TempDir Path dir) throws Exception {
    List<String> ids = HostileTargetTest.representativeCases();
    ChildRun r =
        runAgainst(
            h, dir, 120, "--timeout-scale", "0.1", "-j", "8", "--cases", String.join(",", ids));
    if (h.tls()) {
      assertThat(r.exit()).as(r.cli().output()).isEqualTo(3);
      assertThat(r.cli().err()).contains("failed: protocol");
      return;
    }
    assertThat(r.exit()).as(r.cli().output()).isEqualTo(1);
    assertThat(r.cli().out()).contains("max heap 256 MiB");
    assertThat(everyCaseRecorded(r.runFolder())).containsExactlyInAnyOrderElementsOf(ids);
  }

  /**
   * Every line of results.jsonl is a whole record, index.json and the report exist; returns the
   * ids.
   */
  static Set<String> everyCaseRecorded(Path run) throws Exception {
    Set<String> ids = new LinkedHashSet<>();
    for (String line : Files.readAllLines(run.resolve("results.jsonl"))) {
      JsonNode r = JSON.readTree(line);
      ids.add(r.path("id").asText());
      if (!r.path("outcome").asText().equals("PASSED"))
        assertThat(r.path("reason").asText()).as(r.path("id").asText()).isNotBlank();
    }
    JsonNode index = JSON.readTree(run.resolve("index.json").toFile());
    assertThat(index.elements().next().size()).isEqualTo(ids.size());
    for (String f : List.of("index.html", "run.json", "summary.md", "junit/TEST-wsconform.xml")) {
      assertThat(run.resolve(f)).as(f).exists();
    }
    for (String id : ids)
      assertThat(Catalogue.byId(id)).as(id).map(ConformanceCase::id).hasValue(id);
    return ids;
  }
}
