package org.wsconform.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.targets.external.ExternalTarget;

/**
 * The launcher's own guarantees, each shown both ways with small stand-in targets (Node http
 * servers, written into a temporary home): the announced port must be held by the process we
 * started or its children, on loopback; it must answer HTTP; stopping ends the whole process tree,
 * with SIGKILL for a process that ignores SIGTERM; install and start failures say why.
 */
@Timeout(60)
class ExternalTargetTest {
  /** An HTTP server on 127.0.0.1:0 that announces itself; {@code extra} runs after it listens. */
  static final String SERVER =
      """
      const http = require('node:http');
      const s = http.createServer((q, r) => { r.writeHead(426); r.end('Expected Upgrade: websocket'); });
      s.listen(0, '127.0.0.1', () => { console.log('listening on ws://127.0.0.1:' + s.address().port + '/'); EXTRA });
      """;

  static Path target(Path home, String name, String startSh) throws IOException {
    Path dir = ExternalTarget.dir(home, name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("start.sh"), startSh);
    return dir;
  }

  static Path server(Path dir, String file, String extra) throws IOException {
    Path f = dir.resolve(file);
    Files.writeString(f, SERVER.replace("EXTRA", extra));
    return f;
  }

  /**
   * Ended: reaped, or every thread a zombie (a grandchild re-parented to an init that reaps late).
   */
  static boolean gone(ProcessHandle h) {
    if (!h.isAlive()) return true;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + h.pid() + "/task"))) {
      return tasks.allMatch(
          t -> {
            try {
              String stat = Files.readString(t.resolve("stat"));
              char state = stat.charAt(stat.lastIndexOf(')') + 2);
              return state == 'Z' || state == 'X';
            } catch (IOException e) {
              return true;
            }
          });
    } catch (IOException e) {
      return true;
    }
  }

  /** The started process itself is our child: the JVM reaps it, so wait for that (bounded). */
  static void reaped(ProcessHandle p) throws Exception {
    p.onExit().get(5, TimeUnit.SECONDS);
    assertThat(p.isAlive()).as("process " + p.pid() + " after close").isFalse();
  }

  static boolean accepts(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void anHonestTargetStartsAnswersAndIsGoneAfterClose(@TempDir Path home) throws Exception {
    Path dir = target(home, "honest", "exec node server.js\n");
    server(dir, "server.js", "");
    ExternalTarget t =
        ExternalTarget.start(home, "honest", List.of("bash", "start.sh"), Duration.ofSeconds(20));
    int port = t.uri().getPort();
    ProcessHandle p = ProcessHandle.of(t.pid()).orElseThrow();
    assertThat(t.uri().toString()).startsWith("ws://127.0.0.1:");
    assertThat(accepts(port)).as("the target accepts connections on " + port).isTrue();
    t.close();
    assertThat(accepts(port))
        .as("something still accepts on " + port + " right after close")
        .isFalse();
    reaped(p);
    assertThat(accepts(port)).as("something still accepts on " + port + " after close").isFalse();
  }

  @Test
  void aPortHeldBySomeoneElseIsRefusedAndTheStartedProcessStopped(@TempDir Path home)
      throws Exception {
    try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // the launcher announces a port it does not hold: this JVM's socket
      target(
          home,
          "liar",
          "echo \"liar pid $$\"\necho \"listening on ws://127.0.0.1:"
              + other.getLocalPort()
              + "/\"\nexec sleep 600\n");
      assertThatThrownBy(
              () ->
                  ExternalTarget.start(
                      home, "liar", List.of("bash", "start.sh"), Duration.ofSeconds(10)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("announced port " + other.getLocalPort())
          .hasMessageContaining("belongs to pid " + ProcessHandle.current().pid())
          .hasMessageContaining("refusing to test someone else's server");
    }
    assertThat(
            ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").contains("sleep 600"))
                .filter(
                    h ->
                        h.parent()
                            .map(pp -> pp.pid() == ProcessHandle.current().pid())
                            .orElse(false))
                .count())
        .as("the liar's process is stopped")
        .isZero();
  }

  @Test
  void aServerStartedByTheLauncherAsAChildCountsAsTheTargetsAndIsStoppedWithIt(@TempDir Path home)
      throws Exception {
    // like nginx behind start.sh, or workerd behind its node wrapper: the listener is a grandchild
    Path dir = target(home, "wrapped", "node server.js &\nwait\n");
    server(dir, "server.js", "");
    ExternalTarget t =
        ExternalTarget.start(home, "wrapped", List.of("bash", "start.sh"), Duration.ofSeconds(20));
    List<ProcessHandle> tree = t.processes();
    assertThat(tree).hasSizeGreaterThanOrEqualTo(2);
    t.close();
    assertThat(tree)
        .as("every process of the target after close")
        .allMatch(ExternalTargetTest::gone);
    assertThat(accepts(t.uri().getPort())).isFalse();
  }

  @Test
  void aTargetThatIgnoresSigtermIsKilled(@TempDir Path home) throws Exception {
    // workerd holding a close it never answered behaves like this
    Path dir = target(home, "stubborn", "exec node server.js\n");
    server(dir, "server.js", "process.on('SIGTERM', () => console.log('ignoring SIGTERM'));");
    ExternalTarget t =
        ExternalTarget.start(home, "stubborn", List.of("bash", "start.sh"), Duration.ofSeconds(20))
            .stopGrace(Duration.ofMillis(300));
    ProcessHandle p = ProcessHandle.of(t.pid()).orElseThrow();
    long t0 = System.nanoTime();
    t.close();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(gone(p)).as("the stubborn process right after close").isTrue();
    reaped(p);
    assertThat(ms).as("SIGTERM grace 300 ms, then SIGKILL").isBetween(250L, 5000L);
    assertThat(t.output()).contains("ignoring SIGTERM");
  }

  @Test
  void aNonLoopbackAnnouncementIsRefused(@TempDir Path home) throws Exception {
    target(home, "wide", "echo 'listening on ws://0.0.0.0:8080/'\nexec sleep 600\n");
    assertThatThrownBy(
            () ->
                ExternalTarget.start(
                    home, "wide", List.of("bash", "start.sh"), Duration.ofSeconds(10)))
        .hasMessageContaining("expected a loopback address")
        .hasMessageContaining("ws://0.0.0.0:8080/");
  }

  @Test
  void aListenerThatNeverAnswersHttpIsNotReady(@TempDir Path home) throws Exception {
    // accepts TCP but never says a word: the readiness check must give up at the deadline
    Path dir = target(home, "mute", "exec node mute.js\n");
    Files.writeString(
        dir.resolve("mute.js"),
        """
        const s = require('node:net').createServer(() => {});
        s.listen(0, '127.0.0.1', () => console.log('listening on ws://127.0.0.1:' + s.address().port + '/'));
        """);
    long t0 = System.nanoTime();
    assertThatThrownBy(
            () ->
                ExternalTarget.start(
                    home, "mute", List.of("bash", "start.sh"), Duration.ofSeconds(6)))
        .hasMessageContaining("gave no HTTP answer before the deadline");
    assertThat((System.nanoTime() - t0) / 1_000_000)
        .as("ms until the launcher gave up")
        .isBetween(5_000L, 15_000L);
  }

  @Test
  void aTargetThatExitsSaysHowAndWhatItPrinted(@TempDir Path home) throws Exception {
    target(home, "crash", "echo 'cannot bind: permission denied' >&2\nexit 3\n");
    assertThatThrownBy(
            () ->
                ExternalTarget.start(
                    home, "crash", List.of("bash", "start.sh"), Duration.ofSeconds(5)))
        .hasMessageContaining("did not print 'listening on ws://…'")
        .hasMessageContaining("exited with 3")
        .hasMessageContaining("cannot bind: permission denied");
  }

  @Test
  void aFailingInstallSaysWhyAndStartsNothing(@TempDir Path home) throws Exception {
    Path dir = target(home, "broken", "echo 'listening on ws://127.0.0.1:1/'\nexec sleep 600\n");
    Files.writeString(
        dir.resolve("install.sh"), "echo 'npm ERR! 404 Not Found: nosuchpackage@1.0.0'\nexit 1\n");
    assertThatThrownBy(
            () ->
                ExternalTarget.start(
                    home, "broken", List.of("bash", "start.sh"), Duration.ofSeconds(5)))
        .hasMessageContaining("install.sh failed (exit 1)")
        .hasMessageContaining("npm ERR! 404 Not Found: nosuchpackage@1.0.0");
    Optional<ProcessHandle> started =
        ProcessHandle.current()
            .children()
            .filter(h -> h.info().commandLine().orElse("").contains("sleep 600"))
            .findAny();
    assertThat(started).isEmpty();
  }
}
