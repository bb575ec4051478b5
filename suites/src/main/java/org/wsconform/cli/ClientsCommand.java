package org.wsconform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.reports.RunFolder;
import org.wsconform.reports.RunTotals;
import org.wsconform.run.CaseResult;
import org.wsconform.run.Scheduler;
import org.wsconform.run.Selection;
import org.wsconform.serve.ClientCase;
import org.wsconform.serve.ClientCatalogue;
import org.wsconform.serve.ClientLauncher;
import org.wsconform.serve.ClientProfile;
import org.wsconform.serve.FuzzingServer;
import org.wsconform.serve.ServerCaseRunner;
import org.wsconform.session.SessionSettings;
import org.wsconform.targets.ReferenceClient;
import org.wsconform.verdict.Gate.FailOn;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.WireLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wsconform clients}: WebSocket clients against the client catalogue. wsconform is the
 * server (its fuzzing server on loopback), launches each client once per case (or once as a
 * driver), and writes one run folder per client in the same contract as a server run.
 */
@Command(
    name = "clients",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Tests WebSocket clients: wsconform plays the server side of every case that applies to a client",
      "(Autobahn's client cases 1.* to 13.*, numbered 1-517 as in Autobahn, then wsconform's own CH.*, CA.*, CM.*,",
      "CC.*, CX.* client cases) and launches each client against it. With no client named it runs the reference",
      "client, the embedded Jetty WebSocket client.",
      "",
      "A client is a profile in targets/clients/<name>.properties, or a command: it runs once per case with {url}",
      "replaced by that case's URL (connect, echo every message back with its type, until the server closes), or",
      "once for the whole run with {base} replaced by the server's base URL (an Autobahn client driver that calls",
      "/getCaseCount, /runCase?case=N&agent={agent} and /updateReports itself; {cases} lists the selected numbers)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  wsconform clients                                   # the reference client, every case",
      "  wsconform clients --client ws --client chromium --cases '1.*,CH.*'",
      "  wsconform clients --client-cmd 'node my-client.js {url}' --agent my-client",
      "  wsconform clients --client-cmd 'python3 driver.py {base} {agent}' --agent my-client",
      "",
      "Exit codes: 0 every gated case passed; 1 a case FAILED or ERROR; 2 bad usage (unknown client, bad pattern)."
    })
public final class ClientsCommand implements Callable<Integer> {
  @Option(
      names = "--client",
      paramLabel = "NAME",
      description = "a client profile (targets/clients/NAME.properties) or 'reference'; repeatable")
  List<String> clients = new ArrayList<>();

  @Option(
      names = "--client-cmd",
      paramLabel = "CMD",
      description =
          "a client command with {url} (per case) or {base} (a driver run once); repeatable")
  List<String> commands = new ArrayList<>();

  @Option(
      names = "--agent",
      paramLabel = "NAME",
      description =
          "the agent name of a --client-cmd client in reports (default: client-1, client-2, ...)")
  List<String> agents = new ArrayList<>();

  @Option(names = "--cases", paramLabel = "PATTERNS", description = "case patterns, as for a run")
  String cases;

  @Option(names = "--exclude", paramLabel = "PATTERNS", description = "case patterns to leave out")
  String exclude;

  @Option(
      names = "--deflate-round-trips",
      paramLabel = "N",
      defaultValue = "1000",
      description = "round trips per 12.*/13.* case (default: Autobahn's ${DEFAULT-VALUE})")
  int deflateRoundTrips;

  @Option(
      names = {"-j", "--parallel"},
      paramLabel = "N",
      description = "cases at once (default: the CPU count); timed cases always run alone")
  Integer parallel;

  @Option(
      names = "--timeout-scale",
      paramLabel = "X",
      defaultValue = "1",
      description = "multiply every timer and deadline by X (default: ${DEFAULT-VALUE})")
  double timeoutScale;

