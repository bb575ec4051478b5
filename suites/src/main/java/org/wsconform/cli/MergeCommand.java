package org.wsconform.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.wsconform.reports.CaseIdOrder;
import org.wsconform.reports.CaseRecord;
import org.wsconform.reports.ResultsReader;
import org.wsconform.reports.ResultsWriter;
import org.wsconform.reports.RunFolder;
import org.wsconform.reports.RunInfo;
import org.wsconform.reports.RunTotals;
import org.wsconform.reports.ShardInfo;
import org.wsconform.reports.TargetIdentity;
import org.wsconform.verdict.Gate.FailOn;
import org.wsconform.verdict.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wsconform merge OUT DIR...}: one run folder from the folders of a run's shards ({@code
 * --shard i/n}), written by the same writer as a run (results.jsonl, index.json, case files, JUnit
 * XML, summary.md, index.html, run.json), with the shards' Allure results copied. It refuses what
 * would make a merged run lie: shards of different targets, harness versions, round-trip counts or
 * selections, and a case missing or run twice.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Joins the run folders of one run's shards (--shard i/n) into one run folder OUT, as if the",
      "selection had run in one job: results.jsonl, index.json, cases/, junit/TEST-wsconform.xml,",
      "allure-results/ (copied), summary.md, index.html, and run.json listing the shards.",
      "",
      "Refuses (exit 2, nothing written) shards of different targets, wsconform versions, round-trip",
      "counts or selections, and names every case that is missing (a shard not given, or stopped) or",
      "given twice. A DIR may be a run folder or a --out folder holding one (its 'latest')."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  wsconform merge merged shard-1 shard-2 shard-3",
      "  wsconform merge --fail-on non-strict merged shards/*",
      "",
      "Exit codes: 0 merged, no case fails --fail-on; 1 merged, a case fails it (each named);",
      "2 refused (the message says what differs or which cases are missing or doubled)."
    })
public final class MergeCommand implements Callable<Integer> {
  /** Cases a refusal names before it says "and N more". */
  static final int NAMED = 20;

  /** What a run against the embedded reference server has after its URL in run.json's target. */
  static final String EMBEDDED = " (embedded reference)";

