package org.wsconform.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.wsconform.reports.ComparisonColumns.Column;
import org.wsconform.verdict.Outcome;

/**
 * Several runs side by side, as Autobahn|Testsuite's report shows several agents: cases as rows
 * under category and sub-category header rows, one column pair per target (the behavior cell and
 * the close cell with the server's close code), coloured as in Autobahn's legend.
 *
 * <p>A folder is one of ours (read from {@code results.jsonl}) or an Autobahn report folder ({@code
 * index.json} and its per-case files), so an old Autobahn report stands beside our runs as more
 * columns (one per agent in its index). Cells link to the case in each run's {@code index.html} (or
 * to Autobahn's per-case HTML page when the folder has it).
 */
public final class ComparisonMatrix {

  /** Categories whose cells show the duration, as Autobahn's report does. */
  private static final Set<String> TIMED_CATEGORIES = Set.of("9", "12", "13");

  private ComparisonMatrix() {}

  /**
   * Writes the matrix of these folders' runs to {@code outHtml} (self-contained, links relative to
   * its folder).
   *
   * @throws IOException when a folder holds no results
   */
  public static Path render(List<Path> folders, Path outHtml) throws IOException {
    List<Column> columns = ComparisonColumns.columns(folders);
    Path dir = outHtml.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Json.writeAtomically(outHtml, html(columns, dir));
    return outHtml;
  }

  /**
   * The matrix as plain text for a terminal: the targets numbered, then a line per case with one
   * cell per target ({@code Pass 1000}, {@code Fail 1002 WRONG CODE}, {@code Missing}), under
   * category and sub-category lines.
   */
  public static String text(List<Path> folders) throws IOException {
    return ComparisonText.textOf(ComparisonColumns.columns(folders));
  }

  static String html(List<Column> columns, Path outDir) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("generator", Html.GENERATOR + " " + RunInfo.defaultVersion());
    page.put("csp", Html.CONTENT_SECURITY_POLICY);
    page.put("css", Html.asset("report.css"));
    page.put("js", Html.asset("matrix.js"));
    List<String> ids = ComparisonColumns.ids(columns);
    page.put("caseCount", ids.size());
    page.put("targetCount", columns.size());
    page.put("span", 1 + 2 * columns.size());

