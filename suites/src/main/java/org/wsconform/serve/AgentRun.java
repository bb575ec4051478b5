package org.wsconform.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  private final String agent;
  private final ResultsWriter writer;
  private final Instant started = Instant.now();
  private final ClientHistory history;
  private final Map<String, CaseResult> results = new LinkedHashMap<>();
  private final TargetIdentity identity;
  private final int deflateRoundTrips;
  private final ClientAllure allure;

  /** Cases whose connection is being served now: the reports wait for them. */
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

  /** A case's connection starts being served (its result will be recorded here). */
  synchronized void begin() {
    inFlight++;
  }

  /** A case's connection has been served and its result recorded (or it failed to be). */
  synchronized void end() {
    inFlight--;
    notifyAll();
  }

  synchronized void record(ClientCase cc, CaseResult r) {
    writer.record(Records.of(r, agent, cc.number()));
    allure.record(r);
    results.put(cc.id(), r);
  }

  synchronized CaseResult result(String id) {
    return results.get(id);
  }

  synchronized List<CaseResult> results() {
    return List.copyOf(results.values());
  }

  /**
   * Writes the end-of-run reports; the agent's next case starts a new run folder. A driver asks for
   * the reports as soon as its last case's connection closes, while the server may still be
   * recording that case: the reports wait for the cases in flight (up to {@code wait}, a case's own
   * deadline bounds them anyway), so no result is lost to the race.
   */
  synchronized RunTotals finish(String target, Duration wait)
      throws IOException, InterruptedException {
    long until = System.nanoTime() + wait.toNanos();
    while (inFlight > 0) {
      long left = until - System.nanoTime();
      if (left <= 0) break;
      TimeUnit.NANOSECONDS.timedWait(this, left);
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
