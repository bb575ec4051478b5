package org.wsconform.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.wsconform.verdict.Outcome;

/**
 * The run report: {@code index.html} in a results folder, rendered from the folder alone and
 * self-contained (inline CSS and JS, nothing from the network; it opens from {@code file://}).
 *
 * <p>It shows the run (target, agent, times, versions), a summary by outcome, by behavior and
 * behaviorClose verdict and by group, and the case table: filterable (text, verdict, close verdict,
 * outcome, group) and sortable, in case-id order by default. Each case has a detail section,
 * collapsed until its row is clicked or the page is opened at {@code #case-<id>}: description,
 * expectation, requirement and RFC section, the reason, expected against observed events, the
 * handshake request and response, the close state (13 fields) and the wire log.
 *
 * <p>The page and its summaries are rendered here, each case's row and details by {@link
 * CaseSection}; the case details travel as JSON in a {@code <script type="application/json">} block
 * and are rendered by the page when opened, so a run with large wire logs stays quick to open.
 * Everything that came from the target is escaped: in the markup by {@link Html#escape}, in the
 * JSON by {@link Html#scriptJson}, and the page's script only ever sets it as text.
 */
public final class HtmlReport {

  /** The report's file name in a results folder. */
  public static final String FILE = "index.html";

  private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

  private HtmlReport() {}

  /**
   * Renders {@code <folder>/index.html} from the folder's {@code results.jsonl} (or, for an
   * Autobahn report folder, its {@code index.json} and case files) and {@code run.json} when
   * present; written atomically.
   *
   * @return the file written
   * @throws IOException when the folder holds no results, or it holds an {@code index.html} that is
   *     not ours (e.g. Autobahn's own report), which is never overwritten
   */
  public static Path render(Path folder) throws IOException {
    Path file = folder.resolve(FILE);
    if (!Html.isOursOrAbsent(file)) {
      throw new IOException(file + " exists and was not written by wsconform: not overwritten");
    }
    List<CaseRecord> records = ResultsReader.readLatest(folder, CaseSection::shortenPassedWireLog);
    Map<String, Object> run = readRunJson(folder.resolve(RunFolder.RUN_JSON));
    String name =
        folder.toAbsolutePath().normalize().getFileName() == null
            ? ""
            : folder.toAbsolutePath().normalize().getFileName().toString();
    Json.writeAtomically(file, html(records, run, name));
    return file;
  }

  /**
   * The page for these records.
   *
   * @param records one per case, in report order
   * @param run the folder's {@code run.json} as a map, or null (an unfinished run, or an Autobahn
   *     folder)
   * @param folderName the results folder's name (the run id when run.json is absent)
   */
  static String html(List<CaseRecord> records, Map<String, Object> run, String folderName) {
    Map<String, Object> page = new LinkedHashMap<>();
    List<String> agents = records.stream().map(CaseRecord::agent).distinct().toList();
    String agent =
        run != null && run.get("agent") != null
            ? String.valueOf(run.get("agent"))
            : agents.isEmpty() ? "(no cases)" : String.join(", ", agents);
    boolean autobahn = !records.isEmpty() && records.stream().allMatch(HtmlReport::fromAutobahn);
    page.put("agent", agent);
    page.put("generator", Html.GENERATOR + " " + RunInfo.defaultVersion());
    page.put("csp", Html.CONTENT_SECURITY_POLICY);
    page.put("info", runInfo(run, folderName, records.size(), autobahn));
    page.put("unfinished", run == null && !autobahn);
    // --insecure: the page opens with the warning, so that no one reads these verdicts without it
    String insecure = insecureWarning(run);
    page.put("insecure", insecure != null);
    page.put("insecureWarning", insecure);
    page.put("autobahn", autobahn);
    page.put("caseCount", records.size());

    RunTotals totals = RunTotals.of(records);
    page.put("outcomes", outcomeCards(totals));
    page.put("behaviorCounts", verdictCounts(totals.behavior(), true));
    page.put("closeCounts", verdictCounts(totals.behaviorClose(), false));
    page.put("groups", groups(records));
    page.put("manyAgents", agents.size() > 1);

    List<Map<String, Object>> rows = new ArrayList<>(records.size());
    List<Map<String, Object>> details = new ArrayList<>(records.size());
    List<String> anchors = anchors(records);
    for (int i = 0; i < records.size(); i++) {
      rows.add(CaseSection.row(records.get(i), i, anchors.get(i)));
      details.add(CaseSection.detail(records.get(i), anchors.get(i)));
    }
    page.put("rows", rows);
    page.put("filterBehaviors", options(totals.behavior()));
    page.put("filterCloses", options(totals.behaviorClose()));
    page.put("filterOutcomes", options(totals.outcomes()));
    page.put("filterGroups", groupOptions(records));
    page.put("caseJson", Html.scriptJson(Map.of("cases", details)));
    page.put("css", Html.asset("report.css"));
    page.put("js", Html.asset("run-report.js"));
    return Html.render("run-report", page);
  }

