package org.wsconform.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.wsconform.reports.RunFolder;
import org.wsconform.reports.RunTotals;
import org.wsconform.reports.TargetIdentity;
import org.wsconform.run.CaseResult;
import org.wsconform.session.SessionSettings;
import org.wsconform.verdict.Gate.FailOn;
import org.wsconform.wire.RequestHead;
import org.wsconform.wire.RequestReader;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * wsconform as the server: a drop-in for Autobahn|Testsuite's fuzzing server, so that the client
 * drivers projects already have work unchanged. Every path is a WebSocket endpoint, as in Autobahn:
 * {@code /getCaseCount}, {@code /getCaseInfo?case=N}, {@code /getCaseStatus?case=N&agent=A} and
 * {@code /updateReports?agent=A} answer with one text message and close; {@code
 * /runCase?case=N&agent=A} (or {@code casetuple=1.1.1}) runs a case on the connection, the client
 * echoing every message; {@code /stopServer} stops. A plain HTTP GET of the information paths is
 * answered in plain text too (for curl).
 */
public final class FuzzingServer implements AutoCloseable {
  /**
   * @param bind the address to listen on (loopback unless the user gives another)
   * @param port 0 for any free port
   * @param tls null for ws://
   * @param outBase where run folders go (one per agent and report update)
   * @param cases the numbered cases served
   * @param browser the client under test is a browser (it must send Origin)
   * @param identity what the client is, for run.json and the report (or null)
   * @param console one line per finished case and per report written
   */
  public record Settings(
      InetAddress bind,
      int port,
      SSLContext tls,
      Path outBase,
      List<ClientCase> cases,
      int deflateRoundTrips,
      SessionSettings session,
      FailOn level,
      boolean browser,
      TargetIdentity identity,
      Consumer<String> console) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long a client may take to send its request (Autobahn's openHandshakeTimeout). */
  private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(5);

  private final Settings settings;
  private final ServerSocket socket;
  private final ExecutorService connections;
  private final Thread acceptor;
  private final Map<String, AgentRun> runs = new ConcurrentHashMap<>();

  /**
   * Agents whose run 'wsconform clients' owns: their driver's /updateReports is acknowledged but
   * the command writes the reports once it has recorded the cases the driver never ran.
   */
  private final Set<String> managed = ConcurrentHashMap.newKeySet();

  /** How long reports wait for cases still being served (a case's own deadline bounds them). */
  private static final Duration REPORTS_WAIT = Duration.ofMinutes(10);

  private final Map<String, RunFolder> reported = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<CaseResult>> awaited = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch reportsWritten = new CountDownLatch(1);
  private volatile boolean closing;

  private FuzzingServer(Settings settings, ServerSocket socket) {
    this.settings = settings;
    this.socket = socket;
    this.connections =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "wsconform-serve");
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::accept, "wsconform-serve-accept");
    acceptor.setDaemon(true);
  }

  /** Listens and serves until {@link #close()} or {@code /stopServer}. */
  public static FuzzingServer start(Settings s) throws IOException {
    ServerSocket ss =
        s.tls() == null
            ? new ServerSocket()
            : s.tls().getServerSocketFactory().createServerSocket();
    ss.setReuseAddress(true);
    ss.bind(new InetSocketAddress(s.bind(), s.port()), 128);
    FuzzingServer f = new FuzzingServer(s, ss);
    f.acceptor.start();
    return f;
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** The base URL clients connect to, e.g. {@code ws://127.0.0.1:9001}. */
  public URI base() {
    String host = settings.bind().getHostAddress();
    if (host.contains(":")) host = "[" + host + "]";
    return URI.create((settings.tls() == null ? "ws" : "wss") + "://" + host + ":" + port());
  }

  public List<ClientCase> cases() {
    return settings.cases();
  }

  /** The URL that runs case number {@code n} for {@code agent}. */
  public URI runCaseUrl(int n, String agent) {
    return URI.create(base() + "/runCase?case=" + n + "&agent=" + encode(agent));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Waits until /stopServer or close; false at the timeout. */
  public boolean awaitStop(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until the first /updateReports has written an agent's reports. */
  public boolean awaitReports(Duration timeout) throws InterruptedException {
    return reportsWritten.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The run folder of the agent's last written reports. */
  public Optional<RunFolder> reportedFolder(String agent) {
    return Optional.ofNullable(reported.get(agent));
  }

  /**
   * Writes the agent's end-of-run reports now (as {@code /updateReports} does).
   *
   * @return the totals, or empty when the agent ran no case since its last reports
   */
  public Optional<RunTotals> updateReports(String agent) throws IOException {
    AgentRun r = runs.remove(agent);
    if (r == null) return Optional.empty();
    RunTotals t;
    try {
      t = r.finish(base() + " (wsconform serve, client " + agent + ")", REPORTS_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + agent + "'s cases in flight", e);
    }
    reported.put(agent, r.folder());
    settings
        .console()
        .accept("reports for " + agent + ": " + r.folder().dir().resolve("index.html"));
    reportsWritten.countDown();
    return Optional.of(t);
  }

  /**
   * The agent's current run, opened now if it has none (a client profile's own browser flag and
   * identity win over the server's defaults).
   */
  public RunFolder open(String agent, boolean browser, TargetIdentity identity) throws IOException {
    return run(agent, browser, identity, false).folder();
  }

  /**
   * The agent's current run, opened if it has none; with {@code begin}, a case is counted in flight
   * in the same atomic step, so /updateReports either waits for it or the case starts a new run.
   */
  private AgentRun run(String agent, boolean browser, TargetIdentity identity, boolean begin)
      throws IOException {
    try {
      return runs.compute(
          agent,
          (a, current) -> {
            AgentRun r = current != null ? current : newRun(a, browser, identity);
            if (begin) r.begin();
            return r;
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private AgentRun newRun(String a, boolean browser, TargetIdentity identity) {
    try {
      return new AgentRun(a, settings.outBase(), browser, identity, settings.deflateRoundTrips());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Hands the agent's run to the caller ('wsconform clients'): until {@link #release}, the agent's
   * own /updateReports does not end the run.
   */
  public void manage(String agent) {
    managed.add(agent);
  }

  public void release(String agent) {
    managed.remove(agent);
  }

  /** Completes when a connection of {@code agent} has run case {@code id} (next time it does). */
  public CompletableFuture<CaseResult> awaitCase(String agent, String id) {
    return awaited.computeIfAbsent(agent + "\u0000" + id, k -> new CompletableFuture<>());
  }

  /**
   * Records a result the server did not observe itself (a client that never connected for a case),
   * so that the run folder names every case.
   */
  public void record(String agent, ClientCase c, CaseResult r) throws IOException {
    AgentRun run = run(agent, settings.browser(), settings.identity(), true);
    try {
      record(run, c, r);
    } finally {
      run.end();
    }
  }

  private void record(AgentRun run, ClientCase c, CaseResult r) {
    run.record(c, r);
    CompletableFuture<CaseResult> f = awaited.remove(run.agent() + "\u0000" + c.id());
    if (f != null) f.complete(r);
  }

  /** The results so far of the agent's current run. */
  public List<CaseResult> results(String agent) {
    AgentRun r = runs.get(agent);
    return r == null ? List.of() : r.results();
  }

  private void accept() {
    while (!closing) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException e) {
        if (closing) return;
        continue; // a failed accept (e.g. a TLS client that gave up) does not stop the server
      }
      connections.execute(() -> serve(s));
    }
  }

  private void serve(Socket s) {
    WireLog log = new WireLog();
    WireConnection conn;
    try {
      s.setTcpNoDelay(true);
      conn = WireConnection.accepted(s, log);
    } catch (IOException e) {
      close(s);
      return;
    }
    RequestHead req;
    try {
      conn.soTimeout(Duration.ofMillis(100));
      long deadline =
          System.nanoTime() + (long) (REQUEST_DEADLINE.toNanos() * settings.session().timeScale());
      req = RequestReader.read(conn.in(), deadline, log::octetsReceived);
      conn.soTimeout(Duration.ZERO);
    } catch (IOException e) {
      conn.close();
      return; // no request, nothing to record: no case was asked for
    }
    try {
      route(conn, req, log);
    } catch (IOException | RuntimeException e) {
      settings.console().accept("wsconform serve: " + req.requestLine() + ": " + e);
      conn.close();
    }
  }

  private void route(WireConnection conn, RequestHead req, WireLog log) throws IOException {
    Map<String, String> q = req.query();
    String agent = q.getOrDefault("agent", "unknown");
    switch (req.path()) {
      case "/runCase" -> runCase(conn, req, log, q, agent);
      case "/getCaseCount" ->
          InformationAnswer.answer(conn, req, Integer.toString(settings.cases().size()));
      case "/getCaseInfo" -> {
        Optional<ClientCase> c = find(q);
        if (c.isEmpty()) {
          refuse(conn, 404, unknownCase(q));
          return;
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", c.get().id());
        info.put("description", c.get().testCase().description());
        InformationAnswer.answer(conn, req, JSON.writeValueAsString(info));
      }
      case "/getCaseStatus" -> {
        Optional<ClientCase> c = find(q);
        if (c.isEmpty()) {
          refuse(conn, 404, unknownCase(q));
          return;
        }
        AgentRun r = runs.get(agent);
        CaseResult res = r == null ? null : r.result(c.get().id());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("behavior", res == null ? "NO_RESULT" : res.judgement().behavior().label());
        InformationAnswer.answer(conn, req, JSON.writeValueAsString(status));
      }
      case "/updateReports" -> {
        if (q.containsKey("agent") && managed.contains(agent)) {
          InformationAnswer.answer(
              conn, req, "reports are written when the 'wsconform clients' run ends");
          return;
        }
        Optional<RunTotals> t = q.containsKey("agent") ? updateReports(agent) : updateAll();
        InformationAnswer.answer(conn, req, t.isPresent() ? "reports written" : "no new results");
      }
      case "/stopServer" -> {
        InformationAnswer.answer(conn, req, "stopping");
        stopped.countDown();
      }
      default ->
          refuse(
              conn,
              404,
              "unknown path '"
                  + req.path()
                  + "': the fuzzing server answers /getCaseCount, /getCaseInfo?case=N,"
                  + " /getCaseStatus?case=N&agent=A, /runCase?case=N&agent=A (or casetuple=1.1.1),"
                  + " /updateReports?agent=A and /stopServer");
    }
  }

  /** Writes the reports of every agent with results since its last reports. */
  public Optional<RunTotals> updateAll() throws IOException {
    Optional<RunTotals> last = Optional.empty();
    for (String agent : List.copyOf(runs.keySet())) {
      if (managed.contains(agent)) continue;
      Optional<RunTotals> t = updateReports(agent);
      if (t.isPresent()) last = t;
    }
    return last;
  }

  private Optional<ClientCase> find(Map<String, String> q) {
    if (q.containsKey("casetuple"))
      return ClientCatalogue.byId(settings.cases(), q.get("casetuple"));
    try {
      return ClientCatalogue.byNumber(
          settings.cases(), Integer.parseInt(q.getOrDefault("case", "")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private String unknownCase(Map<String, String> q) {
    return "no such case: "
        + (q.containsKey("casetuple") ? "casetuple=" + q.get("casetuple") : "case=" + q.get("case"))
        + " (cases are numbered 1 to "
        + settings.cases().size()
        + "; /getCaseCount says how many, /getCaseInfo?case=N which id a number has)";
  }

  private void runCase(
      WireConnection conn, RequestHead req, WireLog log, Map<String, String> q, String agent)
      throws IOException {
    Optional<ClientCase> c = find(q);
    if (c.isEmpty()) {
      refuse(conn, 404, unknownCase(q));
      return;
    }
    Instant received = Instant.now();
    AgentRun run = run(agent, settings.browser(), settings.identity(), true);
    CaseResult r;
    try {
      req.header("Sec-WebSocket-Key").ifPresent(k -> run.history().key(c.get().id(), k.trim()));
      r =
          ServerCaseRunner.run(
              c.get(),
              conn,
              req,
              run.history(),
              log,
              settings.session(),
              settings.level(),
              received);
      // recorded before TCP closes: a driver's /updateReports follows its close at once
      record(run, c.get(), r);
      conn.close();
    } finally {
      run.end();
    }
    settings
        .console()
        .accept(
            String.format(
                "%-4d %-10s %-14s %-16s %s",
                c.get().number(),
                c.get().id(),
                r.judgement().behavior().label(),
                r.judgement().behaviorClose().label(),
                agent));
  }

  private static void refuse(WireConnection conn, int status, String why) throws IOException {
    conn.write(
        UpgradeAnswer.plain(status, status == 404 ? "Not Found" : "Bad Request", why + "\n"),
        0,
        false);
    conn.close();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing more to do with a socket we could not set up
    }
  }

  @Override
  public void close() {
    closing = true;
    stopped.countDown();
    try {
      socket.close();
    } catch (IOException ignored) {
      // the listening socket is gone either way
    }
    connections.shutdownNow();
  }
}
