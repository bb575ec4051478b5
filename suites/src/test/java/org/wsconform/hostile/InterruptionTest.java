package org.wsconform.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsconform.cli.WsConform;
import org.wsconform.targets.hostile.HostileServer;
import org.wsconform.targets.hostile.Hostility;

/**
 * SIGTERM and SIGINT in the middle of a run: the cases running at that moment are recorded as ERROR
 * (interrupted), the ones that finished keep their verdicts, results.jsonl and index.json stay
 * valid, the reports are written, and the exit status is not zero.
 *
 * <p>The target answers 101 and then nothing, with timers ×20: 1.1.1 and 1.1.2 stay in flight for
 * tens of seconds, while H.2 and H.3 (the server upgrades what it must refuse) fail at once.
 */
@Timeout(120)
class InterruptionTest {
  /**
   * A launcher that sets SIGINT back to its default action and then becomes the child (exec: same
   * pid). A build started in the background, under nohup or by some CI runners has SIGINT ignored,
   * an ignored signal stays ignored across fork and exec, and the JVM installs no handler for a
   * signal it finds ignored: without this the child would never see the SIGINT the test sends and
   * would simply finish its run. A shell's {@code trap - INT} cannot undo an ignore inherited at
   * start (POSIX); perl's {@code %SIG} can, and perl-base is part of every Debian system.
   */
  private static final List<String> DEFAULT_SIGINT =
      List.of(
          "perl",
          "-e",
          "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec $ARGV[0]: $!\\n\";");

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "INT"})
  void aSignalMidRunRecordsTheCasesInFlightAsInterrupted(String signal, @TempDir Path dir)
      throws Exception {
    try (HostileServer server = HostileServer.start(Hostility.SILENCE_AFTER_101)) {
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  WsConform.class.getName(),
                  "--target",
                  server.uri().toString(),
                  "--cases",
                  "1.1.1,1.1.2,H.2,H.3",
                  "-j",
                  "4",
                  "--timeout-scale",
                  "20",
                  "--out",
                  dir.toString()));
      if (signal.equals("INT")) cmd.addAll(0, DEFAULT_SIGINT);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      StringBuilder console = new StringBuilder();
      CompletableFuture<Void> bothRefusalsFailed = new CompletableFuture<>();
      Thread reader = new Thread(() -> read(p, console, bothRefusalsFailed), "child-console");
      reader.setDaemon(true);
      reader.start();
      try {
        // the two quick cases are done (their FAILED lines are printed as they finish) and the two
        // slow ones are connected: preflight + four cases
        bothRefusalsFailed.get(60, TimeUnit.SECONDS);
        assertThat(server.awaitConnections(5, Duration.ofSeconds(60)))
            .as(console.toString())
            .isTrue();
        signal(p, signal);
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
            .as("exits after the signal\n" + console)
            .isTrue();
      } finally {
        p.destroyForcibly();
      }
      reader.join(10_000);
      // 128 + the signal's number, as a shell reports a process the signal ended: a script or CI
      // step that runs wsconform sees the run was stopped, not that it finished with failures
      assertThat(p.exitValue()).as(console.toString()).isEqualTo(signal.equals("TERM") ? 143 : 130);
      assertThat(console.toString()).contains("wsconform: interrupted; 4 cases recorded in");

      Path run = ChildCli.runFolder(dir);
      ObjectMapper json = new ObjectMapper();
      Map<String, JsonNode> byId = new LinkedHashMap<>();
      for (String line : Files.readAllLines(run.resolve("results.jsonl"))) {
        JsonNode r = json.readTree(line);
        byId.put(r.path("id").asText(), r);
      }
      assertThat(byId.keySet()).containsExactlyInAnyOrder("1.1.1", "1.1.2", "H.2", "H.3");
      for (String id : List.of("1.1.1", "1.1.2")) {
        assertThat(byId.get(id).path("outcome").asText()).isEqualTo("ERROR");
        assertThat(byId.get(id).path("reason").asText()).startsWith("interrupted:");
      }
      for (String id : List.of("H.2", "H.3"))
        assertThat(byId.get(id).path("outcome").asText()).isEqualTo("FAILED");
      JsonNode index = json.readTree(run.resolve("index.json").toFile()).elements().next();
      assertThat(index.size()).isEqualTo(4);
      assertThat(index.path("1.1.1").path("behavior").asText()).isEqualTo("ERROR");
      assertThat(Files.readString(run.resolve("index.html"))).contains("1.1.1").contains("H.3");
      assertThat(Files.readString(run.resolve("summary.md"))).contains("interrupted");
      assertThat(Files.readString(run.resolve("junit/TEST-wsconform.xml"))).contains("tests=\"4\"");
      assertThat(json.readTree(run.resolve("run.json").toFile()).path("cases").asInt())
          .isEqualTo(4);
    }
  }

  private static void signal(Process p, String signal) throws IOException, InterruptedException {
    if (signal.equals("TERM")) {
      // SIGTERM, as Process.destroy() sends it; but Process.destroy() also closes our end of the
      // child's console, and what the child says after the signal is part of the check
      assertThat(p.toHandle().destroy()).isTrue();
      return;
    }
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
        .as("kill -" + signal)
        .isTrue();
  }

  private static void read(
      Process p, StringBuilder console, CompletableFuture<Void> bothRefusalsFailed) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (console) {
          console.append(line).append('\n');
          if (console.indexOf("FAILED H.2 ") >= 0 && console.indexOf("FAILED H.3 ") >= 0)
            bothRefusalsFailed.complete(null);
        }
      }
    } catch (IOException e) {
      // the child is gone
    }
    bothRefusalsFailed.completeExceptionally(
        new AssertionError("the child's console ended:\n" + console));
  }
}
