package org.wsconform.reports;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a run's results as the cases finish, so a killed run keeps what it did. Thread-safe: cases
 * may finish concurrently.
 *
 * <p>Per case ({@link #record}): a line in {@code results.jsonl}, the file {@code
 * cases/<stem>_case_<id>.json}, and {@code index.json} rewritten. At the end ({@link #finish}):
 * {@code junit/TEST-wsconform.xml}, {@code summary.md}, {@code run.json}, a final {@code
 * index.json}, and the run report {@code index.html} ({@link HtmlReport}).
 */
public final class ResultsWriter implements Closeable {

  private static final Comparator<CaseRecord> REPORT_ORDER =
      Comparator.comparing(CaseRecord::agent, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(CaseRecord::id, CaseIdOrder.INSTANCE);

  private final RunFolder folder;
  private final Object lock = new Object();

  /** Not a FileChannel: an interrupted case thread (a JUnit timeout) must not close it for all. */
  private final FileOutputStream jsonl;

  /** agent → case id → index entry; guarded by lock. */
  private final Map<String, Map<String, Map<String, Object>>> index = new TreeMap<>();

  /** "agent\0id" → record (the latest one for a case); guarded by lock. */
  private final Map<String, CaseRecord> records = new LinkedHashMap<>();

  /** Bumped on every index change; guarded by lock. */
  private long indexVersion;

  /** Serialises index.json writes; taken before lock, never inside it. */
  private final Object indexFileLock = new Object();

  /** The index version on disk; guarded by indexFileLock. */
  private long indexVersionWritten;

  private volatile boolean finished;
  private volatile boolean closed;

  /**
   * Opens {@code results.jsonl} of the folder for appending. If the file ends in a partial line (a
   * killed run), that partial line is cut off first, so every line stays a whole record.
   */
  public ResultsWriter(RunFolder folder) throws IOException {
    this.folder = folder;
    Path file = folder.resultsJsonl();
    try (RandomAccessFile existing = new RandomAccessFile(file.toFile(), "rw")) {
      cutPartialLastLine(existing);
    }
    this.jsonl = new FileOutputStream(file.toFile(), true);
  }

  public RunFolder folder() {
    return folder;
  }

  /**
   * Records one finished case: appends it as one JSON line to {@code results.jsonl} (the full
   * record, written and flushed to the OS at once), writes its pretty-printed case file {@code
   * cases/<stem>_case_<id>.json} (atomically) and rewrites {@code index.json} atomically. Recording
   * a case id again replaces it in index.json and the case file (results.jsonl keeps both lines).
   *
   * @throws UncheckedIOException when a file cannot be written
   * @throws IllegalStateException after {@link #finish} or {@link #close}
   */
  public void record(CaseRecord r) {
    if (r.agent() == null || r.id() == null) {
      throw new IllegalArgumentException("a case record needs an agent and an id: " + r.id());
    }
    if (finished || closed) {
      throw new IllegalStateException(
          "results writer already " + (finished ? "finished" : "closed"));
    }
    long version;
    try {
      byte[] line = Json.COMPACT.writeValueAsBytes(r);
      byte[] lineFeed = Arrays.copyOf(line, line.length + 1);
      lineFeed[line.length] = '\n';
      byte[] pretty = Json.pretty(r);
      // distinct cases write distinct files: no need to hold the lock for this one
      Json.writeAtomically(folder.caseFile(r.agent(), r.id()), pretty);
      synchronized (lock) {
        if (finished || closed) {
          throw new IllegalStateException(
              "results writer already " + (finished ? "finished" : "closed"));
        }
        jsonl.write(lineFeed); // one write, unbuffered: in the OS when this returns
        index
            .computeIfAbsent(r.agent(), a -> new TreeMap<>(CaseIdOrder.INSTANCE))
            .put(r.id(), indexEntry(r));
        records.put(r.agent() + "\u0000" + r.id(), keepForReports(r));
        version = ++indexVersion;
      }
      writeIndex(version);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record case " + r.id() + " in " + folder, e);
    }
  }

  /**
   * Ends the run: writes {@code junit/TEST-wsconform.xml}, {@code summary.md}, the final {@code
   * index.json} and {@code run.json} (each atomically), closes {@code results.jsonl}, then renders
   * the run report {@code index.html} from the folder ({@link HtmlReport#render}) and returns the
   * counts. Call once.
   */
  public RunTotals finish(RunInfo info) throws IOException {
    List<CaseRecord> sorted;
    synchronized (lock) {
      if (finished || closed) {
        throw new IllegalStateException(
            "results writer already " + (finished ? "finished" : "closed"));
      }
      finished = true;
      sorted = new ArrayList<>(records.values());
      jsonl.getFD().sync();
      jsonl.close();
    }
    writeIndex(Long.MAX_VALUE); // the final index, written in any case
    sorted.sort(REPORT_ORDER);
    RunTotals totals = RunTotals.of(sorted);
    Json.writeAtomically(folder.junitXml(), JunitXml.render(sorted, info));
    Json.writeAtomically(folder.summaryMd(), SummaryMarkdown.render(sorted, info, folder.id()));
    Json.writeAtomically(folder.runJson(), Json.pretty(runJson(info, totals)));
    HtmlReport.render(folder.dir()); // last: it reads results.jsonl and run.json back
    return totals;
  }

  /** Closes results.jsonl without writing the end-of-run files (an aborted run). */
  @Override
  public void close() throws IOException {
    synchronized (lock) {
      if (!closed) {
        closed = true;
        jsonl.close();
      }
    }
  }

  /** The counts so far. */
  public RunTotals totals() {
    synchronized (lock) {
      return RunTotals.of(new ArrayList<>(records.values()));
    }
  }

  private Map<String, Object> runJson(RunInfo info, RunTotals totals) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runId", folder.id());
    m.put("target", info.target());
    m.put("agent", info.agent());
    if (info.identity() != null) m.put("targetIdentity", info.identity().toJson());
    m.put("started", info.started() == null ? null : info.started().toString());
    m.put("finished", info.finished() == null ? null : info.finished().toString());
    m.put("wallTimeMillis", info.wallTimeMillis());
    m.put("wsconformVersion", info.wsconformVersion());
    m.put("javaVersion", info.javaVersion());
    m.put("selection", info.selection());
    m.put("deflateRoundTrips", info.deflateRoundTrips());
    if (info.deflateRoundTripsNote() != null)
      m.put("deflateRoundTripsNote", info.deflateRoundTripsNote());
    if (info.shard() != null) m.put("shard", info.shard().toJson());
    if (!info.shards().isEmpty())
      m.put("shards", info.shards().stream().map(ShardInfo::toJson).toList());
    m.put("cases", totals.cases());
    m.put("outcomes", totals.outcomes());
    m.put("behavior", totals.behavior());
    m.put("behaviorClose", totals.behaviorClose());
    return m;
  }

  /** Autobahn's index entry, in Autobahn's key order. */
  static Map<String, Object> indexEntry(CaseRecord r) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("behavior", r.behavior());
    e.put("behaviorClose", r.behaviorClose());
    e.put("duration", r.durationMillis());
    e.put("remoteCloseCode", Verdicts.remoteCloseCode(r));
    e.put("reportfile", AgentName.caseFileName(r.agent(), r.id()));
    return e;
  }

  /**
   * Makes index.json hold at least {@code version}. Concurrent callers coalesce: whoever gets the
   * file lock writes the newest snapshot, and the callers it covers return at once.
   */
  private void writeIndex(long version) throws IOException {
    synchronized (indexFileLock) {
      if (indexVersionWritten >= version) {
        return;
      }
      byte[] bytes;
      long snapshot;
      synchronized (lock) {
        bytes = Json.pretty(index);
        snapshot = indexVersion;
      }
      Json.writeAtomically(folder.indexJson(), bytes);
      indexVersionWritten = snapshot;
    }
  }

  /** Passed and skipped cases need no wire log in the end-of-run reports: drop it from memory. */
  private static CaseRecord keepForReports(CaseRecord r) {
    if (Verdicts.outcome(r).failing() || r.wirelog() == null) {
      return r;
    }
    return r.withWirelog(null);
  }

  private static void cutPartialLastLine(RandomAccessFile file) throws IOException {
    long size = file.length();
    byte[] chunk = new byte[8192];
    long end = size;
    while (end > 0) {
      long start = Math.max(0, end - chunk.length);
      int n = (int) (end - start);
      file.seek(start);
      file.readFully(chunk, 0, n);
      for (int i = n - 1; i >= 0; i--) {
        if (chunk[i] == '\n') {
          if (start + i + 1 < size) {
            file.setLength(start + i + 1);
          }
          return;
        }
      }
      end = start;
    }
    file.setLength(0); // not one whole line
  }
}
