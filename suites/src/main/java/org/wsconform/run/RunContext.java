package org.wsconform.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.ToDoubleFunction;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.judge.Judgement;
import org.wsconform.reports.ResultsWriter;
import org.wsconform.reports.RunFolder;
import org.wsconform.reports.RunInfo;
import org.wsconform.reports.RunTotals;
import org.wsconform.reports.ShardInfo;
import org.wsconform.reports.TargetIdentity;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Header;
import org.wsconform.wire.TlsOptions;
import org.wsconform.wire.WireLog;

/**
 * One run: the resolved target, the selection, the results folder being written, and the embedded
 * server when this run started one. The JUnit suites find it through {@link #current()}; the CLI
 * installs it before launching them, Maven and IDE runs create it from system properties.
 */
public final class RunContext implements AutoCloseable {
  private static RunContext current;

  private final RunConfig config;
  private final RunSettings settings;
  private final List<ConformanceCase> selected;

  /** The selection before a --shard split (the same list when the run is whole). */
  private final List<ConformanceCase> whole;

  /** Which part of {@link #whole} this run is, or null for a whole run. */
  private final ShardInfo shard;

  private final ReferenceServer embedded;
  private final ResultsWriter writer;
  private final Preflight.Result preflight;
  private final Redaction redaction;
  private final Instant started = Instant.now();
  private final AtomicInteger done = new AtomicInteger();
  private final List<CaseResult> results = Collections.synchronizedList(new ArrayList<>());
  private volatile ProgressListener progress = ProgressListener.NONE;
  private boolean finished;
  private Scheduler scheduler;
  private RunTotals totals;

  /** The external target the profile launched for this run (stopped when the run closes). */
  private AutoCloseable launched;

  /** What the target is, for run.json and the report header (URL redacted). */
  private TargetIdentity identity;

  /** Adds each failed case's "how to fix", with the profile's known causes. */
  private FixAdvisor advisor = new FixAdvisor(null, List.of());

  /** Cases running now (id → when they started); whoever removes a case records it. */
  private final Map<String, Instant> inFlight = new ConcurrentHashMap<>();

  /**
   * Held while a case is recorded, taken exclusively by {@link #interrupt} before the final
   * reports.
   */
  private final ReadWriteLock recording = new ReentrantReadWriteLock();

  private volatile String interrupted;

  RunContext(
      RunConfig config,
      RunSettings settings,
      List<ConformanceCase> selected,
      List<ConformanceCase> whole,
      ShardInfo shard,
      ReferenceServer embedded,
      ResultsWriter writer,
      Preflight.Result preflight,
      Redaction redaction) {
    this.config = config;
    this.settings = settings;
    this.selected = selected;
    this.whole = whole;
    this.shard = shard;
    this.embedded = embedded;
    this.writer = writer;
    this.preflight = preflight;
    this.redaction = redaction;
  }

  /**
   * Resolves the target, checks it once, and opens the results folder.
   *
   * @throws Selection.UnknownCase a pattern selects nothing (exit 2)
   * @throws Targets.UnknownTarget an unknown profile (exit 2)
   * @throws org.wsconform.wire.Endpoint.BadUrl a bad URL (exit 2)
   * @throws Preflight.TargetUnreachable the target cannot be reached (exit 3)
   */
  public static RunContext open(RunConfig config) throws IOException {
    return open(config, null, c -> 1);
  }

