package org.wsconform.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

  /** One target: the cases of one agent in one folder. */
  record Column(
      Path folder,
      String agent,
      String run,
      boolean autobahn,
      Map<String, CaseRecord> cases,
      Map<String, String> anchors,
      Path report) {

    String label() {
      return agent == null ? "(unknown agent)" : agent;
    }
  }

  /**
   * Writes the matrix of these folders' runs to {@code outHtml} (self-contained, links relative to
   * its folder).
   *
   * @throws IOException when a folder holds no results
   */
  public static Path render(List<Path> folders, Path outHtml) throws IOException {
    List<Column> columns = columns(folders);
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
    return textOf(columns(folders));
  }

  static List<Column> columns(List<Path> folders) throws IOException {
    if (folders.isEmpty()) {
      throw new IOException("no results folder given");
    }
    List<Column> columns = new ArrayList<>();
    for (Path folder : folders) {
      boolean ours = Files.isRegularFile(folder.resolve(RunFolder.RESULTS_JSONL));
      if (!ours && !Files.isRegularFile(folder.resolve(RunFolder.INDEX_JSON))) {
        throw new IOException(
            folder
                + ": no "
                + RunFolder.RESULTS_JSONL
                + " or "
                + RunFolder.INDEX_JSON
                + " (not a results folder)");
      }
      List<CaseRecord> records = ResultsReader.readLatest(folder);
      List<String> anchors = HtmlReport.anchors(records);
      Path report = folder.resolve(HtmlReport.FILE);
      boolean hasOurReport = ours && Files.isRegularFile(report) && Html.isOursOrAbsent(report);
      Map<String, Column> byAgent = new LinkedHashMap<>();
      for (int i = 0; i < records.size(); i++) {
        CaseRecord r = records.get(i);
        Column c =
            byAgent.computeIfAbsent(
                String.valueOf(r.agent()),
                a ->
                    new Column(
                        folder,
                        r.agent(),
                        runName(folder),
                        !ours,
                        new LinkedHashMap<>(),
                        new LinkedHashMap<>(),
                        hasOurReport ? report : Files.isRegularFile(report) ? report : null));
        c.cases().put(r.id(), r);
        c.anchors().put(r.id(), hasOurReport ? anchors.get(i) : null);
      }
      if (byAgent.isEmpty()) {
        byAgent.put("", new Column(folder, null, runName(folder), !ours, Map.of(), Map.of(), null));
      }
      columns.addAll(byAgent.values());
    }
    return columns;
  }

  private static String runName(Path folder) {
    Path abs = folder.toAbsolutePath().normalize();
    Path name = abs.getFileName();
    if (name == null) {
      return abs.toString();
    }
    // Autobahn folders are often named "servers" or "clients": say whose
    Path parent = abs.getParent();
    String n = name.toString();
    if ((n.equals("servers") || n.equals("clients"))
        && parent != null
        && parent.getFileName() != null) {
      Path grand = parent.getParent();
      String prefix = grand != null && grand.getFileName() != null ? grand.getFileName() + "/" : "";
      return prefix + parent.getFileName() + "/" + n;
    }
    return n;
  }

  /** Every case id of the columns, in case-id order. */
  private static List<String> ids(List<Column> columns) {
    Set<String> ids = new TreeSet<>(CaseIdOrder.INSTANCE);
    columns.forEach(c -> ids.addAll(c.cases().keySet()));
    return new ArrayList<>(ids);
  }

  private static String category(String id) {
    int dot = id.indexOf('.');
    return dot > 0 ? id.substring(0, dot) : id;
  }

  private static String groupOf(List<Column> columns, String id) {
    for (Column c : columns) {
      CaseRecord r = c.cases().get(id);
      if (r != null && r.group() != null) {
        return r.group();
      }
    }
    return CaseIdOrder.groupOf(id);
  }

  /**
   * Category and sub-category titles from the records' group titles ("Framing / Text Messages").
   */
  private static Map<String, String> titles(List<Column> columns) {
    Map<String, String> titles = new LinkedHashMap<>();
    for (Column c : columns) {
      for (CaseRecord r : c.cases().values()) {
        String t = r.groupTitle();
        if (t == null || t.isBlank()) {
          continue;
        }
        String group = r.group() != null ? r.group() : CaseIdOrder.groupOf(r.id());
        String cat = category(r.id());
        int slash = t.indexOf(" / ");
        titles.putIfAbsent("c:" + cat, slash >= 0 ? t.substring(0, slash) : t);
        if (slash >= 0 && !group.equals(cat)) {
          titles.putIfAbsent("g:" + group, t.substring(slash + 3));
        }
      }
    }
    return titles;
  }

  private static String caseTitle(List<Column> columns, String id) {
    for (Column c : columns) {
      CaseRecord r = c.cases().get(id);
      if (r != null && r.title() != null && !r.title().isBlank()) {
        return r.title();
      }
    }
    for (Column c : columns) {
      CaseRecord r = c.cases().get(id);
      if (r != null && r.description() != null) {
        return HtmlReport.title(r);
      }
    }
    return "";
  }

  static String html(List<Column> columns, Path outDir) {
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("generator", Html.GENERATOR + " " + RunInfo.defaultVersion());
    page.put("csp", Html.CONTENT_SECURITY_POLICY);
    page.put("css", Html.asset("report.css"));
    page.put("js", Html.asset("matrix.js"));
    List<String> ids = ids(columns);
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
      h.put("counts", countsLine(c));
      heads.add(h);
    }
    page.put("columns", heads);

    Map<String, String> titles = titles(columns);
    List<Map<String, Object>> lines = new ArrayList<>();
    String lastCategory = null;
    String lastGroup = null;
    int differing = 0;
    for (String id : ids) {
      String cat = category(id);
      String group = groupOf(columns, id);
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
      row.put("title", caseTitle(columns, id));
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
    if (TIMED_CATEGORIES.contains(category(id))) {
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

  private static String countsLine(Column c) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String label : List.of("Pass", "Non-Strict", "Info", "Unimplemented", "Fail", "Error")) {
      counts.put(label, 0);
    }
    for (CaseRecord r : c.cases().values()) {
      counts.merge(Verdicts.behaviorLabel(r.behavior()), 1, Integer::sum);
    }
    StringBuilder s = new StringBuilder().append(c.cases().size()).append(" cases");
    counts.forEach(
        (label, n) -> {
          if (n > 0) {
            s.append(" \u00b7 ").append(label).append(' ').append(n);
          }
        });
    return s.toString();
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

  static String textOf(List<Column> columns) {
    List<String> ids = ids(columns);
    Map<String, String> titles = titles(columns);
    StringBuilder out = new StringBuilder();
    out.append("wsconform comparison: ")
        .append(columns.size())
        .append(" target")
        .append(columns.size() == 1 ? "" : "s")
        .append(", ")
        .append(ids.size())
        .append(" cases\n");
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      out.append(
          String.format(
              Locale.ROOT,
              "  [%d] %s  (%s%s)  %s%n",
              i + 1,
              Text.oneLine(c.label()),
              c.autobahn() ? "Autobahn report " : "",
              Text.oneLine(c.run()),
              countsLine(c)));
    }
    out.append('\n');

    List<String[]> cells = new ArrayList<>();
    int[] width = new int[columns.size() + 1];
    width[0] = "case".length();
    for (String id : ids) {
      String[] row = new String[columns.size() + 1];
      row[0] = id;
      for (int i = 0; i < columns.size(); i++) {
        row[i + 1] = textCell(columns.get(i).cases().get(id));
      }
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
      cells.add(row);
    }
    for (int i = 1; i < width.length; i++) {
      width[i] = Math.max(width[i], ("[" + i + "]").length());
    }
    String[] head = new String[columns.size() + 1];
    head[0] = "case";
    for (int i = 1; i < head.length; i++) {
      head[i] = "[" + i + "]";
    }
    line(out, head, width);

    String lastCategory = null;
    String lastGroup = null;
    for (int k = 0; k < ids.size(); k++) {
      String id = ids.get(k);
      String cat = category(id);
      String group = groupOf(columns, id);
      if (!cat.equals(lastCategory)) {
        String t = titles.getOrDefault("c:" + cat, "");
        out.append("\n== ")
            .append(cat)
            .append(t.isEmpty() ? "" : " " + Text.oneLine(t))
            .append('\n');
        lastCategory = cat;
        lastGroup = null;
      }
      if (!group.equals(cat) && !group.equals(lastGroup)) {
        String t = titles.getOrDefault("g:" + group, "");
        out.append("-- ")
            .append(group)
            .append(t.isEmpty() ? "" : " " + Text.oneLine(t))
            .append('\n');
      }
      lastGroup = group;
      line(out, cells.get(k), width);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String[] cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      l.append(cells[i]);
      if (i < cells.length - 1) {
        l.append(" ".repeat(width[i] - cells[i].length() + 2));
      }
    }
    out.append(l.toString().stripTrailing()).append('\n');
  }

  /** {@code Pass 1000}, {@code Non-Strict 1007}, {@code Fail 1002 WRONG CODE}, {@code Missing}. */
  static String textCell(CaseRecord r) {
    if (r == null) {
      return "Missing";
    }
    String label = Verdicts.behaviorLabel(r.behavior());
    if ("UNIMPLEMENTED".equals(r.behavior())) {
      return label;
    }
    Integer code = Verdicts.remoteCloseCode(r);
    String close = r.behaviorClose();
    String codeText = code == null ? "-" : code.toString();
    if (close == null || close.equals("ERROR")) {
      return label.equals("Error") ? label : label + " " + codeText + " ERROR";
    }
    if (close.equals("OK") || close.equals("INFORMATIONAL")) {
      return label + " " + codeText;
    }
    return label + " " + codeText + " " + close;
  }
}
