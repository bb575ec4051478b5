package org.wsconform.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.wsconform.verdict.Outcome;

/**
 * What changed between two runs, case by case (matched by case id).
 *
 * <ul>
 *   <li><b>regressions</b>: a verdict got worse: behavior by {@link Verdicts#BEHAVIOR_RANK} (OK
 *       &lt; INFORMATIONAL &lt; NON-STRICT &lt; UNIMPLEMENTED &lt; FAILED &lt; ERROR),
 *       behaviorClose by {@link Verdicts#CLOSE_RANK} (OK &lt; INFORMATIONAL &lt; FAILED BY CLIENT
 *       &lt; WRONG CODE &lt; UNCLEAN &lt; FAILED &lt; ERROR), or the outcome (PASSED &lt; SKIPPED
 *       &lt; FAILED &lt; ERROR, so a pass that fails under {@code --strict} counts);
 *   <li><b>fixes</b>: something got better and nothing worse;
 *   <li><b>changed</b>: a verdict, the outcome or the server's close code differs, at equal rank;
 *   <li><b>new</b> cases (only after) and <b>missing</b> cases (only before).
 * </ul>
 *
 * <p>A missing case is a regression too: a run that silently stopped checking a case (a narrower
 * selection, a profile that excludes more, a run cut short) must not pass as "nothing got worse".
 * New cases are fine, only listed.
 */
public final class RunDiff {

  /** A case in both runs whose result differs. */
  public record Change(String id, String title, CaseRecord before, CaseRecord after) {

    /** {@code behavior OK → FAILED, behaviorClose OK → WRONG CODE, close code 1000 → 1002}. */
    public String verdicts() {
      List<String> parts = new ArrayList<>();
      parts.add(
          "behavior "
              + before.behavior()
              + (Objects.equals(before.behavior(), after.behavior())
                  ? ""
                  : " \u2192 " + after.behavior()));
      parts.add(
          "behaviorClose "
              + before.behaviorClose()
              + (Objects.equals(before.behaviorClose(), after.behaviorClose())
                  ? ""
                  : " \u2192 " + after.behaviorClose()));
      Integer cb = Verdicts.remoteCloseCode(before);
      Integer ca = Verdicts.remoteCloseCode(after);
      if (!Objects.equals(cb, ca)) {
        parts.add("close code " + code(cb) + " \u2192 " + code(ca));
      }
      String ob = Verdicts.outcome(before).name();
      String oa = Verdicts.outcome(after).name();
      if (!ob.equals(oa)) {
        parts.add("outcome " + ob + " \u2192 " + oa);
      }
      return String.join(", ", parts);
    }

    /** The after run's reason (or error) for a case that is not PASSED there, else null. */
    public String newReason() {
      if (Verdicts.outcome(after) == Outcome.PASSED) {
        return after.reason();
      }
      return after.reason() != null ? after.reason() : after.error();
    }
  }

  private final List<Change> regressions;
  private final List<Change> fixes;
  private final List<Change> changed;
  private final List<CaseRecord> newCases;
  private final List<CaseRecord> missingCases;
  private final int unchanged;
  private final String beforeLabel;
  private final String afterLabel;
  private final Path beforeFolder;
  private final Path afterFolder;

  private RunDiff(
      List<Change> regressions,
      List<Change> fixes,
      List<Change> changed,
      List<CaseRecord> newCases,
      List<CaseRecord> missingCases,
      int unchanged,
      String beforeLabel,
      String afterLabel,
      Path beforeFolder,
      Path afterFolder) {
    this.regressions = Collections.unmodifiableList(regressions);
    this.fixes = Collections.unmodifiableList(fixes);
    this.changed = Collections.unmodifiableList(changed);
    this.newCases = Collections.unmodifiableList(newCases);
    this.missingCases = Collections.unmodifiableList(missingCases);
    this.unchanged = unchanged;
    this.beforeLabel = beforeLabel;
    this.afterLabel = afterLabel;
    this.beforeFolder = beforeFolder;
    this.afterFolder = afterFolder;
  }

