package org.wsconform.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.reports.CaseIdOrder;
import org.wsconform.reports.CaseRecord;
import org.wsconform.reports.ResultsReader;
import org.wsconform.reports.RunFolder;
import org.wsconform.reports.ShardInfo;

/**
 * One part of a selection split across CI jobs ({@code --shard i/n}). Every job computes the same
 * split on its own, so the split depends only on its inputs: the selected cases, {@code n}, and the
 * weights (a previous run's per-case durations when given, else the vendored per-group estimate) —
 * never on the machine (its cores, its clock), or two jobs could disagree and run a case twice or
 * not at all.
 *
 * <p>The split is greedy longest-processing-time: cases by weight, heaviest first (ties in case id
 * order), each into the part with the least weight so far (ties to the lower part). Each part then
 * runs in selection order, and the scheduler keeps its phases (concurrent, paused, bulk) inside it.
 */
public final class ShardPlan {
  /** GitLab's {@code parallel:}: 1-based index and the total. */
  static final String GITLAB_INDEX = "CI_NODE_INDEX";

  static final String GITLAB_TOTAL = "CI_NODE_TOTAL";

  /** A Kubernetes Indexed Job's 0-based index; the total comes from us (the Job knows it only). */
  static final String K8S_INDEX = "JOB_COMPLETION_INDEX";

  static final String K8S_TOTAL = "WSCONFORM_SHARD_TOTAL";

  private final int index;
  private final int total;
  private final Map<String, Long> durationMillis;
  private final String durationsSource;

  private ShardPlan(int index, int total, Map<String, Long> durationMillis, String source) {
    this.index = index;
    this.total = total;
    this.durationMillis = durationMillis;
    this.durationsSource = source;
  }

  /**
   * {@code --shard i/n} (1-based), or {@code auto} (the CI's variables in {@code env}).
   *
   * @throws IllegalArgumentException a message saying what was given and what to pass
   */
  public static ShardPlan parse(String spec, Map<String, String> env) {
    String s = spec == null ? "auto" : spec.strip();
    if (s.isEmpty() || s.equals("auto")) return fromEnvironment(env);
    int slash = s.indexOf('/');
    if (slash < 0) throw badSpec(spec);
    int i = number(s.substring(0, slash), spec);
    int n = number(s.substring(slash + 1), spec);
    return of(i, n, "--shard " + s);
  }

  private static ShardPlan fromEnvironment(Map<String, String> env) {
    String gi = env.get(GITLAB_INDEX);
    String gn = env.get(GITLAB_TOTAL);
    if (gi != null && gn != null) {
      return of(number(gi, GITLAB_INDEX + "=" + gi), number(gn, GITLAB_TOTAL + "=" + gn), "GitLab");
    }
    String ki = env.get(K8S_INDEX);
    if (ki != null) {
      String kn = env.get(K8S_TOTAL);
      if (kn == null) {
        throw new IllegalArgumentException(
            "--shard auto: "
                + K8S_INDEX
                + "="
                + ki
                + " is set (a Kubernetes Indexed Job) but "
                + K8S_TOTAL
                + " is not: expected it set to the Job's completions (e.g. env "
                + K8S_TOTAL
                + ": \"3\"), or give --shard i/n");
      }
      // Kubernetes counts from 0, we from 1
      return of(
          number(ki, K8S_INDEX + "=" + ki) + 1, number(kn, K8S_TOTAL + "=" + kn), "Kubernetes");
    }
    throw new IllegalArgumentException(
        "--shard auto: expected "
            + GITLAB_INDEX
            + " and "
            + GITLAB_TOTAL
            + " (GitLab 'parallel:'), or "
            + K8S_INDEX
            + " and "
            + K8S_TOTAL
            + " (Kubernetes Indexed Job); observed none of them set: give --shard i/n instead");
  }

  private static ShardPlan of(int i, int n, String from) {
    if (n < 1 || i < 1 || i > n) {
      throw new IllegalArgumentException(
          "shard index out of range ("
              + from
              + "): expected 1 <= i <= n with n >= 1 (e.g. --shard 2/3), observed i="
              + i
              + ", n="
              + n);
    }
    return new ShardPlan(i, n, Map.of(), null);
  }

