package org.wsconform.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsconform.reports.ComparisonColumns.Column;

/** The comparison matrix as plain text for a terminal, one line per case. */
final class ComparisonText {

  private ComparisonText() {}

  static String textOf(List<Column> columns) {
    List<String> ids = ComparisonColumns.ids(columns);
    Map<String, String> titles = ComparisonColumns.titles(columns);
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
              "  [%d] %s  (%s%s)  %s%s%n",
              i + 1,
              Text.oneLine(c.label()),
              c.autobahn() ? "Autobahn report " : "",
              Text.oneLine(c.run()),
              ComparisonColumns.countsLine(c),
              c.peer() == null ? "" : "  peer=" + c.peer()));
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
      String cat = ComparisonColumns.category(id);
      String group = ComparisonColumns.groupOf(columns, id);
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
