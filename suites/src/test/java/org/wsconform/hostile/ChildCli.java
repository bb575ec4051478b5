package org.wsconform.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.wsconform.cli.WsConform;

/**
 * The CLI in a JVM of its own, as scripts/wsconform starts it: for what only a separate process
 * shows — its heap limit, its exit status, what a signal does to it.
 */
final class ChildCli {
  final Process process;
  final Path stdout;
  final Path stderr;

  private ChildCli(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code java <jvmOptions> -cp <this test's class path> org.wsconform.cli.WsConform
   * <args>}.
   */
  static ChildCli start(Path logs, List<String> jvmOptions, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    // surefire's class path (a manifest-only jar naming every entry) runs the CLI as packaged
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WsConform.class.getName()));
    cmd.addAll(List.of(args));
    Files.createDirectories(logs);
    Path out = logs.resolve("stdout.txt");
    Path err = logs.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    return new ChildCli(p, out, err);
  }

  /** Waits for the exit; kills the process and fails when it outlives {@code seconds}. */
  int waitFor(long seconds) throws InterruptedException, IOException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the CLI did not exit within " + seconds + " s\n" + output());
    }
    return process.exitValue();
  }

  String out() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String err() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  String output() throws IOException {
    return "--- stdout\n" + out() + "\n--- stderr\n" + err();
  }

  /** The run folder under {@code out} (not the "latest" link), once it exists. */
  static Path runFolder(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().equals("latest"))
          .findFirst()
          .orElseThrow();
    }
  }
}
