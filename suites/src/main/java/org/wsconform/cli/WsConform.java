package org.wsconform.cli;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.PeerNeeds;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.reports.RunTotals;
import org.wsconform.run.Preflight;
import org.wsconform.run.Redaction;
import org.wsconform.run.RunConfig;
import org.wsconform.run.RunContext;
import org.wsconform.run.Selection;
import org.wsconform.run.ShardPlan;
import org.wsconform.run.Targets;
import org.wsconform.session.PeerModel;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Header;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command a person types: scripts/wsconform. */
@Command(
    name = "wsconform",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    subcommands = {
      CommandLine.HelpCommand.class,
      CompareCommand.class,
      DiffCommand.class,
      ClientsCommand.class,
      ServeCommand.class,
      MergeCommand.class,
      PerfCommand.class
    },
    sortOptions = false,
    // the text is written for 120 columns; a wider terminal gets its own width
    usageHelpWidth = 120,
    usageHelpAutoWidth = true,
    description = {
      "Drives a WebSocket server through conformance cases — the opening handshake (H.*), the 101 response (R.*),",
      "and Autobahn|Testsuite's cases with Autobahn's ids and verdicts — and writes the verdicts with their wire",
      "evidence as JSON, JUnit XML and Allure results.",
      "",
      "With no options it starts the embedded reference server (Jetty 12) and runs every case against it: about",
      "11 minutes on 2 cores, nearly all of it 12.*/13.*; --deflate-round-trips 50 takes about 1 minute,",
      "--exclude '12.*,13.*' about half a minute. Each run says what it will run and how long before it starts."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  wsconform                                        # every case vs the embedded reference server",
      "  wsconform --target ws://127.0.0.1:9001/          # a local server",
      "  wsconform --target wss://echo.example.com/ws -H \"Authorization: Bearer $TOKEN\"",
      "  wsconform --cases '1.*,2.*' --exclude 2.10       # a selection (Autobahn's patterns)",
      "  wsconform --list --cases 'H.*'                   # what would run",
      "  wsconform --shard 2/3 --out shard-2              # a third of the cases (CI job 2 of 3);",
      "  wsconform merge merged shard-1 shard-2 shard-3   # ... then one run of the three",
      "  wsconform --target my-app --peer dialogue        # an application endpoint, not an echo server",
      "",
      "Application endpoints (README: Testing your own application endpoint): profile keys peer=echo|silent|dialogue",
      "(--peer wins), dialogue.request=text:<text>|binary:<hex> (.N= for several, sent in order), dialogue.reply=",
      "json:<field>=<value>|regex:<java regex>|exact:<text>|hex:<hex> (the reply to the last request; .N= pairs",
      "with request N), dialogue.heartbeat=<ping>-><pong> (.N=), dialogue.unsolicited=<pattern> (.N=).",
      "A case that needs an echo runs adapted (a ping or the dialogue request follows its message) or is",
      "NOT APPLICABLE with the reason; each record says which peer model ran and how (details.peer, .adaptation).",
      "",
      "Verdicts (two per case, as Autobahn): behavior OK, NON-STRICT (a SHOULD is missed), INFORMATIONAL,",
      "UNIMPLEMENTED (e.g. no compression), FAILED (a MUST is broken); behaviorClose OK, WRONG CODE, UNCLEAN,",
      "FAILED BY CLIENT, FAILED. ERROR means the harness could not run the case (never the target's fault);",
      "NOT APPLICABLE means the case cannot test this peer (--peer silent|dialogue), with the reason: skipped.",
      "",
      "Results: reports/out/<run-id>/ (reports/out/latest points at the newest): index.html (the report: open it",
      "in a browser), summary.md, results.jsonl (streamed), index.json (Autobahn's shape), cases/*.json (wire logs),",
      "junit/TEST-wsconform.xml, allure-results/, run.json; baseline-diff.html with --baseline, allure-report/ with",
      "--allure.",
      "",
      "Exit codes: 0 every gated case passed; 1 a case FAILED (or ERROR); 2 bad usage (bad URL, unknown case",
      "pattern or profile); 3 the target could not be reached at all (when TLS failed, the results folder",
      "still records every selected case as ERROR with the reason).",
      "",
      "More: README.md (profiles, gating CI, verdicts, performance), docs/deployed-endpoints.md (TLS, proxies,",
      "secrets, hostile servers), docs/comparison.md (real implementations side by side). JVM options for a run:",
      "WSCONFORM_JAVA_OPTS (default -Xss512k -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)."
    })
