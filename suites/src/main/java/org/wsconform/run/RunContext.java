package org.wsconform.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.wsconform.cases.Catalogue;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.judge.Behavior;
import org.wsconform.judge.BehaviorClose;
import org.wsconform.judge.Judgement;
import org.wsconform.reports.ResultsWriter;
import org.wsconform.reports.RunFolder;
import org.wsconform.reports.RunInfo;
import org.wsconform.reports.RunTotals;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.wire.WireLog;

/**
 * One run: the resolved target, the selection, the results folder being written, and the
 * embedded server when this run started one. The JUnit suites find it through {@link #current()};
 * the CLI installs it before launching them, Maven and IDE runs create it from system properties.
 */
public final class RunContext implements AutoCloseable {
  private static RunContext current;

  private final RunConfig config;
  private final RunSettings settings;
  private final List<ConformanceCase> selected;
  private final ReferenceServer embedded;
  private final ResultsWriter writer;
  private final Preflight.Result preflight;
  private final Instant started = Instant.now();
  private final AtomicInteger done = new AtomicInteger();
  private final List<CaseResult> results = Collections.synchronizedList(new ArrayList<>());
  private volatile ProgressListener progress = ProgressListener.NONE;
  private boolean finished;
  private Scheduler scheduler;
  private RunTotals totals;

  private RunContext(RunConfig config, RunSettings settings, List<ConformanceCase> selected, ReferenceServer embedded,
      ResultsWriter writer, Preflight.Result preflight) {
    this.config = config;
    this.settings = settings;
    this.selected = selected;
    this.embedded = embedded;
    this.writer = writer;
    this.preflight = preflight;
  }

  /**
   * Resolves the target, checks it once, and opens the results folder.
   *
   * @throws Selection.UnknownCase      a pattern selects nothing (exit 2)
   * @throws Targets.UnknownTarget      an unknown profile (exit 2)
   * @throws org.wsconform.wire.Endpoint.BadUrl a bad URL (exit 2)
   * @throws Preflight.TargetUnreachable the target cannot be reached (exit 3)
   */
  public static RunContext open(RunConfig config) throws IOException {
    List<ConformanceCase> selected = Selection.parse(config.cases(), config.exclude()).apply(Catalogue.all());
    Targets.Resolved t = Targets.resolve(config.target());
    try {
      List<org.wsconform.wire.Header> headers = new ArrayList<>(t.headers());
      headers.addAll(config.headers());
      RunSettings s = RunSettings.of(t.endpoint(), config.agent() != null ? config.agent() : t.agent())
          .withHeaders(headers).withTimeScale(config.timeScale()).withStrict(config.strict())
          .withTls(config.connection().tls());
      Preflight.Result pre = Preflight.check(s);
      ResultsWriter w = new ResultsWriter(RunFolder.create(config.outBase(), s.agent()));
      return new RunContext(config, s, selected, t.embedded(), w, pre);
    } catch (IOException | RuntimeException e) {
      if (t.embedded() != null) t.embedded().close();
      throw e;
    }
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

  public boolean isSelected(ConformanceCase c) {
    return selected.contains(c);
  }

  public Preflight.Result preflight() {
    return preflight;
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
    if (scheduler == null) {
      scheduler = new Scheduler(selected, parallel, ConformanceCase::timed, this::runAndRecord);
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
    CaseResult r;
    boolean needsCanonical = !(c.id().startsWith("H.") || c.id().startsWith("R."));
    if (preflight.handshakeFailure() != null && needsCanonical) {
      String why = preflight.handshakeFailure() + " — every case that starts with the canonical handshake is an ERROR;"
          + " the H.* and R.* cases say why";
      WireLog log = new WireLog();
      log.note(why);
      r = new CaseResult(c, new Judgement(Behavior.ERROR, BehaviorClose.ERROR, why, why), Outcome.ERROR, why, null,
          List.of(), null, null, null, Instant.now(), 0, log.entries(), why, Map.of());
    } else {
      r = CaseRunner.run(c, settings);
    }
    int n = done.incrementAndGet();
    int index = selected.indexOf(c) + 1;
    writer.record(Records.of(r, settings.agent(), index));
    results.add(r);
    progress.caseFinished(r, n, selected.size());
    return r;
  }

  /** Writes the final reports (JUnit XML, summary, run.json) and returns the totals. */
  public synchronized RunTotals finish() {
    if (finished) return totals;
    finished = true;
    try {
      totals = writer.finish(RunInfo.of(config.target() == null ? settings.endpoint() + " (embedded reference)"
          : config.target(), settings.agent(), started, Instant.now(),
          List.of(config.cases() == null ? "*" : config.cases())));
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
    }
  }
}
