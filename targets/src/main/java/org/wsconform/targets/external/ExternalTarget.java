package org.wsconform.targets.external;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real implementation started as a child process from {@code targets/external/<name>/}: its
 * {@code install.sh} is run first (pinned packages, once), then {@code start.sh} (or the given
 * command) with port 0. The process itself prints {@code listening on ws://127.0.0.1:PORT/}, so
 * the port is known to belong to the process we started — never someone else's server on a
 * fixed port. Stopped with SIGTERM, then SIGKILL after a grace period.
 */
public final class ExternalTarget implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (wss?://[^\\s]+)");

  private final String name;
  private final Process process;
  private final URI uri;
  private final List<String> output;

  private ExternalTarget(String name, Process process, URI uri, List<String> output) {
    this.name = name;
    this.process = process;
    this.uri = uri;
    this.output = output;
  }

  /** The folder of the named target under {@code <home>/targets/external}. */
  public static Path dir(Path home, String name) {
    return home.resolve("targets").resolve("external").resolve(name);
  }

  /**
   * Installs (if needed) and starts the target, waiting until it says where it listens.
   *
   * @param command the start command run in the target's folder, e.g. {@code node echo.mjs 0 1}
   */
  public static ExternalTarget start(Path home, String name, List<String> command, Duration ready) throws IOException {
    Path dir = dir(home, name);
    if (!Files.isDirectory(dir)) throw new IOException("no target folder " + dir);
    Path install = dir.resolve("install.sh");
    if (Files.exists(install)) run(dir, List.of("bash", install.toString()), Duration.ofMinutes(5));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    Process p = pb.start();
    List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    BlockingQueue<URI> found = new ArrayBlockingQueue<>(1);
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (output.size() < 500) output.add(line);
          Matcher m = LISTENING.matcher(line);
          if (m.find()) found.offer(URI.create(m.group(1)));
        }
      } catch (IOException ignored) {
        // the process ended; its output so far is kept for the error message
      }
    }, "wsconform-target-" + name);
    pump.setDaemon(true);
    pump.start();
    try {
      URI uri = found.poll(ready.toMillis(), TimeUnit.MILLISECONDS);
      if (uri == null) {
        stop(p);
        throw new IOException("target '" + name + "' did not report 'listening on ws://…' within " + ready.toMillis()
            + " ms" + (p.isAlive() ? "" : " (it exited with " + p.exitValue() + ")") + "; its output: " + output);
      }
      return new ExternalTarget(name, p, uri, output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(p);
      throw new IOException("interrupted while starting " + name, e);
    }
  }

  private static void run(Path dir, List<String> cmd, Duration limit) throws IOException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + " did not finish within " + limit);
      }
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
            + new String(out, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted: " + cmd, e);
    }
  }

  public String name() {
    return name;
  }

  public URI uri() {
    return uri;
  }

  public long pid() {
    return process.pid();
  }

  public List<String> output() {
    return List.copyOf(output);
  }

  private static void stop(Process p) {
    p.destroy(); // SIGTERM
    try {
      if (!p.waitFor(3, TimeUnit.SECONDS)) {
        p.destroyForcibly(); // SIGKILL: e.g. workerd holding an unanswered close ignores SIGTERM
        p.waitFor(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  @Override
  public void close() {
    stop(process);
  }
}
