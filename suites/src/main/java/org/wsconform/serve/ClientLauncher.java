package org.wsconform.serve;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.wsconform.targets.ReferenceClient;

/**
 * Starts the client under test for one case (or, for a driver, once for the run): the embedded
 * Jetty client in this JVM, or the profile's command with {@code {url}}, {@code {base}} and {@code
 * {agent}} filled in. A process's output goes to {@code client.log} in the run's folder.
 */
public final class ClientLauncher implements AutoCloseable {
  private final ClientProfile profile;
  private final Path log;

  /**
   * The embedded Jetty clients not running a case now: one per case running at once, so that
   * concurrent cases share no Jetty HttpClient. A shared one pools HTTP connections: after CA.7's
   * "200 OK" it sent another case's upgrade request on CA.7's connection, so CA.7 judged that
   * request's octets as frames and the other case never saw its request (ERROR after 40 s).
   */
  private final Deque<ReferenceClient> idle = new ArrayDeque<>();

  private final List<ReferenceClient> all = new ArrayList<>();

  public ClientLauncher(ClientProfile profile, Path log) throws Exception {
    this.profile = profile;
    this.log = log;
    if (profile.isReference()) release(take());
  }

  private synchronized ReferenceClient take() throws Exception {
    ReferenceClient c = idle.pollFirst();
    if (c == null) {
      c = new ReferenceClient();
      all.add(c);
    }
    return c;
  }

  private synchronized void release(ReferenceClient c) {
    idle.addFirst(c);
  }

  /**
   * Runs the client for one case and returns when it exits, or at {@code deadline} (then it is
   * stopped: the server's own deadlines have ended the case by then).
   */
  public void runCase(URI caseUrl, Duration deadline) throws Exception {
    runCase(caseUrl, deadline, CompletableFuture.completedFuture(null));
  }

  /**
   * As {@link #runCase(URI, Duration)}; the embedded Jetty client is kept from other cases until
   * {@code judged} completes (or the deadline), so that a connection it keeps after a failed
   * upgrade is judged as this case's before that client starts another case (and drops it).
   */
  public void runCase(URI caseUrl, Duration deadline, CompletableFuture<?> judged)
      throws Exception {
    if (profile.isReference()) {
      ReferenceClient reference = take();
      long until = System.nanoTime() + deadline.toNanos();
      try {
        reference.runCase(URI.create(base(caseUrl)), number(caseUrl), agent(), deadline);
        long left = until - System.nanoTime();
        if (left > 0) {
          try {
            judged.get(left, TimeUnit.NANOSECONDS);
          } catch (TimeoutException | ExecutionException e) {
            // the caller reports a case that was never judged; the client is free again
          }
        }
      } finally {
        release(reference);
      }
      return;
    }
    Process p = start(profile.command().replace("{url}", caseUrl.toString()));
    waitFor(p, deadline);
  }

  /**
   * Runs a driver command once for the whole run ({@code {base}}), up to {@code deadline}; {@code
   * {cases}} becomes the selected case numbers joined by commas.
   */
  public void runDriver(URI base, List<Integer> cases, Duration deadline) throws Exception {
    String numbers = String.join(",", cases.stream().map(String::valueOf).toList());
    Process p =
        start(profile.command().replace("{base}", base.toString()).replace("{cases}", numbers));
    waitFor(p, deadline);
  }

  private Process start(String command) throws IOException {
    List<String> argv = new ArrayList<>(List.of("sh", "-c", expand(command)));
    ProcessBuilder pb = new ProcessBuilder(argv);
    if (profile.dir() != null) pb.directory(profile.dir().toFile());
    File out = log.toFile();
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(out));
    try {
      return pb.start();
    } catch (IOException e) {
      throw new IOException(
          "cannot start the client command '"
              + command
              + "' in "
              + pb.directory()
              + ": "
              + e.getMessage()
              + " (is it installed? see targets/clients/README.md)",
          e);
    }
  }

  /**
   * {@code {agent}}, and for a client that runs on this JVM's own classes (the faulty client):
   * {@code {java}} (this JVM's java binary) and {@code {classpath}} (this JVM's class path), both
   * quoted for the shell.
   */
  String expand(String command) {
    return command
        .replace("{agent}", agent())
        .replace(
            "{java}", quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()))
        .replace("{classpath}", quote(System.getProperty("java.class.path")));
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static void waitFor(Process p, Duration deadline) throws InterruptedException {
    if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private String agent() {
    return profile.agent();
  }

  private static String base(URI caseUrl) {
    return caseUrl.getScheme() + "://" + caseUrl.getRawAuthority();
  }

  private static int number(URI caseUrl) {
    for (String kv : caseUrl.getRawQuery().split("&")) {
      if (kv.startsWith("case=")) return Integer.parseInt(kv.substring(5));
    }
    throw new IllegalArgumentException("no case number in " + caseUrl);
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    for (ReferenceClient c : all) {
      try {
        c.close();
      } catch (Exception e) {
        if (first == null) first = e;
      }
    }
    if (first != null) throw first;
  }
}
