package org.wsconform.targets.external;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real implementation started as a child process from {@code targets/external/<name>/}.
 *
 * <ol>
 *   <li>Install: the folder's {@code install.sh} runs first (pinned packages, a no-op once done),
 *       under a lock so that two runs never install the same target at once.
 *   <li>Start: the command (e.g. {@code bash start.sh 0 1}) runs in the folder and binds 127.0.0.1
 *       on port 0 (or a port it checked free); the process prints {@code listening on
 *       ws://127.0.0.1:PORT/} once it accepts connections.
 *   <li>Ownership: on Linux the socket listening on that port must belong to the started process or
 *       one of its descendants (another server on this machine may listen on a port the launcher
 *       wrongly announced), and the address must be loopback.
 *   <li>Readiness: a plain HTTP GET must get an HTTP status line back (any status) before the
 *       deadline, so the first case never meets a half-started server.
 *   <li>Stop: SIGTERM to the process and every descendant, SIGKILL to whatever is left after a
 *       grace period (workerd holding a close it never answered ignores SIGTERM); a shutdown hook
 *       does the same if the JVM exits first.
 * </ol>
 */
public final class ExternalTarget implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (wss?://[^\\s]+)");
  private static final Duration INSTALL_LIMIT = Duration.ofMinutes(15);
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);
  private static final int OUTPUT_LINES = 300;

  private final String name;
  private final Process process;
  private final URI uri;
  private final Deque<String> output;
  private final Thread shutdownHook;
  private volatile Duration grace = DEFAULT_GRACE;
  private boolean closed;

  private ExternalTarget(String name, Process process, URI uri, Deque<String> output) {
    this.name = name;
    this.process = process;
    this.uri = uri;
    this.output = output;
    this.shutdownHook = new Thread(() -> stop(process, grace), "wsconform-stop-" + name);
  }

  /** The folder of the named target under {@code <home>/targets/external}. */
  public static Path dir(Path home, String name) {
    return home.resolve("targets").resolve("external").resolve(name);
  }

  /**
   * Installs (if needed) and starts the target, waiting until it says where it listens, that
   * address is checked to be its own, and it answers HTTP.
   *
   * @param command the start command run in the target's folder, e.g. {@code node echo.mjs 0 1}
   * @param ready how long the started process has to become ready (installing is not counted)
   * @throws IOException the install failed, the process did not become ready in time, or the port
   *     it announced is not its own; the message carries its output
   */
  public static ExternalTarget start(Path home, String name, List<String> command, Duration ready)
      throws IOException {
    Path dir = dir(home, name);
    if (!Files.isDirectory(dir)) throw new IOException("no target folder " + dir);
    install(dir, name);
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    Deque<String> output = new ArrayDeque<>();
    BlockingQueue<URI> found = new ArrayBlockingQueue<>(1);
    Thread pump =
        new Thread(() -> pump(p.getInputStream(), output, found), "wsconform-target-" + name);
    pump.setDaemon(true);
    pump.start();
    long deadline = System.nanoTime() + ready.toNanos();
    try {
      URI uri = found.poll(ready.toMillis(), TimeUnit.MILLISECONDS);
      if (uri == null) {
        throw new IOException(
            "target '"
                + name
                + "' did not print 'listening on ws://…' within "
                + ready.toMillis()
                + " ms"
                + (p.isAlive() ? "" : " (it exited with " + p.exitValue() + ")")
                + "; its output: "
                + tail(output));
      }
      checkLoopback(name, uri);
      checkOwner(name, uri.getPort(), p);
      awaitHttp(name, uri, p, deadline, output);
      ExternalTarget t = new ExternalTarget(name, p, uri, output);
      Runtime.getRuntime().addShutdownHook(t.shutdownHook);
      return t;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(p, DEFAULT_GRACE);
      throw new IOException("interrupted while starting " + name, e);
    } catch (IOException | RuntimeException e) {
      stop(p, DEFAULT_GRACE);
      throw e;
    }
  }

  private static void pump(InputStream in, Deque<String> output, BlockingQueue<URI> found) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (output) {
          if (output.size() == OUTPUT_LINES) output.removeFirst();
          output.addLast(line);
        }
        Matcher m = LISTENING.matcher(line);
        if (m.find()) found.offer(URI.create(m.group(1)));
      }
    } catch (IOException | IllegalArgumentException ignored) {
      // the process ended (or printed a malformed URL, which then times out with its output)
    }
  }

  private static String tail(Deque<String> output) {
    synchronized (output) {
      List<String> l = new ArrayList<>(output);
      return l.isEmpty()
          ? "(none)"
          : String.join("\n  ", l.subList(Math.max(0, l.size() - 40), l.size()));
    }
  }

  /** Runs install.sh under a lock in the temp folder (not in the source tree). */
  private static void install(Path dir, String name) throws IOException {
    Path script = dir.resolve("install.sh");
    if (!Files.exists(script)) return;
    Path lockFile =
        Path.of(System.getProperty("java.io.tmpdir"))
            .resolve(
                "wsconform-install-"
                    + name
                    + "-"
                    + Integer.toHexString(dir.toAbsolutePath().normalize().hashCode())
                    + ".lock");
    try (FileChannel ch =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      Path log = Files.createTempFile("wsconform-install-" + name, ".log");
      try {
        Process p =
            new ProcessBuilder("bash", script.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(INSTALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          stop(p, DEFAULT_GRACE);
          throw new IOException(
              script
                  + " did not finish within "
                  + INSTALL_LIMIT.toMinutes()
                  + " min; its output: "
                  + lastLines(log));
        }
        if (p.exitValue() != 0) {
          throw new IOException(
              script + " failed (exit " + p.exitValue() + "); its output: " + lastLines(log));
        }
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while installing " + name, e);
    }
  }

  private static String lastLines(Path log) throws IOException {
    List<String> l = Files.readAllLines(log, StandardCharsets.UTF_8);
    return "\n  " + String.join("\n  ", l.subList(Math.max(0, l.size() - 40), l.size()));
  }

  private static void checkLoopback(String name, URI uri) throws IOException {
    String h = uri.getHost();
    if (uri.getPort() <= 0
        || h == null
        || !(h.startsWith("127.") || h.equals("localhost") || h.equals("[::1]"))) {
      throw new IOException(
          "target '"
              + name
              + "' announced "
              + uri
              + ": expected a loopback address with a port"
              + " (external targets listen on 127.0.0.1 only)");
    }
  }

  /**
   * The socket listening on the announced port must be held by the started process or a descendant.
   */
  private static void checkOwner(String name, int port, Process p) throws IOException {
    if (!ListeningSockets.available()) return; // not Linux: the announced port is taken on trust
    Set<String> inodes = ListeningSockets.inodes(port);
    if (inodes.isEmpty()) {
      throw new IOException(
          "target '" + name + "' announced port " + port + " but nothing listens there");
    }
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(p.toHandle());
    p.descendants().forEach(tree::add);
    for (ProcessHandle h : tree) if (ListeningSockets.holds(h.pid(), inodes)) return;
    String other = ListeningSockets.anyHolder(inodes).orElse("a process this user cannot inspect");
    throw new IOException(
        "target '"
            + name
            + "' announced port "
            + port
            + ", but the socket listening there belongs to "
            + other
            + ", not to the started process (pid "
            + p.pid()
            + ") or its children: refusing to test someone else's"
            + " server");
  }

  /** Waits until a plain GET gets an HTTP status line back, or the deadline passes. */
  private static void awaitHttp(
      String name, URI uri, Process p, long deadline, Deque<String> output)
      throws IOException, InterruptedException {
    String last = "no attempt";
    long backoffMs = 10;
    while (true) {
      if (!p.isAlive()) {
        throw new IOException(
            "target '"
                + name
                + "' exited with "
                + p.exitValue()
                + " before answering HTTP; its output: "
                + tail(output));
      }
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new IOException(
            "target '"
                + name
                + "' announced "
                + uri
                + " but gave no HTTP answer before the deadline ("
                + last
                + "); its output: "
                + tail(output));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) Math.min(left, 2000));
        s.setSoTimeout((int) Math.min(Math.max(left, 1), 5000));
        OutputStream out = s.getOutputStream();
        out.write(
            ("GET "
                    + (uri.getRawPath() == null || uri.getRawPath().isEmpty()
                        ? "/"
                        : uri.getRawPath())
                    + " HTTP/1.1\r\nHost: "
                    + uri.getHost()
                    + ":"
                    + uri.getPort()
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] head = s.getInputStream().readNBytes(7);
        if (new String(head, StandardCharsets.US_ASCII).equals("HTTP/1.")) return;
        last =
            "answered "
                + (head.length == 0
                    ? "nothing (closed)"
                    : "'" + new String(head, StandardCharsets.ISO_8859_1) + "'");
      } catch (ConnectException | SocketTimeoutException e) {
        last = e.toString();
      }
      // the process said it listens but its application is not up yet: try again shortly,
      // bounded by the deadline above (there is no event to wait on in another process)
      TimeUnit.MILLISECONDS.sleep(
          Math.min(backoffMs, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      backoffMs = Math.min(backoffMs * 2, 200);
    }
  }

  /**
   * SIGTERM to the process and all its descendants (taken before any of them exits, so a child
   * re-parented to init is not forgotten), SIGKILL to the survivors after {@code grace}.
   */
  static void stop(Process p, Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(p.toHandle());
    p.descendants().forEach(tree::add);
    tree.forEach(ProcessHandle::destroy);
    List<ProcessHandle> left = awaitEnd(tree, grace);
    if (left.isEmpty()) return;
    left.forEach(ProcessHandle::destroyForcibly);
    awaitEnd(left, grace);
  }

  private static List<ProcessHandle> awaitEnd(List<ProcessHandle> handles, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    List<ProcessHandle> left = new ArrayList<>(handles);
    while (true) {
      left.removeIf(ListeningSockets::ended);
      long ms = (deadline - System.nanoTime()) / 1_000_000;
      if (left.isEmpty() || ms <= 0) return left;
      try {
        // onExit completes for a child at once; for a re-parented grandchild that stays a zombie
        // it would not, hence the bounded wait and the zombie-aware check above
        CompletableFuture.anyOf(
                left.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
            .get(Math.min(ms, 50), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // check again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        left.forEach(ProcessHandle::destroyForcibly);
        return left;
      }
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

  /** The process and the children it started (nginx's workers, workerd under its wrapper). */
  public List<ProcessHandle> processes() {
    List<ProcessHandle> l = new ArrayList<>();
    l.add(process.toHandle());
    process.descendants().forEach(l::add);
    return l;
  }

  /** The last lines the process printed (stdout and stderr). */
  public List<String> output() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /** How long {@link #close()} waits after SIGTERM before SIGKILL (default 3 s). */
  public ExternalTarget stopGrace(Duration d) {
    this.grace = d;
    return this;
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it stops the process itself
    }
    stop(process, grace);
  }
}