  @Option(names = "--strict", description = "NON-STRICT, WRONG CODE and UNCLEAN fail the run too")
  boolean strict;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      description = "where run folders go (default: reports/out)")
  Path out;

  @Option(
      names = "--list",
      description = "list the selected client cases with their numbers and exit")
  boolean list;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Path home = Path.of(System.getProperty("wsconform.home", "."));
    if (deflateRoundTrips < 1 || !(timeoutScale > 0) || (parallel != null && parallel < 1)) {
      stderr.println(
          "wsconform clients: --deflate-round-trips and --parallel must be at least 1 and"
              + " --timeout-scale positive");
      return 2;
    }
    List<ClientCase> catalogue = ClientCatalogue.all(deflateRoundTrips);
    List<ClientCase> selected;
    try {
      selected = select(catalogue, cases, exclude);
    } catch (Selection.UnknownCase e) {
      stderr.println("wsconform clients: " + e.getMessage());
      return 2;
    }
    if (list) {
      for (ClientCase c : selected) {
        stdout.printf(
            "%4d %-9s %-13s %s  [%s]%n",
            c.number(),
            c.id(),
            c.testCase().requirement(),
            c.testCase().title(),
            c.testCase().rfc());
      }
      stdout.println(selected.size() + " cases");
      return 0;
    }
    List<ClientProfile> profiles = new ArrayList<>();
    try {
      for (String name : clients) {
        profiles.add(
            name.equals(ClientProfile.REFERENCE)
                ? ClientProfile.reference(ReferenceClient.version())
                : ClientProfile.load(home.resolve("targets").resolve("clients"), name));
      }
      for (int i = 0; i < commands.size(); i++) {
        String agent = i < agents.size() ? agents.get(i) : "client-" + (i + 1);
        String cmd = commands.get(i);
        if (!cmd.contains("{url}") && !cmd.contains("{base}")) {
          throw new IllegalArgumentException(
              "--client-cmd '"
                  + cmd
                  + "' names neither {url} (run once per case) nor {base} (a driver run once)");
        }
        profiles.add(ClientProfile.command(cmd, agent));
      }
    } catch (IllegalArgumentException e) {
      stderr.println("wsconform clients: " + e.getMessage());
      return 2;
    }
    if (profiles.isEmpty()) profiles.add(ClientProfile.reference(ReferenceClient.version()));
    Path outBase = out != null ? out : home.resolve("reports").resolve("out");
    int n = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
    FuzzingServer server =
        FuzzingServer.start(
            new FuzzingServer.Settings(
                InetAddress.getLoopbackAddress(),
                0,
                null,
                outBase,
                catalogue,
                deflateRoundTrips,
                new SessionSettings(timeoutScale, 256L << 20, null),
                FailOn.of(strict),
                false,
                null,
                line -> {
                  // the per-case lines are this command's own; the server's faults are shown
                  if (line.startsWith("wsconform serve:")) {
                    synchronized (stderr) {
                      stderr.println(line);
                      stderr.flush();
                    }
                  }
                }));
    boolean anyFailed = false;
    try {
      stdout.println(
          "wsconform clients: serving "
              + Plural.of(selected.size(), "case")
              + " at "
              + server.base()
              + " to "
              + profiles.stream().map(ClientProfile::agent).collect(Collectors.joining(", ")));
      stdout.flush();
      for (ClientProfile p : profiles) {
        RunTotals t = runClient(server, p, selected, n, stdout);
        anyFailed |= t == null || t.anyFailedOrError();
      }
    } finally {
      server.close();
    }
    return anyFailed ? 1 : 0;
  }

  private RunTotals runClient(
      FuzzingServer server, ClientProfile p, List<ClientCase> selected, int n, PrintWriter stdout)
      throws Exception {
    long t0 = System.nanoTime();
    RunFolder folder = server.open(p.agent(), p.browser(), p.identity());
    AtomicInteger done = new AtomicInteger();
    server.manage(p.agent());
    try (ClientLauncher launcher = new ClientLauncher(p, folder.dir().resolve("client.log"))) {
      if (p.isDriver()) {
        launcher.runDriver(
            server.base(), selected.stream().map(ClientCase::number).toList(), Duration.ofHours(6));
        recordNeverRun(server, p, selected);
      } else {
        Map<String, ClientCase> byId =
            selected.stream().collect(Collectors.toMap(ClientCase::id, Function.identity()));
        List<ConformanceCase> tcs = selected.stream().map(ClientCase::testCase).toList();
        Scheduler s =
            new Scheduler(
                tcs,
                n,
                c -> {
                  CaseResult r = runOne(server, launcher, p, byId.get(c.id()));
                  int k = done.incrementAndGet();
                  if (r.outcome() != Outcome.PASSED) {
                    synchronized (stdout) {
                      stdout.printf(
                          "  [%d/%d] %-9s %s / %s: %s%n",
                          k,
                          tcs.size(),
                          c.id(),
                          r.judgement().behavior().label(),
                          r.judgement().behaviorClose().label(),
                          r.reason());
                      stdout.flush();
                    }
                  }
                  return r;
                });
        s.start();
        for (ConformanceCase c : tcs) s.resultOf(c);
      }
    }
    server.release(p.agent());
    RunTotals t = server.updateReports(p.agent()).orElse(null);
    double secs = (System.nanoTime() - t0) / 1e9;
    if (t == null) {
      stdout.printf("%s: no case was run (did the client connect?) in %.1f s%n", p.agent(), secs);
    } else {
      stdout.printf(
          "%s: %s in %.1f s: %d passed, %d failed, %d error%n  report: %s%n",
          p.agent(),
          Plural.of(t.cases(), "case"),
          secs,
          t.count(Outcome.PASSED),
          t.count(Outcome.FAILED),
          t.count(Outcome.ERROR),
          folder.dir().resolve("index.html").toAbsolutePath());
    }
    stdout.flush();
    return t;
  }

  /**
   * A driver decides itself which cases it runs: every selected case it never connected for is
   * recorded as ERROR, so the run folder names every case and the gate sees the gap.
   */
  private static void recordNeverRun(
      FuzzingServer server, ClientProfile p, List<ClientCase> selected) throws IOException {
    Set<String> ran =
        server.results(p.agent()).stream().map(r -> r.testCase().id()).collect(Collectors.toSet());
    for (ClientCase c : selected) {
      if (ran.contains(c.id())) continue;
      String why =
          "the client driver never opened a connection for case "
              + c.id()
              + " (/runCase?case="
              + c.number()
              + "&agent="
              + p.agent()
              + "): see client.log in the run folder";
      server.record(
          p.agent(),
          c,
          ServerCaseRunner.error(
              c.testCase(), why, null, null, Instant.now(), System.nanoTime(), new WireLog()));
    }
  }

  /** One case: launch the client for it, then wait for the server's verdict. */
  private static CaseResult runOne(
      FuzzingServer server, ClientLauncher launcher, ClientProfile p, ClientCase c) {
    CompletableFuture<CaseResult> result = server.awaitCase(p.agent(), c.id());
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Duration deadline = Duration.ofMillis((long) ((c.testCase().deadlineSeconds() + 10) * 1000));
    String why;
    try {
      launcher.runCase(server.runCaseUrl(c.number(), p.agent()), deadline, result);
      return result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      why =
          "the client never opened a connection for case "
              + c.id()
              + " (/runCase?case="
              + c.number()
              + ") within "
              + deadline.toSeconds()
              + " s: see client.log in the run folder";
    } catch (Exception e) {
      why = "the client could not be run for case " + c.id() + ": " + e.getMessage();
    }
    if (result.isDone()) return result.join();
    CaseResult r =
        ServerCaseRunner.error(c.testCase(), why, null, null, started, t0, new WireLog());
    try {
      server.record(p.agent(), c, r);
    } catch (Exception e) {
      // the folder could not be written: the console line still says why
    }
    return r;
  }

  static List<ClientCase> select(List<ClientCase> catalogue, String include, String exclude) {
    List<ConformanceCase> chosen =
        Selection.parse(include, exclude)
            .apply(catalogue.stream().map(ClientCase::testCase).toList());
    return catalogue.stream().filter(c -> chosen.contains(c.testCase())).toList();
  }
}