    List<Map<String, Object>> heads = new ArrayList<>();
    for (Column c : columns) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("agent", c.label());
      h.put("run", c.run());
      h.put("autobahn", c.autobahn());
      h.put("href", c.report() == null ? null : Html.href(outDir, c.report(), null));
      h.put("counts", ComparisonColumns.countsLine(c));
      h.put("peer", c.peer());
      heads.add(h);
    }
    page.put("columns", heads);

    Map<String, String> titles = ComparisonColumns.titles(columns);
    List<Map<String, Object>> lines = new ArrayList<>();
    String lastCategory = null;
    String lastGroup = null;
    int differing = 0;
    for (String id : ids) {
      String cat = ComparisonColumns.category(id);
      String group = ComparisonColumns.groupOf(columns, id);
      if (!cat.equals(lastCategory)) {
        lines.add(
            Map.of("category", Map.of("id", cat, "title", titles.getOrDefault("c:" + cat, ""))));
        lastCategory = cat;
        lastGroup = null;
      }
      if (!group.equals(cat) && !group.equals(lastGroup)) {
        lines.add(
            Map.of("sub", Map.of("id", group, "title", titles.getOrDefault("g:" + group, ""))));
      }
      lastGroup = group;

      List<Map<String, Object>> cells = new ArrayList<>();
      Set<String> verdicts = new TreeSet<>();
      for (Column c : columns) {
        CaseRecord r = c.cases().get(id);
        cells.add(cell(c, r, id, outDir));
        if (r != null) {
          verdicts.add(r.behavior() + "/" + r.behaviorClose());
        }
      }
      boolean differs = verdicts.size() > 1;
      if (differs) {
        differing++;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", id);
      row.put("title", ComparisonColumns.caseTitle(columns, id));
      row.put("cells", cells);
      row.put("differs", differs);
      lines.add(Map.of("case", row));
    }
    page.put("lines", lines);
    page.put("differing", differing);
    page.put("legend", legend());
    page.put("closeLegend", closeLegend());
    return Html.render("matrix", page);
  }

  private static Map<String, Object> cell(Column c, CaseRecord r, String id, Path outDir) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (r == null) {
      m.put("cls", Verdicts.MISSING_CLASS);
      m.put("label", "Missing");
      m.put("wide", true);
      m.put("tip", c.label() + ": case " + id + " not run");
      return m;
    }
    Integer code = Verdicts.remoteCloseCode(r);
    m.put("cls", Verdicts.behaviorClass(r.behavior()));
    m.put("label", Verdicts.behaviorLabel(r.behavior()));
    m.put("wide", "UNIMPLEMENTED".equals(r.behavior()));
    m.put("closeCls", Verdicts.closeClass(r.behaviorClose()));
    m.put("closeText", Verdicts.closeText(r.behaviorClose(), code));
    m.put("behavior", String.valueOf(r.behavior()));
    m.put("behaviorClose", String.valueOf(r.behaviorClose()));
    if (TIMED_CATEGORIES.contains(ComparisonColumns.category(id))) {
      m.put("duration", r.durationMillis() + " ms");
    }
    m.put(
        "tip",
        c.label()
            + " "
            + id
            + ": behavior "
            + r.behavior()
            + ", behaviorClose "
            + r.behaviorClose()
            + (code == null ? "" : ", close code " + code)
            + ", "
            + r.durationMillis()
            + " ms"
            + (r.reason() == null || Verdicts.outcome(r) == Outcome.PASSED
                ? ""
                : " \u2014 " + Text.cap(Text.oneLine(r.reason()), 300)));
    m.put("href", link(c, r, outDir));
    return m;
  }

  private static String link(Column c, CaseRecord r, Path outDir) {
    String anchor = c.anchors().get(r.id());
    if (!c.autobahn() && anchor != null && c.report() != null) {
      return Html.href(outDir, c.report(), anchor);
    }
    if (c.autobahn()
        && r.details() != null
        && r.details().get("reportfile") instanceof String f
        && f.endsWith(".json")) {
      Path name = Path.of(f).getFileName();
      if (name != null) {
        Path page = c.folder().resolve(name.toString().replaceAll("\\.json$", ".html"));
        if (Files.isRegularFile(page)) {
          return Html.href(outDir, page, null);
        }
      }
    }
    return null;
  }

  private static List<Map<String, Object>> legend() {
    return List.of(
        legendRow("case_ok", "Pass", "the case passed (behavior OK)"),
        legendRow(
            "case_non_strict",
            "Non-Strict",
            "a SHOULD or a canonical but unspecified "
                + "behaviour is missing while the implementation still conforms"),
        legendRow("case_info", "Info", "behaviour the specification leaves open, recorded"),
        legendRow(
            "case_unimplemented",
            "Unimplemented",
            "an optional feature is not offered " + "(e.g. permessage-deflate)"),
        legendRow(
            "case_failed",
            "Fail",
            "a MUST is broken (except in the limits and " + "performance cases 9.*)"),
        legendRow("case_missing", "Missing", "the case was skipped or not run"),
        legendRow(
            "case_error",
            "Error",
            "wsconform could not run the case (unreachable target, "
                + "harness fault): not the target's failure"));
  }

  private static List<Map<String, Object>> closeLegend() {
    return List.of(
        legendRow(
            "case_ok",
            "1000",
            "clean close as expected; the cell shows the server's "
                + "close code (\u2013 when it sent none)"),
        legendRow(
            "case_almost",
            "1000",
            "FAILED BY CLIENT: the harness had to close TCP " + "(the server should)"),
        legendRow(
            "case_non_strict",
            "1002",
            "WRONG CODE: the server's close code is not one " + "the case accepts"),
        legendRow("case_info", "1000", "INFORMATIONAL: closing behaviour recorded only"),
        legendRow(
            "case_failed",
            "Unclean",
            "UNCLEAN: close frames did not go both ways, or "
                + "the server did not close TCP in time"),
        legendRow("case_failed", "Fail", "FAILED: the wrong endpoint closed first"));
  }

  private static Map<String, Object> legendRow(String cls, String label, String text) {
    return Map.of("cls", cls, "label", label, "text", text);
  }
}