  /**
   * The anchor of each record's section, in order: {@code case-<id>}; where a folder holds several
   * agents, a case id already taken gets {@code case-<id>-<agent stem>}.
   *
   * @param records one per agent and case, in report order (as {@link ResultsReader#readLatest})
   */
  static List<String> anchors(List<CaseRecord> records) {
    Set<String> taken = new HashSet<>();
    List<String> out = new ArrayList<>(records.size());
    for (CaseRecord r : records) {
      String anchor = Html.caseAnchor(r.id());
      if (!taken.add(anchor)) {
        anchor = Html.caseAnchor(r.id() + "-" + AgentName.fileStem(String.valueOf(r.agent())));
        for (int n = 2; !taken.add(anchor); n++) {
          anchor = Html.caseAnchor(r.id() + "-" + n);
        }
      }
      out.add(anchor);
    }
    return out;
  }

  static boolean fromAutobahn(CaseRecord r) {
    return r.details() != null && "autobahn".equals(r.details().get("source"));
  }

  private static Map<String, Object> readRunJson(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(file.toFile(), OBJECT_MAP);
    } catch (IOException e) {
      return null; // a damaged run.json must not cost the report
    }
  }

  private static List<Map<String, Object>> runInfo(
      Map<String, Object> run, String folderName, int cases, boolean autobahn) {
    List<Map<String, Object>> info = new ArrayList<>();
    if (run != null) {
      TargetIdentity id = TargetIdentity.fromJson(run.get("targetIdentity"));
      String warning = insecureWarning(run);
      add(
          info,
          "Target",
          id == null || id.describe().isEmpty()
              ? run.get("target")
              : id.describe() + (warning == null ? "" : " — " + warning));
      add(info, "Run", run.get("runId") != null ? run.get("runId") : folderName);
      add(info, "Started", run.get("started"));
      add(info, "Finished", run.get("finished"));
      if (run.get("wallTimeMillis") instanceof Number n) {
        add(info, "Wall time", String.format(Locale.ROOT, "%.1f s", n.doubleValue() / 1000));
      }
      Object selection = run.get("selection");
      if (selection instanceof List<?> l && !l.isEmpty()) {
        add(info, "Selection", String.join(", ", l.stream().map(String::valueOf).toList()));
      }
      if (run.get("deflateRoundTrips") instanceof Number n) {
        add(
            info,
            "12.*/13.* round trips",
            n.intValue() == RunInfo.AUTOBAHN_DEFLATE_ROUND_TRIPS
                ? n + " (Autobahn's)"
                : RunInfo.deflateNote(n.intValue()));
      }
      ShardInfo shard = ShardInfo.fromJson(run.get("shard"));
      if (shard != null) add(info, "Shard", shard.describe());
      if (run.get("shards") instanceof List<?> l && !l.isEmpty()) {
        add(
            info,
            "Merged from",
            String.join(
                ", ",
                l.stream()
                    .map(ShardInfo::fromJson)
                    .filter(x -> x != null)
                    .map(x -> x.describe() + (x.runId() == null ? "" : " " + x.runId()))
                    .toList()));
      }
      add(info, "wsconform", run.get("wsconformVersion"));
      add(info, "Java", run.get("javaVersion"));
    } else {
      add(info, "Run", folderName);
      add(
          info,
          "Source",
          autobahn
              ? "Autobahn|Testsuite report (index.json and case files)"
              : "results.jsonl of an unfinished run (no run.json yet)");
    }
    add(info, "Cases", cases);
    return info;
  }

  /**
   * The --insecure warning the run wrote after its target in run.json ("… — INSECURE: …"), or null.
   */
  static String insecureWarning(Map<String, Object> run) {
    Object target = run == null ? null : run.get("target");
    int at = target == null ? -1 : String.valueOf(target).indexOf("INSECURE:");
    return at < 0 ? null : String.valueOf(target).substring(at);
  }

  private static void add(List<Map<String, Object>> info, String key, Object value) {
    if (value != null && !String.valueOf(value).isEmpty()) {
      info.add(Map.of("k", key, "v", String.valueOf(value)));
    }
  }

  private static List<Map<String, Object>> outcomeCards(RunTotals totals) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Outcome o : Outcome.reportOrder()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("outcome", o.name());
      m.put("label", o.name().charAt(0) + o.name().substring(1).toLowerCase(Locale.ROOT));
      m.put("count", totals.count(o));
      m.put("cls", outcomeClass(o));
      m.put("zero", totals.count(o) == 0);
      out.add(m);
    }
    return out;
  }

  static String outcomeClass(Outcome outcome) {
    return switch (outcome) {
      case PASSED -> "case_ok";
      case FAILED -> "case_failed";
      case SKIPPED -> "case_unimplemented";
      default -> "case_error";
    };
  }

  private static List<Map<String, Object>> verdictCounts(
      Map<String, Integer> counts, boolean behavior) {
    List<Map<String, Object>> out = new ArrayList<>();
    counts.forEach(
        (verdict, n) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("verdict", verdict);
          m.put("count", n);
          m.put("zero", n == 0);
          m.put("cls", behavior ? Verdicts.behaviorClass(verdict) : Verdicts.closeClass(verdict));
          out.add(m);
        });
    return out;
  }

  private static List<Map<String, Object>> options(Map<String, Integer> counts) {
    List<Map<String, Object>> out = new ArrayList<>();
    counts.forEach(
        (value, n) -> {
          if (n > 0) {
            out.add(Map.of("value", value, "label", value + " (" + n + ")"));
          }
        });
    return out;
  }

  private static List<Map<String, Object>> groupOptions(List<CaseRecord> records) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (CaseRecord r : sortedByGroup(records)) {
      counts.merge(groupId(r), 1, Integer::sum);
    }
    return options(counts);
  }

  static String groupId(CaseRecord r) {
    return r.group() != null ? r.group() : CaseIdOrder.groupOf(r.id());
  }

  private static List<CaseRecord> sortedByGroup(List<CaseRecord> records) {
    List<CaseRecord> sorted = new ArrayList<>(records);
    sorted.sort((a, b) -> CaseIdOrder.INSTANCE.compare(groupId(a), groupId(b)));
    return sorted;
  }

  private static List<Map<String, Object>> groups(List<CaseRecord> records) {
    Map<String, List<CaseRecord>> byGroup = new LinkedHashMap<>();
    for (CaseRecord r : sortedByGroup(records)) {
      byGroup.computeIfAbsent(groupId(r), g -> new ArrayList<>()).add(r);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    byGroup.forEach(
        (group, list) -> {
          RunTotals t = RunTotals.of(list);
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("group", group);
          m.put(
              "title",
              list.stream()
                  .map(CaseRecord::groupTitle)
                  .filter(s -> s != null)
                  .findFirst()
                  .orElse(""));
          m.put("cases", t.cases());
          m.put("passed", t.count(Outcome.PASSED));
          m.put("failed", t.count(Outcome.FAILED));
          m.put("skipped", t.count(Outcome.SKIPPED));
          m.put("error", t.count(Outcome.ERROR));
          List<Map<String, Object>> bar = new ArrayList<>();
          t.behavior()
              .forEach(
                  (verdict, n) -> {
                    if (n > 0) {
                      bar.add(
                          Map.of(
                              "cls",
                              Verdicts.behaviorClass(verdict),
                              "verdict",
                              verdict,
                              "count",
                              n,
                              "pct",
                              String.format(Locale.ROOT, "%.2f", 100.0 * n / t.cases())));
                    }
                  });
          m.put("bar", bar);
          out.add(m);
        });
    return out;
  }

  /** The case's title, or for Autobahn's (untitled) cases the start of its description. */
  static String title(CaseRecord r) {
    if (r.title() != null && !r.title().isBlank()) {
      return r.title();
    }
    String d = Text.oneLine(fromAutobahn(r) ? autobahnText(r.description()) : r.description());
    int stop = d.indexOf(". ");
    if (stop > 0) {
      d = d.substring(0, stop + 1);
    }
    return d.length() <= 100 ? d : d.substring(0, 99) + "…";
  }

  /** Autobahn's descriptions are HTML fragments: its line breaks as new lines (still escaped). */
  static String autobahnText(String s) {
    return s == null ? null : s.replaceAll("(?i)<br\\s*/?>\\s*\\n?", "\n");
  }
}