public final class WsConform implements Callable<Integer> {
  @Option(
      names = {"-t", "--target"},
      paramLabel = "URL|PROFILE",
      description =
          "ws:// or wss:// URL, or a profile name from targets/profiles/ (default: the embedded reference server)")
  String target;

  @Option(
      names = "--cases",
      paramLabel = "PATTERNS",
      description =
          "comma-separated case patterns: '1.*', '6.4.1', 'H.*' ('.' literal, '*' any; anchored at the start)")
  String cases;

  @Option(
      names = "--exclude",
      paramLabel = "PATTERNS",
      description = "comma-separated patterns to leave out")
  String exclude;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "'Name: value'",
      description =
          "an extra header for every upgrade request (repeatable), e.g. -H 'Authorization: Bearer x'")
  List<String> headers = new ArrayList<>();

  @Option(
      names = "--timeout-scale",
      paramLabel = "X",
      defaultValue = "1",
      description =
          "multiply every timer and deadline by X, for slow links or debugging (default: ${DEFAULT-VALUE})")
  double timeoutScale;

  @Option(
      names = "--peer",
      paramLabel = "MODEL",
      description =
          "what the target's application does with messages: echo (every message back, the"
              + " default), silent (never sends application data), dialogue (the profile's"
              + " dialogue.request/.reply/.heartbeat/.unsolicited); overrides the profile's peer=."
              + " Under silent and dialogue a case that needs an echo runs adapted (a ping, or the"
              + " dialogue request, follows its message and must be answered) or is NOT APPLICABLE"
              + " with the reason; with --list, says which")
  String peer;

  @Option(
      names = "--deflate-round-trips",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "round trips per 12.*/13.* (permessage-deflate) case: same cases and verdict rules, fewer"
              + " messages; reports then say it is not Autobahn's count (default: Autobahn's ${DEFAULT-VALUE})")
  int deflateRoundTrips;

  @Option(
      names = "--strict",
      description = "NON-STRICT, WRONG CODE, UNCLEAN and FAILED BY CLIENT fail the run too")
  boolean strict;

  @Option(
      names = {"-j", "--parallel"},
      paramLabel = "N",
      description =
          "cases run concurrently on separate connections (default: the CPU count for a loopback target,"
              + " 1 for a remote one); timed cases (pauses, bulk data) always run alone; 12.*/13.*"
              + " (permessage-deflate) run N at a time among themselves (without -j: twice the"
              + " default, as each has one message in flight)")
  Integer parallel;

  @Option(
      names = "--shard",
      paramLabel = "i/n|auto",
      arity = "0..1",
      fallbackValue = "auto",
      description =
          "run only part i (1-based) of n of the selected cases, for CI jobs side by side;"
              + " 'wsconform merge' joins the parts into one run. The split is the same on every machine:"
              + " greedy by case duration (--durations, else each group's usual duration), ties in case id"
              + " order. 'auto' (or no value) reads CI_NODE_INDEX/CI_NODE_TOTAL (GitLab parallel:, 1-based)"
              + " or JOB_COMPLETION_INDEX (Kubernetes Indexed Job, 0-based) with WSCONFORM_SHARD_TOTAL")
  String shard;

  @Option(
      names = "--durations",
      paramLabel = "FILE|DIR",
      description =
          "weigh the --shard split by an earlier run's per-case durations: its results folder,"
              + " results.jsonl or index.json (give every shard the same file)")
  Path durations;

  @Option(
      names = "--list",
      description = "list the selected cases (id, requirement, title) and exit")
  boolean list;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where run folders go (default: reports/out)")
  Path out;

  @Option(names = "--agent", paramLabel = "NAME", description = "the target's name in reports")
  String agent;

  @Option(
      names = "--stats",
      description = "print the harness's CPU time and peak heap after the run (for benchmarks)")
  boolean stats;

  @Option(
      names = {"-q", "--quiet"},
      description = "no progress lines, only the summary")
  boolean quiet;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Mixin GateOptions gate = new GateOptions();

  /**
   * The console as given; {@link #stdout} and {@link #stderr} are the same, redacted once secrets
   * are known.
   */
  private final PrintStream consoleOut;

  private final PrintStream consoleErr;
  private PrintStream stdout;
  private PrintStream stderr;

  public WsConform(PrintStream stdout, PrintStream stderr) {
    this.consoleOut = stdout;
    this.consoleErr = stderr;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Every console line from here on goes through {@code r} (secrets never reach a terminal or a CI
   * log).
   */
  private void redactConsole(Redaction r) {
    stdout = r.wrap(consoleOut);
    stderr = r.wrap(consoleErr);
  }

  public static void main(String[] args) {
    System.exit(execute(System.out, System.err, args));
  }

  /** Runs the command; returns the exit code (tests call this in-process). */
  public static int execute(PrintStream out, PrintStream err, String... args) {
    CommandLine cl = new CommandLine(new WsConform(out, err));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("wsconform: " + ex.getMessage() + " (see --help)");
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, p) -> {
          err.println("wsconform: internal error: " + ex);
          ex.printStackTrace(err);
          return 2;
        });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    List<Header> hs = new ArrayList<>();
    try {
      for (String h : headers) hs.add(Header.parse(h));
      if (target != null && target.contains(":") && !target.matches("[A-Za-z0-9._-]+"))
        Endpoint.parse(target);
    } catch (IllegalArgumentException e) {
      stderr.println("wsconform: " + e.getMessage());
      return 2;
    }
    String badOption = checkOptions();
    if (badOption != null) {
      stderr.println("wsconform: " + badOption);
      return 2;
    }
    ShardPlan shardPlan;
    try {
      shardPlan = shardPlan();
    } catch (IllegalArgumentException | IOException e) {
      stderr.println("wsconform: " + e.getMessage());
      return 2;
    }
    if (list) return list(shardPlan);
    Path home = Path.of(System.getProperty("wsconform.home", "."));
    RunConfig config;
    try {
      String bad = gate.validate();
      if (bad != null) {
        stderr.println("wsconform: " + bad);
        return 2;
      }
      config =
          new RunConfig(
              target,
              cases,
              exclude,
              hs,
              timeoutScale,
              strict,
              out != null ? out : home.resolve("reports").resolve("out"),
              agent,
              connection.settings(stderr),
              deflateRoundTrips,
              peer == null ? null : PeerModel.parse(peer));
    } catch (IllegalArgumentException e) {
      stderr.println("wsconform: " + e.getMessage());
      return 2;
    }
    redactConsole(
        Redaction.of(
            config.connection().secretHeaders(),
            hs,
            Arrays.asList(target),
            config.connection().secretValues()));
    RunContext ctx;
    try {
      RunEstimate estimate = RunEstimate.load();
      ctx =
          RunContext.open(config, shardPlan, c -> estimate.seconds(c, config.deflateRoundTrips()));
      redactConsole(ctx.redaction()); // a profile may add headers and a URL of its own
    } catch (Selection.UnknownCase | Targets.UnknownTarget | Endpoint.BadUrl e) {
      stderr.println("wsconform: " + e.getMessage());
      return 2;
    } catch (Preflight.TargetUnreachable e) {
      stderr.println("wsconform: cannot reach the target: " + e.getMessage());
      e.results()
          .ifPresent(dir -> stderr.println("wsconform: every case recorded as ERROR in " + dir));
      return 3;
    } catch (IOException e) {
      stderr.println("wsconform: cannot start the run: " + e.getMessage());
      return 2;
    }
    return run(ctx);
  }

  /**
   * Every option that a value alone can make wrong, checked before anything starts or is written
   * (no embedded server, no run folder): a message saying what was given and what to pass, or null.
   */
  private String checkOptions() {
    if (cases != null && cases.isBlank()) {
      return "--cases is empty: expected case patterns such as '1.*,H.*' (--list shows the ids);"
          + " leave --cases out to run every case";
    }
    if (exclude != null && exclude.isBlank()) {
      return "--exclude is empty: expected case patterns to leave out such as '12.*,13.*';"
          + " leave --exclude out to exclude nothing";
    }
    if (!(timeoutScale > 0) || Double.isInfinite(timeoutScale)) {
      return "--timeout-scale must be a positive number (e.g. 3 for a slow link), got "
          + timeoutScale;
    }
    if (peer != null) {
      try {
        PeerModel.parse(peer);
      } catch (IllegalArgumentException e) {
        return "--" + e.getMessage();
      }
    }
    if (deflateRoundTrips < 1) {
      return "--deflate-round-trips must be at least 1, got "
          + deflateRoundTrips
          + " (Autobahn's is 1000; 50 makes a quick run)";
    }
    if (parallel != null && parallel < 1) {
      return "--parallel (-j) must be at least 1 (cases at once), got "
          + parallel
          + "; leave it out for the default";
    }
    return connection.check();
  }

  /** The --shard plan, with --durations read; null for a whole run. */
  private ShardPlan shardPlan() throws IOException {
    if (shard == null) {
      if (durations != null) {
        throw new IllegalArgumentException(
            "--durations only weighs a --shard split: add --shard i/n (or auto), or leave"
                + " --durations out");
      }
      return null;
    }
    ShardPlan p = ShardPlan.parse(shard, System.getenv());
    return durations == null ? p : p.withDurations(durations);
  }

  private int list(ShardPlan shardPlan) {
    List<ConformanceCase> selected;
    try {
      selected = Selection.parse(cases, exclude).apply(Catalogue.all(deflateRoundTrips));
      if (shardPlan != null) {
        RunEstimate estimate = RunEstimate.load();
        selected = shardPlan.select(selected, c -> estimate.seconds(c, deflateRoundTrips));
      }
    } catch (Selection.UnknownCase e) {
      stderr.println("wsconform: " + e.getMessage());
      return 2;
    }
    PeerModel model = peer == null ? null : PeerModel.parse(peer);
    for (ConformanceCase c : selected) {
      stdout.printf("%-9s %-13s %s  [%s]", c.id(), c.requirement(), c.title(), c.rfc());
      if (model != null) {
        PeerNeeds.Rule r = PeerNeeds.of(c.id());
        stdout.print(
            "  needs "
                + r.need().word()
                + (model == PeerModel.ECHO
                    ? ""
                    : switch (r.need()) {
                      case NONE -> ": runs as is";
                      case ECHO -> ": adapted (" + r.why() + ")";
                      case ECHO_ONLY -> ": NOT APPLICABLE (" + r.why() + ")";
                    }));
      }
      stdout.println();
    }
    stdout.println(Plural.of(selected.size(), "case"));
    return 0;
  }

  private int run(RunContext ctx) {
    long t0 = System.nanoTime();
    CaseLanes caseLanes = CaseLanes.of(parallel, ctx);
    RunEstimate estimate = RunEstimate.load();
    RunEstimate.Lanes lanes = caseLanes.estimated(ctx);
    RunConsole.start(stdout, stderr, ctx, estimate, lanes);
    if (!quiet) {
      // one updating line only where a person watches: System.console() is null when stdin or
      // stdout is not a terminal (CI logs, pipes, tests), and then the plain lines stay
      boolean terminal = System.console() != null && consoleOut == System.out;
      ctx.progress(
          new RunConsole.Progress(
              stdout,
              terminal
                  ? new TerminalLine(
                      consoleOut,
                      estimate,
                      ctx.selected(),
                      ctx.config().deflateRoundTrips(),
                      lanes,
                      () -> (System.nanoTime() - t0) / 1e9)
                  : null));
    }
    // a lifecycle of our own, set before the launcher loads Allure's listener: the property
    // allure.results.directory is read only once per JVM, and this JVM may already have used it
    Allure.setLifecycle(
        new AllureLifecycle(new FileSystemResultsWriter(ctx.folder().allureResultsDir())));
    RunContext.install(ctx);
    // SIGINT/SIGTERM: the cases running now are recorded as ERROR (interrupted) and the reports
    // are written for what finished; the JVM then exits with 130/143
    Thread onSignal = RunConsole.interruptHook(ctx, stderr);
    Runtime.getRuntime().addShutdownHook(onSignal);
    ctx.schedule(caseLanes.parallel(), caseLanes.volume());
    RunTotals totals;
    try (LauncherSession session = LauncherFactory.openSession()) {
      Launcher launcher = session.getLauncher();
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectPackage("org.wsconform.suite"))
              .filters(includeClassNamePatterns(".*Suite"))
              .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
              .build();
      launcher.execute(request);
      totals = ctx.finish();
    } finally {
      RunContext.closeCurrent();
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // the signal came: the hook is running and owns the rest
      }
    }
    RunConsole.summary(stdout, ctx, totals, (System.nanoTime() - t0) / 1e9);
    if (stats) RunConsole.stats(stdout, (System.nanoTime() - t0) / 1e9);
    return gate.exitCode(ctx, totals, stdout);
  }
}