  /**
   * The difference between two runs' records. A case id recorded more than once in a run counts
   * with its last record. Everything is listed in case-id order.
   */
  public static RunDiff of(List<CaseRecord> before, List<CaseRecord> after) {
    return of(before, after, "before", "after", null, null);
  }

  /** The difference between two results folders (ours or Autobahn's), named by folder. */
  public static RunDiff of(Path beforeFolder, Path afterFolder) throws IOException {
    return of(
        ResultsReader.read(beforeFolder),
        ResultsReader.read(afterFolder),
        name(beforeFolder),
        name(afterFolder),
        beforeFolder,
        afterFolder);
  }

  private static String name(Path folder) {
    Path n = folder.toAbsolutePath().normalize().getFileName();
    return n == null ? folder.toString() : n.toString();
  }

  private static RunDiff of(
      List<CaseRecord> before,
      List<CaseRecord> after,
      String beforeLabel,
      String afterLabel,
      Path beforeFolder,
      Path afterFolder) {
    Map<String, CaseRecord> b = byId(before);
    Map<String, CaseRecord> a = byId(after);
    List<Change> regressions = new ArrayList<>();
    List<Change> fixes = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    List<CaseRecord> added = new ArrayList<>();
    List<CaseRecord> missing = new ArrayList<>();
    int unchanged = 0;
    for (CaseRecord old : b.values()) {
      if (!a.containsKey(old.id())) {
        missing.add(old);
      }
    }
    for (CaseRecord now : a.values()) {
      CaseRecord old = b.get(now.id());
      if (old == null) {
        added.add(now);
        continue;
      }
      int db =
          Integer.compare(
              Verdicts.behaviorRank(now.behavior()), Verdicts.behaviorRank(old.behavior()));
      int dc =
          Integer.compare(
              Verdicts.closeRank(now.behaviorClose()), Verdicts.closeRank(old.behaviorClose()));
      int dout =
          Integer.compare(
              Verdicts.outcomeRank(Verdicts.outcome(now)),
              Verdicts.outcomeRank(Verdicts.outcome(old)));
      Change change = new Change(now.id(), title(old, now), old, now);
      if (db > 0 || dc > 0 || dout > 0) {
        regressions.add(change);
      } else if (db < 0 || dc < 0 || dout < 0) {
        fixes.add(change);
      } else if (!Objects.equals(old.behavior(), now.behavior())
          || !Objects.equals(old.behaviorClose(), now.behaviorClose())
          || Verdicts.outcome(old) != Verdicts.outcome(now)
          || !Objects.equals(Verdicts.remoteCloseCode(old), Verdicts.remoteCloseCode(now))) {
        changed.add(change);
      } else {
        unchanged++;
      }
    }
    return new RunDiff(
        regressions,
        fixes,
        changed,
        added,
        missing,
        unchanged,
        beforeLabel,
        afterLabel,
        beforeFolder,
        afterFolder);
  }

  private static Map<String, CaseRecord> byId(List<CaseRecord> records) {
    Map<String, CaseRecord> m = new TreeMap<>(CaseIdOrder.INSTANCE);
    for (CaseRecord r : records) {
      if (r.id() != null) {
        m.put(r.id(), r);
      }
    }
    return m;
  }

  private static String title(CaseRecord before, CaseRecord after) {
    String t = HtmlReport.title(after);
    return t.isEmpty() ? HtmlReport.title(before) : t;
  }

  public List<Change> regressions() {
    return regressions;
  }

  public List<Change> fixes() {
    return fixes;
  }

  /** Cases whose verdicts, outcome or close code changed at equal rank. */
  public List<Change> changed() {
    return changed;
  }

  /** Cases only the after run has. */
  public List<CaseRecord> newCases() {
    return newCases;
  }

  /** Cases only the before run has. */
  public List<CaseRecord> missingCases() {
    return missingCases;
  }

  /** Cases in both runs with the same verdicts, outcome and close code. */
  public int unchanged() {
    return unchanged;
  }

  /** Whether a case got worse or is missing in the after run. */
  public boolean hasRegressions() {
    return !regressions.isEmpty() || !missingCases.isEmpty();
  }

