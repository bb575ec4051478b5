package org.wsconform.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsconform.reports.ResultsWriter;
import org.wsconform.reports.RunFolder;
import org.wsconform.reports.RunInfo;
import org.wsconform.reports.RunTotals;
import org.wsconform.reports.TargetIdentity;
import org.wsconform.run.CaseResult;
import org.wsconform.run.Records;

/**
 * The results of one client (one agent) against the fuzzing server, written as cases finish into a
 * run folder of its own, in the same contract as a server run (results.jsonl, index.json in
 * Autobahn's shape, case files; JUnit XML, summary.md, run.json and index.html when the reports are
 * updated).
 */
final class AgentRun {
  /** How long /updateReports waits for cases still being judged. */
  private static final Duration FINISH_WAIT = Duration.ofSeconds(10);

  private final String agent;
  private final ResultsWriter writer;
  private final Instant started = Instant.now();
  private final ClientHistory history;
  private final Map<String, CaseResult> results = new LinkedHashMap<>();
  private final TargetIdentity identity;
  private final int deflateRoundTrips;
  private final ClientAllure allure;

  /**
   * Cases started but not yet recorded: a driver asks for /updateReports as soon as its last case's
   * connection closes (Autobahn's drivers all do), which can be before that case is recorded.
   */
  private int inFlight;

  AgentRun(
      String agent, Path outBase, boolean browser, TargetIdentity identity, int deflateRoundTrips)
      throws IOException {
    this.agent = agent;
    this.writer = new ResultsWriter(RunFolder.create(outBase, agent));
    this.history = new ClientHistory(browser);
    this.identity = identity;
    this.deflateRoundTrips = deflateRoundTrips;
    this.allure = new ClientAllure(writer.folder().allureResultsDir(), agent);
  }

  String agent() {
    return agent;
  }

  ClientHistory history() {
    return history;
  }

  RunFolder folder() {
    return writer.folder();
  }

  synchronized void started() {
    inFlight++;
  }

  /** A case that {@link #started()} and ended without a result (its connection failed). */
  synchronized void abandoned() {
    inFlight--;
    notifyAll();
  }

  synchronized void record(ClientCase cc, CaseResult r) {
    writer.record(Records.of(r, agent, cc.number()));
    allure.record(r);
    results.put(cc.id(), r);
  }

  /** Records a case that {@link #started()}. */
  synchronized void recordStarted(ClientCase cc, CaseResult r) {
    try {
      record(cc, r);
    } finally {
      abandoned();
    }
  }

  synchronized CaseResult result(String id) {
    return results.get(id);
  }

  synchronized List<CaseResult> results() {
    return List.copyOf(results.values());
  }

  /** Writes the end-of-run reports; the agent's next case starts a new run folder. */
  synchronized RunTotals finish(String target) throws IOException {
    long until = System.nanoTime() + FINISH_WAIT.toNanos();
    try {
      for (long left; inFlight > 0 && (left = until - System.nanoTime()) > 0; ) {
        wait(Math.max(1, left / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      return writer.finish(
          RunInfo.of(target, agent, started, Instant.now(), List.of("*"))
              .withDeflateRoundTrips(deflateRoundTrips)
              .withIdentity(identity));
    } finally {
      writer.close();
    }
  }
}