  /**
   * As {@link #open(RunConfig)}, running only this shard's part of the selection (null: all of it).
   *
   * @param estimate seconds a case takes where the shard's durations do not say
   * @throws Selection.UnknownCase also when the shard gets no case (fewer cases than shards)
   */
  public static RunContext open(
      RunConfig config, ShardPlan shardPlan, ToDoubleFunction<ConformanceCase> estimate)
      throws IOException {
    // the user's selection is checked before anything is started (a typo costs no launch)
    List<ConformanceCase> selected =
        Selection.parse(config.cases(), config.exclude())
            .apply(Catalogue.all(config.deflateRoundTrips()));
    Targets.Resolved t = Targets.resolve(config.target(), config.peer());
    try {
      List<Header> headers = new ArrayList<>(t.headers());
      headers.addAll(config.headers());
      // the profile's trust and identity apply unless the command line set its own (its route
      // stays)
      TlsOptions tls = config.connection().tls();
      if (t.tls() != null && !tls.setsTrust()) tls = tls.withTrustOf(t.tls());
      RunSettings s =
          RunSettings.of(t.endpoint(), config.agent() != null ? config.agent() : t.agent())
              .withHeaders(headers)
              .withTimeScale(config.timeScale())
              .withStrict(config.strict())
              .withTls(tls)
              .withDeclaredMessageLimit(t.messageLimit())
              .withPeer(t.peer());
      if (!t.excluded().isEmpty()) {
        selected = selected.stream().filter(c -> !t.excludes(c.id())).toList();
        if (selected.isEmpty()) {
          throw new Selection.UnknownCase(
              "no case selected: the profile '"
                  + config.target()
                  + "' excludes every case the selection names; select other cases (--list shows"
                  + " the ids) or edit the profile's excludes");
        }
      }
      List<ConformanceCase> whole = selected;
      ShardInfo shard = null;
      if (shardPlan != null) {
        selected = shardPlan.select(whole, estimate);
        shard = shardPlan.info(whole, selected);
        if (selected.isEmpty()) {
          throw new Selection.UnknownCase(
              "shard "
                  + shardPlan.index()
                  + "/"
                  + shardPlan.total()
                  + " has no case: expected at least one case per shard, observed "
                  + whole.size()
                  + " selected for "
                  + shardPlan.total()
                  + " shards; use at most "
                  + whole.size()
                  + " shards or select more cases");
        }
      }
      Redaction redaction =
          Redaction.of(
              config.connection().secretHeaders(),
              headers,
              Arrays.asList(config.target(), t.endpoint().uri().toString()),
              config.connection().secretValues());
      Preflight.Result pre;
      try {
        pre = Preflight.check(s);
      } catch (Preflight.TargetUnreachable e) {
        if (!e.isTls()) throw e;
        throw e.withResults(
            UnreachableRun.record(config, s, selected, whole, shard, redaction, e.getMessage()));
      }
      ResultsWriter w = new ResultsWriter(RunFolder.create(config.outBase(), s.agent()));
      RunContext ctx =
          new RunContext(config, s, selected, whole, shard, t.embedded(), w, pre, redaction);
      ctx.launched = t.launched();
      TargetIdentity id = t.identity();
      ctx.identity =
          id == null
              ? null
              : new TargetIdentity(
                  id.url() == null ? null : redaction.url(id.url()),
                  id.profile(),
                  id.implementation(),
                  id.version(),
                  id.compatibilityDate(),
                  id.compatibilityFlags(),
                  id.peer());
      ctx.advisor = new FixAdvisor(id == null ? null : id.implementation(), t.known());
      return ctx;
    } catch (IOException | RuntimeException e) {
      t.close();
      throw e;
    }
  }

  /** Keeps a result recorded elsewhere (the unreachable run's ERROR cases) for the totals. */
  void keep(CaseResult r) {
    results.add(r.withoutWireLog());
  }