  private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", paramLabel = "OUT", description = "the merged run folder (new or empty)")
  Path out;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "DIR",
      description = "the shards' run folders (or --out folders)")
  List<Path> dirs = new ArrayList<>();

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description =
          "which verdicts fail the merged run (exit 1), as for a run: failed (default), non-strict, unclean")
  String failOn;

  @Spec CommandSpec spec;

  /** A merge that must not happen: the message says what differs and what to do. */
  static final class Refused extends Exception {
    Refused(String m) {
      super(m);
    }
  }

  /** One shard as read back: its folder, run.json and latest records. */
  record Shard(Path dir, Map<String, Object> run, ShardInfo info, List<CaseRecord> records) {
    String name() {
      return dir.toString();
    }
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    FailOn level;
    try {
      level = failOn == null ? FailOn.FAILED : FailOn.parse(failOn);
    } catch (IllegalArgumentException e) {
      stderr.println("wsconform merge: " + e.getMessage());
      return 2;
    }
    List<CaseRecord> merged;
    RunTotals totals;
    try {
      List<Shard> shards = new ArrayList<>();
      for (Path d : dirs) shards.add(read(d));
      merged = check(shards);
      totals = write(out, shards, merged);
    } catch (Refused e) {
      stderr.println("wsconform merge: " + e.getMessage());
      return 2;
    } catch (IOException | UncheckedIOException e) {
      stderr.println("wsconform merge: cannot merge: " + e.getMessage());
      return 2;
    }
    stdout.println(
        "wsconform merge: "
            + Plural.of(dirs.size(), "shard")
            + ", "
            + Plural.of(totals.cases(), "case")
            + " → "
            + out.toAbsolutePath());
    stdout.println(
        "outcomes: "
            + totals.count(Outcome.PASSED)
            + " passed, "
            + totals.count(Outcome.FAILED)
            + " failed, "
            + totals.count(Outcome.SKIPPED)
            + " skipped, "
            + totals.count(Outcome.ERROR)
            + " error");
    List<CaseRecord> failing = merged.stream().filter(r -> GateOptions.fails(r, level)).toList();
    for (CaseRecord r : failing) {
      stdout.println(
          "  "
              + r.id()
              + " "
              + r.behavior()
              + "/"
              + r.behaviorClose()
              + (r.reason() == null ? "" : ": " + r.reason()));
    }
    if (!failing.isEmpty()) {
      stdout.println(
          Plural.of(failing.size(), "case")
              + " fail the gate (--fail-on "
              + level.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
              + ")");
      return 1;
    }
    return 0;
  }

  /** A shard's run folder: DIR itself, else the run its 'latest' names, else its one run. */
  static Path runFolder(Path dir) throws IOException, Refused {
    if (Files.isRegularFile(dir.resolve(RunFolder.RUN_JSON))) return dir;
    if (!Files.isDirectory(dir)) {
      throw new Refused(
          dir + ": no such folder; expected a shard's run folder (the --out of a --shard run)");
    }
    Optional<Path> latest = RunFolder.latest(dir);
    if (latest.isPresent() && Files.isRegularFile(latest.get().resolve(RunFolder.RUN_JSON)))
      return latest.get();
    List<Path> runs;
    try (Stream<Path> s = Files.list(dir)) {
      runs = s.filter(p -> Files.isRegularFile(p.resolve(RunFolder.RUN_JSON))).sorted().toList();
    }
    if (runs.size() == 1) return runs.get(0);
    throw new Refused(
        dir
            + ": expected a finished run folder (with run.json) or a folder holding exactly one,"
            + " observed "
            + (runs.isEmpty() ? "none" : runs.size() + " runs")
            + "; give each shard's run folder");
  }

  static Shard read(Path given) throws IOException, Refused {
    Path dir = runFolder(given);
    Map<String, Object> run = JSON.readValue(dir.resolve(RunFolder.RUN_JSON).toFile(), OBJECT_MAP);
    ShardInfo info = ShardInfo.fromJson(run.get("shard"));
    if (info == null) {
      throw new Refused(
          dir
              + " is a whole run, not a shard (its run.json has no 'shard'): merge only the folders"
              + " of runs made with --shard i/n");
    }
    return new Shard(dir, run, info, ResultsReader.readLatest(dir));
  }

  /**
   * Every check a merge needs, in the order a person would fix them; returns the merged records in
   * case id order.
   */
  static List<CaseRecord> check(List<Shard> shards) throws Refused {
    Shard first = shards.get(0);
    for (Shard s : shards.subList(1, shards.size())) {
      same(first, s, "target", "targets", "merge the shards of one run against one target");
      same(first, s, "targetIdentity", "targets", "merge the shards of one run against one target");
      same(first, s, "agent", "agents (--agent)", "give every shard the same --agent");
      same(
          first,
          s,
          "wsconformVersion",
          "wsconform versions (so catalogues)",
          "run every shard with the same wsconform");
      same(
          first,
          s,
          "deflateRoundTrips",
          "catalogues (--deflate-round-trips)",
          "give every shard the same --deflate-round-trips");
      same(
          first,
          s,
          "selection",
          "selections (--cases)",
          "give every shard the same --cases and --exclude");
      if (!first.info().selectedCases().equals(s.info().selectedCases())
          || first.info().total() != s.info().total()) {
        throw new Refused(
            "different selections: "
                + first.name()
                + " is "
                + first.info().describe()
                + ", "
                + s.name()
                + " is "
                + s.info().describe()
                + " of another selection; expected the shards of one split (same --cases,"
                + " --exclude, profile and shard count n)");
      }
    }
    Map<Integer, String> byIndex = new TreeMap<>();
    for (Shard s : shards) {
      String before = byIndex.put(s.info().index(), s.name());
      if (before != null) {
        throw new Refused(
            "duplicated shard: shard "
                + s.info().index()
                + "/"
                + s.info().total()
                + " is given twice ("
                + before
                + " and "
                + s.name()
                + "); expected each shard once");
      }
    }
    Set<String> expected = new LinkedHashSet<>(first.info().selectedCases());
    Map<String, List<String>> where = new TreeMap<>(CaseIdOrder.INSTANCE);
    Map<String, CaseRecord> byId = new TreeMap<>(CaseIdOrder.INSTANCE);
    for (Shard s : shards) {
      for (CaseRecord r : s.records()) {
        where.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(s.name());
        byId.put(r.id(), r);
      }
    }
    List<String> doubled =
        where.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .map(e -> e.getKey() + " (in " + String.join(" and ", e.getValue()) + ")")
            .toList();
    if (!doubled.isEmpty()) {
      throw new Refused(
          "duplicated cases: expected each case in one shard, observed "
              + Plural.of(doubled.size(), "case")
              + " in more than one: "
              + named(doubled)
              + "; merge one split's shards, each once");
    }
    List<String> foreign = byId.keySet().stream().filter(id -> !expected.contains(id)).toList();
    if (!foreign.isEmpty()) {
      throw new Refused(
          "cases outside the selection: "
              + named(foreign)
              + " are not in the shards' selection; merge only the shards of one split");
    }
    List<String> missing = expected.stream().filter(id -> !byId.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      List<String> absent = new ArrayList<>();
      for (int i = 1; i <= first.info().total(); i++)
        if (!byIndex.containsKey(i)) absent.add(i + "/" + first.info().total());
      throw new Refused(
          "missing cases: expected all "
              + Plural.of(expected.size(), "case")
              + " of the selection, observed "
              + Plural.of(missing.size(), "case")
              + " in no shard: "
              + named(missing)
              + (absent.isEmpty()
                  ? "; a shard stopped early: rerun it"
                  : "; shard " + String.join(", ", absent) + " not given: add its folder"));
    }
    return new ArrayList<>(byId.values());
  }

  private static void same(Shard a, Shard b, String key, String what, String todo) throws Refused {
    Object x = comparable(a.run(), key);
    Object y = comparable(b.run(), key);
    if (!Objects.equals(x, y)) {
      throw new Refused(
          "different "
              + what
              + ": "
              + a.name()
              + " has "
              + key
              + " "
              + x
              + ", "
              + b.name()
              + " has "
              + y
              + "; expected the same in every shard: "
              + todo);
    }
  }

  /**
   * A run.json value as the shards must agree on it. The embedded reference server listens on a new
   * port in every process, so its port is no difference between shards of the default run.
   */
  private static Object comparable(Map<String, Object> run, String key) {
    Object v = run.get(key);
    if (!String.valueOf(run.get("target")).endsWith(EMBEDDED)) return v;
    if (key.equals("target")) return "ws://127.0.0.1:<port>/" + EMBEDDED;
    if (key.equals("targetIdentity") && v instanceof Map<?, ?> m) {
      Map<Object, Object> copy = new TreeMap<>(Comparator.comparing(String::valueOf));
      copy.putAll(m);
      copy.remove("url");
      return copy;
    }
    return v;
  }

  private static String named(List<String> items) {
    if (items.size() <= NAMED) return String.join(", ", items);
    return String.join(", ", items.subList(0, NAMED)) + " and " + (items.size() - NAMED) + " more";
  }

  /** Writes the merged run with the run's own writer; the shards' Allure results are copied. */
  static RunTotals write(Path out, List<Shard> shards, List<CaseRecord> merged)
      throws IOException, Refused {
    if (Files.exists(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw new Refused(
              out + " exists and is not empty: expected a new or empty folder for the merged run");
        }
      }
    }
    RunFolder folder = RunFolder.open(out);
    for (Shard s : shards) copyAllure(s.dir().resolve(RunFolder.ALLURE_RESULTS), folder);
    List<Shard> byIndex =
        shards.stream().sorted(Comparator.comparingInt(s -> s.info().index())).toList();
    Shard first = byIndex.get(0);
    Instant started = null;
    Instant finished = null;
    List<ShardInfo> infos = new ArrayList<>();
    for (Shard s : byIndex) {
      Instant a = instant(s.run().get("started"));
      Instant b = instant(s.run().get("finished"));
      if (a != null && (started == null || a.isBefore(started))) started = a;
      if (b != null && (finished == null || b.isAfter(finished))) finished = b;
      ShardInfo i = s.info();
      infos.add(
          new ShardInfo(
              i.index(),
              i.total(),
              i.cases(),
              List.of(),
              i.balancedBy(),
              s.dir().getFileName().toString()));
    }
    Map<String, Object> run = first.run();
    List<String> selection = new ArrayList<>();
    if (run.get("selection") instanceof List<?> l) l.forEach(x -> selection.add(String.valueOf(x)));
    RunInfo info =
        new RunInfo(
                str(run.get("target")),
                str(run.get("agent")),
                started,
                finished,
                started == null || finished == null
                    ? 0
                    : Duration.between(started, finished).toMillis(),
                str(run.get("wsconformVersion")),
                str(run.get("javaVersion")),
                selection,
                run.get("deflateRoundTrips") instanceof Number n
                    ? n.intValue()
                    : RunInfo.AUTOBAHN_DEFLATE_ROUND_TRIPS,
                TargetIdentity.fromJson(run.get("targetIdentity")))
            .withShards(infos);
    try (ResultsWriter w = new ResultsWriter(folder)) {
      for (CaseRecord r : merged) w.record(r);
      return w.finish(info);
    }
  }

  private static void copyAllure(Path from, RunFolder to) throws IOException {
    if (!Files.isDirectory(from)) return;
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.allureResultsDir().resolve(p.getFileName().toString());
        // Allure names its files by UUID: a clash is the same file copied twice
        if (Files.isRegularFile(p) && !Files.exists(target))
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static Instant instant(Object o) {
    try {
      return o == null ? null : Instant.parse(String.valueOf(o));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