  /** What a missing case means and what to do, said wherever missing cases are listed. */
  public static final String MISSING_HINT =
      "each is a regression: BEFORE checked it, AFTER did not; run AFTER with the same selection"
          + " (--cases, --exclude, the profile's excludes) or diff against a run of this selection";

  /** A labelled copy (the names of the runs in the text and HTML). */
  public RunDiff withLabels(String before, String after) {
    return new RunDiff(
        regressions,
        fixes,
        changed,
        newCases,
        missingCases,
        unchanged,
        before,
        after,
        beforeFolder,
        afterFolder);
  }

  /** The counts in one line. */
  public String summary() {
    return regressions.size()
        + " regression"
        + (regressions.size() == 1 ? "" : "s")
        + ", "
        + fixes.size()
        + " fix"
        + (fixes.size() == 1 ? "" : "es")
        + ", "
        + changed.size()
        + " changed, "
        + newCases.size()
        + " new, "
        + missingCases.size()
        + " missing in AFTER"
        + (missingCases.isEmpty()
            ? ""
            : " (regression" + (missingCases.size() == 1 ? "" : "s") + ")")
        + ", "
        + unchanged
        + " unchanged";
  }

  /**
   * The diff for a terminal: the counts, then every regression, fix, change, new and missing case.
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append("wsconform diff: ")
        .append(Text.oneLine(beforeLabel))
        .append(" \u2192 ")
        .append(Text.oneLine(afterLabel))
        .append('\n');
    out.append(summary()).append('\n');
    textChanges(out, "Regressions", regressions, true);
    textChanges(out, "Fixes", fixes, false);
    textChanges(out, "Changed (same rank)", changed, false);
    textCases(out, "New cases", newCases);
    textCases(out, "Missing in AFTER", missingCases);
    if (!missingCases.isEmpty()) {
      out.append("  (").append(MISSING_HINT).append(")\n");
    }
    return out.toString();
  }

  private static void textChanges(
      StringBuilder out, String heading, List<Change> changes, boolean reasons) {
    if (changes.isEmpty()) {
      return;
    }
    out.append('\n').append(heading).append(" (").append(changes.size()).append("):\n");
    for (Change c : changes) {
      out.append("  ").append(c.id()).append("  ").append(Text.oneLine(c.title())).append('\n');
      out.append("      ").append(c.verdicts()).append('\n');
      String why = c.newReason();
      if (reasons && why != null) {
        out.append("      reason: ").append(Text.cap(Text.oneLine(why), 500)).append('\n');
      }
    }
  }

  private static void textCases(StringBuilder out, String heading, List<CaseRecord> cases) {
    if (cases.isEmpty()) {
      return;
    }
    out.append('\n').append(heading).append(" (").append(cases.size()).append("):\n");
    for (CaseRecord r : cases) {
      out.append("  ")
          .append(r.id())
          .append("  ")
          .append(Text.oneLine(HtmlReport.title(r)))
          .append("  [")
          .append(r.behavior())
          .append(" / ")
          .append(r.behaviorClose())
          .append("]\n");
    }
  }

  /** Writes the diff as a self-contained HTML page; case ids link to each run's report. */
  public Path renderHtml(Path out) throws IOException {
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Json.writeAtomically(out, html(dir));
    return out;
  }