  /** The run the suites belong to; created from system properties when none was installed. */
  public static synchronized RunContext current() {
    if (current == null) {
      try {
        current = open(RunConfig.fromSystemProperties());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return current;
  }

  public static synchronized void install(RunContext c) {
    current = c;
  }

  /** Finishes and forgets the current run, if any (called when the JUnit session closes). */
  public static synchronized void closeCurrent() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  public void progress(ProgressListener p) {
    this.progress = p;
  }

  public RunConfig config() {
    return config;
  }

  public RunSettings settings() {
    return settings;
  }

  public List<ConformanceCase> selected() {
    return selected;
  }

  /** Which part of the selection this run is (run.json, console header), or null when whole. */
  public ShardInfo shard() {
    return shard;
  }

  public boolean isSelected(ConformanceCase c) {
    return selected.contains(c);
  }

  public Preflight.Result preflight() {
    return preflight;
  }

  /** What every output of this run must not show (the console wraps its streams with it). */
  public Redaction redaction() {
    return redaction;
  }

  public RunFolder folder() {
    return writer.folder();
  }

  public List<CaseResult> results() {
    synchronized (results) {
      return List.copyOf(results);
    }
  }

  /**
   * Runs the selection ahead of the JUnit invocations, {@code parallel} cases at a time, with the
   * timed cases alone at the end (the CLI does this; plain Maven/IDE runs execute on demand).
   */
  public synchronized void schedule(int parallel) {
    schedule(parallel, parallel);
  }

  /** As {@link #schedule(int)}, with {@code volumeParallel} volume cases (12.*, 13.*) at once. */
  public synchronized void schedule(int parallel, int volumeParallel) {
    if (scheduler == null) {
      scheduler =
          new Scheduler(
              selected,
              config.connection().concurrency(parallel),
              config.connection().concurrency(volumeParallel),
              this::runAndRecord);
      scheduler.start();
    }
  }

  /** The result of one case: from the schedule when there is one, else run now. */
  public CaseResult execute(ConformanceCase c) {
    Scheduler s;
    synchronized (this) {
      s = scheduler;
    }
    return s != null ? s.resultOf(c) : runAndRecord(c);
  }

  /** Runs one case (or records the preflight's reason instead), records it, and returns it. */
  private CaseResult runAndRecord(ConformanceCase c) {
    synchronized (inFlight) {
      if (interrupted != null)
        return interruptedResult(c, Instant.now()); // not started, not recorded
      inFlight.put(c.id(), Instant.now());
    }
    CaseResult r;
    boolean needsCanonical = !(c.id().startsWith("H.") || c.id().startsWith("R."));
    if (preflight.handshakeFailure() != null && needsCanonical) {
      String why =
          preflight.handshakeFailure()
              + " — every case that starts with the canonical handshake is an ERROR;"
              + " the H.* and R.* cases say why";
      WireLog log = new WireLog();
      log.note(why);
      r =
          new CaseResult(
              c,
              new Judgement(Behavior.ERROR, BehaviorClose.ERROR, why, why),
              Outcome.ERROR,
              why,
              null,
              List.of(),
              null,
              null,
              null,
              Instant.now(),
              0,
              log.entries(),
              why,
              Map.of());
    } else {
      r = CaseRunner.run(c, settings);
    }
    r = advisor.advise(ConnectionSettings.annotate(redaction.apply(r), settings));
    if (inFlight.remove(c.id()) == null) return r; // interrupt() has recorded it already
    int n = done.incrementAndGet();
    int index = whole.indexOf(c) + 1; // a shard's cases keep their place in the whole selection
    recording.readLock().lock();
    try {
      writer.record(Records.of(r, settings.agent(), index));
    } finally {
      recording.readLock().unlock();
    }
    results.add(r.withoutWireLog());
    progress.caseFinished(r, n, selected.size());
    return r;
  }

  /**
   * Stops the run at once (SIGINT, SIGTERM): no case starts any more, each case running now is
   * recorded as ERROR with {@code why}, and the final reports are written for what finished.
   *
   * @return how many cases the results folder holds
   */
  public int interrupt(String why) {
    List<Map.Entry<String, Instant>> running;
    synchronized (inFlight) {
      interrupted = why;
      running = new ArrayList<>(inFlight.entrySet());
    }
    for (Map.Entry<String, Instant> e : running) {
      if (inFlight.remove(e.getKey()) == null)
        continue; // it finished and recorded itself meanwhile
      ConformanceCase c =
          selected.stream().filter(x -> x.id().equals(e.getKey())).findFirst().orElseThrow();
      CaseResult r = interruptedResult(c, e.getValue());
      try {
        writer.record(Records.of(r, settings.agent(), whole.indexOf(c) + 1));
        results.add(r);
      } catch (RuntimeException alreadyFinished) {
        // the run ended normally as the signal came in: its reports are complete as they are
      }
    }
    recording.writeLock().lock(); // cases that finished just before the signal reach the disk first
    try {
      finish();
    } catch (RuntimeException e) {
      // the reports of a run that had finished were written already
    } finally {
      recording.writeLock().unlock();
    }
    // no need to stop the cases still running: their results are no longer recorded, and cases
    // that had not started end at once without a connection
    return writer.totals().cases();
  }

  private CaseResult interruptedResult(ConformanceCase c, Instant since) {
    WireLog log = new WireLog();
    String why = interrupted;
    log.note(why + " (the case's wire log up to that moment is not kept)");
    long t0 = System.nanoTime() - Duration.between(since, Instant.now()).toNanos();
    return advisor.advise(
        ConnectionSettings.annotate(
            CaseRunner.error(c, settings, why, null, since, t0, log), settings));
  }

  /** Writes the final reports (JUnit XML, summary, run.json) and returns the totals. */
  public synchronized RunTotals finish() {
    if (finished) return totals;
    finished = true;
    try {
      String target =
          redaction.url(
              config.target() == null
                  ? settings.endpoint() + " (embedded reference)"
                  : config.target());
      if (ConnectionSettings.insecure(settings))
        target += " — " + ConnectionSettings.INSECURE_WARNING;
      totals =
          writer.finish(
              RunInfo.of(
                      target,
                      settings.agent(),
                      started,
                      Instant.now(),
                      List.of(config.cases() == null ? "*" : config.cases()))
                  .withDeflateRoundTrips(config.deflateRoundTrips())
                  .withIdentity(identity)
                  .withShard(shard));
      return totals;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) scheduler.cancel();
    try {
      finish();
    } finally {
      try {
        writer.close();
      } catch (IOException ignored) {
        // results were flushed case by case; closing only releases the file
      }
      if (embedded != null) embedded.close();
      if (launched != null) {
        try {
          launched.close();
        } catch (Exception ignored) {
          // stopping escalates to SIGKILL itself; nothing more to do here
        }
      }
    }
  }
}