  private static int number(String s, String given) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw badSpec(given);
    }
  }

  private static IllegalArgumentException badSpec(String given) {
    return new IllegalArgumentException(
        "--shard expects i/n (this job's part, 1-based, of n; e.g. 2/3) or auto (from CI_NODE_INDEX/"
            + "CI_NODE_TOTAL or JOB_COMPLETION_INDEX/WSCONFORM_SHARD_TOTAL), got '"
            + given
            + "'");
  }

  /**
   * The same plan weighing cases by the durations of an earlier run: a results folder, its
   * results.jsonl or its index.json (ours or Autobahn's).
   *
   * @throws IllegalArgumentException when it is no results folder or file
   */
  public ShardPlan withDurations(Path fileOrDir) throws IOException {
    List<CaseRecord> records;
    if (Files.isDirectory(fileOrDir)) {
      if (!Files.isRegularFile(fileOrDir.resolve(RunFolder.RESULTS_JSONL))
          && !Files.isRegularFile(fileOrDir.resolve(RunFolder.INDEX_JSON))) {
        throw new IllegalArgumentException(
            "--durations "
                + fileOrDir
                + ": expected a run folder with results.jsonl or index.json, observed neither");
      }
      records = ResultsReader.readLatest(fileOrDir, r -> r.withWirelog(null));
    } else if (Files.isRegularFile(fileOrDir)) {
      records =
          fileOrDir.getFileName().toString().endsWith(".jsonl")
              ? ResultsReader.latest(ResultsReader.readJsonl(fileOrDir))
              : ResultsReader.readIndex(fileOrDir);
    } else {
      throw new IllegalArgumentException(
          "--durations "
              + fileOrDir
              + ": no such file or folder (expected an earlier run's folder, results.jsonl or"
              + " index.json)");
    }
    Map<String, Long> d = new HashMap<>();
    for (CaseRecord r : records) d.put(r.id(), Math.max(0, r.durationMillis()));
    return new ShardPlan(index, total, Map.copyOf(d), fileOrDir.toString());
  }

  public int index() {
    return index;
  }

  public int total() {
    return total;
  }

  /** What the split weighed the cases by, for run.json. */
  public String balancedBy() {
    return durationsSource == null
        ? "group estimates (case-seconds.properties)"
        : "durations of " + durationsSource;
  }

  /**
   * This shard's cases of {@code selected}, in selection order.
   *
   * @param estimate seconds a case takes when the durations do not name it (machine-independent)
   */
  public List<ConformanceCase> select(
      List<ConformanceCase> selected, ToDoubleFunction<ConformanceCase> estimate) {
    return split(selected, total, weights(selected, estimate)).get(index - 1);
  }

  /** The record run.json keeps of this shard. */
  public ShardInfo info(List<ConformanceCase> selected, List<ConformanceCase> mine) {
    return new ShardInfo(
        index,
        total,
        mine.size(),
        selected.stream().map(ConformanceCase::id).toList(),
        balancedBy(),
        null);
  }

  /** Weights in whole milliseconds: integer sums add up the same everywhere. */
  Map<String, Long> weights(
      List<ConformanceCase> selected, ToDoubleFunction<ConformanceCase> estimate) {
    Map<String, Long> w = new HashMap<>();
    for (ConformanceCase c : selected) {
      Long known = durationMillis.get(c.id());
      long ms = known != null ? known : Math.round(estimate.applyAsDouble(c) * 1000);
      w.put(c.id(), Math.max(1, ms)); // a 0 ms case still costs a connection
    }
    return w;
  }

  /** The {@code n} parts, each in selection order (a part may be empty when cases < n). */
  static List<List<ConformanceCase>> split(
      List<ConformanceCase> selected, int n, Map<String, Long> weight) {
    List<ConformanceCase> byWeight = new ArrayList<>(selected);
    byWeight.sort(
        Comparator.comparing((ConformanceCase c) -> weight.get(c.id()))
            .reversed()
            .thenComparing(ConformanceCase::id, CaseIdOrder.INSTANCE));
    long[] load = new long[n];
    List<Set<String>> bins = new ArrayList<>();
    for (int i = 0; i < n; i++) bins.add(new HashSet<>());
    for (ConformanceCase c : byWeight) {
      int least = 0;
      for (int i = 1; i < n; i++) if (load[i] < load[least]) least = i;
      load[least] += weight.get(c.id());
      bins.get(least).add(c.id());
    }
    List<List<ConformanceCase>> parts = new ArrayList<>();
    for (Set<String> b : bins)
      parts.add(selected.stream().filter(c -> b.contains(c.id())).toList());
    return parts;
  }
}
