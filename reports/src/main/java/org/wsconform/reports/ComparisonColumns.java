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

/**
 * The runs of a comparison, read and aligned: one {@link Column} per agent in each folder (ours
 * from {@code results.jsonl}, Autobahn's from {@code index.json}), and the rows they share: every
 * case id in case-id order, under category and sub-category titles taken from the records.
 */
final class ComparisonColumns {

  private ComparisonColumns() {}

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

    /**
     * The peer model the run assumed when it was not an echo ("silent", "dialogue": an application
     * endpoint), from its records' details; null for an echo peer or an Autobahn report.
     */
    String peer() {
      for (CaseRecord r : cases.values()) {
        if (r.details() != null && r.details().get("peer") instanceof String p)
          return "echo".equals(p) ? null : p;
      }
      return null;
    }
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
  static List<String> ids(List<Column> columns) {
    Set<String> ids = new TreeSet<>(CaseIdOrder.INSTANCE);
    columns.forEach(c -> ids.addAll(c.cases().keySet()));
    return new ArrayList<>(ids);
  }

  static String category(String id) {
    int dot = id.indexOf('.');
    return dot > 0 ? id.substring(0, dot) : id;
  }

  static String groupOf(List<Column> columns, String id) {
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
  static Map<String, String> titles(List<Column> columns) {
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

  static String caseTitle(List<Column> columns, String id) {
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

  static String countsLine(Column c) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String label :
        List.of("Pass", "Non-Strict", "Info", "Unimplemented", "N/A", "Fail", "Error")) {
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
}