  String html(Path outDir) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("generator", Html.GENERATOR + " " + RunInfo.defaultVersion());
    page.put("csp", Html.CONTENT_SECURITY_POLICY);
    page.put("css", Html.asset("report.css"));
    page.put("before", beforeLabel);
    page.put("after", afterLabel);
    page.put("beforeHref", reportHref(outDir, beforeFolder, null));
    page.put("afterHref", reportHref(outDir, afterFolder, null));
    page.put("summary", summary());
    page.put(
        "counts",
        List.of(
            count("Regressions", regressions.size(), "case_failed", "regressions"),
            count("Fixes", fixes.size(), "case_ok", "fixes"),
            count("Changed", changed.size(), "case_info", "changed"),
            count("New", newCases.size(), "case_non_strict", "new"),
            count(
                "Missing in after",
                missingCases.size(),
                missingCases.isEmpty() ? "case_missing" : "case_failed",
                "missing"),
            count("Unchanged", unchanged, "neutral", null)));
    page.put(
        "sections",
        List.of(
            changeSection("regressions", "Regressions", regressions, outDir),
            changeSection("fixes", "Fixes", fixes, outDir),
            changeSection("changed", "Changed at the same rank", changed, outDir)));
    page.put(
        "caseSections",
        List.of(
            caseSection(
                "new", "New cases (only in " + afterLabel + ")", newCases, afterFolder, outDir),
            caseSection(
                "missing",
                "Missing in AFTER (only in "
                    + beforeLabel
                    + (missingCases.isEmpty() ? ")" : "): " + MISSING_HINT),
                missingCases,
                beforeFolder,
                outDir)));
    return Html.render("diff", page);
  }

  private static Map<String, Object> count(String label, int n, String cls, String anchor) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", label);
    m.put("count", n);
    m.put("cls", cls);
    m.put("zero", n == 0);
    m.put("anchor", anchor);
    return m;
  }

  private Map<String, Object> changeSection(
      String id, String title, List<Change> changes, Path outDir) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Change c : changes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id());
      m.put("title", c.title());
      m.put("href", reportHref(outDir, afterFolder, c.after()));
      m.put("beforeHref", reportHref(outDir, beforeFolder, c.before()));
      m.put("behaviorBefore", String.valueOf(c.before().behavior()));
      m.put("behaviorAfter", String.valueOf(c.after().behavior()));
      m.put("bClsBefore", Verdicts.behaviorClass(c.before().behavior()));
      m.put("bClsAfter", Verdicts.behaviorClass(c.after().behavior()));
      m.put("closeBefore", String.valueOf(c.before().behaviorClose()));
      m.put("closeAfter", String.valueOf(c.after().behaviorClose()));
      m.put("cClsBefore", Verdicts.closeClass(c.before().behaviorClose()));
      m.put("cClsAfter", Verdicts.closeClass(c.after().behaviorClose()));
      m.put("codeBefore", code(Verdicts.remoteCloseCode(c.before())));
      m.put("codeAfter", code(Verdicts.remoteCloseCode(c.after())));
      m.put("outcomeBefore", Verdicts.outcome(c.before()).name());
      m.put("outcomeAfter", Verdicts.outcome(c.after()).name());
      String why = c.newReason();
      m.put("reason", why == null ? null : Text.cap(Text.oneLine(why), 1000));
      rows.add(m);
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("anchor", id);
    s.put("title", title);
    s.put("count", changes.size());
    s.put("rows", rows);
    s.put("empty", rows.isEmpty());
    return s;
  }

  private Map<String, Object> caseSection(
      String id, String title, List<CaseRecord> cases, Path folder, Path outDir) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CaseRecord r : cases) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.id());
      m.put("title", HtmlReport.title(r));
      m.put("href", reportHref(outDir, folder, r));
      m.put("behavior", String.valueOf(r.behavior()));
      m.put("behaviorClose", String.valueOf(r.behaviorClose()));
      m.put("bCls", Verdicts.behaviorClass(r.behavior()));
      m.put("cCls", Verdicts.closeClass(r.behaviorClose()));
      m.put("code", code(Verdicts.remoteCloseCode(r)));
      rows.add(m);
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("anchor", id);
    s.put("title", title);
    s.put("count", cases.size());
    s.put("rows", rows);
    s.put("empty", rows.isEmpty());
    return s;
  }

  /** A link to a folder's run report (at the case when given), when the folder has ours. */
  private static String reportHref(Path outDir, Path folder, CaseRecord r) {
    if (folder == null) {
      return null;
    }
    Path report = folder.resolve(HtmlReport.FILE);
    try {
      if (!Files.isRegularFile(report) || !Html.isOursOrAbsent(report)) {
        return null;
      }
    } catch (IOException e) {
      return null;
    }
    return Html.href(outDir, report, r == null ? null : Html.caseAnchor(r.id()));
  }

  private static String code(Integer code) {
    return code == null ? "\u2013" : code.toString();
  }
}
