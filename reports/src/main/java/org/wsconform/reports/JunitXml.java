package org.wsconform.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsconform.verdict.Outcome;

/**
 * JUnit XML (the Ant/Surefire dialect every CI reads): one {@code <testsuite>} per group. FAILED is
 * a {@code <failure>}, ERROR an {@code <error>}, SKIPPED {@code <skipped>}; the body of a failure
 * or error is the evidence: reason, expected and observed events, close state, handshake and wire
 * log.
 */
final class JunitXml {

  /** Caps so that one huge case cannot make the file unusable; the case JSON has it all. */
  static final int MAX_SECTION_CHARS = 16_384;

  static final int MAX_WIRELOG_ROWS = 1_000;

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private JunitXml() {}

  /**
   * @param records sorted in report order
   */
  static String render(List<CaseRecord> records, RunInfo info) {
    boolean manyAgents = records.stream().map(CaseRecord::agent).distinct().count() > 1;
    Map<String, List<CaseRecord>> suites = new LinkedHashMap<>();
    for (CaseRecord r : records) {
      String key = (manyAgents ? r.agent() + "\u0000" : "") + group(r);
      suites.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    String timestamp =
        info == null || info.started() == null
            ? null
            : TIMESTAMP.format(info.started().truncatedTo(ChronoUnit.SECONDS));
    RunTotals all = RunTotals.of(records);

    StringBuilder x = new StringBuilder(4096 + records.size() * 256);
    x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append("<testsuites name=\"wsconform\"");
    counts(x, all, totalSeconds(records));
    x.append(">\n");
    int suiteId = 0;
    for (List<CaseRecord> cases : suites.values()) {
      CaseRecord first = cases.get(0);
      String group = group(first);
      String name = group + (first.groupTitle() == null ? "" : " " + first.groupTitle());
      if (manyAgents) {
        name = first.agent() + " " + name;
      }
      x.append("  <testsuite name=\"").append(Text.xmlAttr(name)).append('"');
      x.append(" id=\"").append(suiteId++).append('"');
      x.append(" package=\"wsconform\"");
      counts(x, RunTotals.of(cases), totalSeconds(cases));
      if (timestamp != null) {
        x.append(" timestamp=\"").append(timestamp).append('"');
      }
      x.append(">\n");
      x.append("    <properties>\n");
      property(x, "agent", first.agent());
      if (info != null && info.target() != null) {
        property(x, "target", info.target());
      }
      property(x, "group", group);
      x.append("    </properties>\n");
      for (CaseRecord r : cases) {
        testcase(x, r, manyAgents);
      }
      x.append("  </testsuite>\n");
    }
    x.append("</testsuites>\n");
    return x.toString();
  }

  private static void testcase(StringBuilder x, CaseRecord r, boolean manyAgents) {
    String classname =
        "wsconform." + (manyAgents ? AgentName.fileStem(r.agent()) + "." : "") + className(r);
    String name = r.id() + (r.title() == null ? "" : " " + r.title());
    x.append("    <testcase classname=\"")
        .append(Text.xmlAttr(classname))
        .append("\" name=\"")
        .append(Text.xmlAttr(name))
        .append("\" time=\"")
        .append(seconds(r.durationMillis()))
        .append("\">\n");
    Outcome outcome = Verdicts.outcome(r);
    String verdicts = "behavior=" + r.behavior() + " behaviorClose=" + r.behaviorClose();
    switch (outcome) {
      case FAILED -> {
        x.append("      <failure message=\"")
            .append(Text.xmlAttr(message(r, r.reason())))
            .append("\" type=\"")
            .append(Text.xmlAttr(verdicts))
            .append("\">");
        x.append(Text.xmlText(evidence(r))).append("</failure>\n");
      }
      case ERROR -> {
        String why = r.error() != null ? r.error() : r.reason();
        x.append("      <error message=\"")
            .append(Text.xmlAttr(message(r, why)))
            .append("\" type=\"")
            .append(Text.xmlAttr(verdicts))
            .append("\">");
        x.append(Text.xmlText(evidence(r))).append("</error>\n");
      }
      case SKIPPED -> {
        String why = r.reason() != null ? r.reason() : r.result();
        x.append("      <skipped message=\"")
            .append(Text.xmlAttr(message(r, why)))
            .append("\"/>\n");
      }
      default -> {}
    }
    StringBuilder out = new StringBuilder(verdicts);
    if (r.requirement() != null || r.rfc() != null) {
      out.append("\nrequirement=").append(r.requirement()).append(" rfc=").append(r.rfc());
    }
    if (r.result() != null) {
      out.append("\nresult: ").append(r.result());
    }
    if (r.resultClose() != null) {
      out.append("\nresultClose: ").append(r.resultClose());
    }
    out.append("\ncase file: cases/").append(AgentName.caseFileName(r.agent(), r.id()));
    x.append("      <system-out>")
        .append(Text.xmlText(Text.cap(out.toString(), MAX_SECTION_CHARS)))
        .append("</system-out>\n");
    x.append("    </testcase>\n");
  }

  private static String message(CaseRecord r, String why) {
    String m =
        why != null ? why : "behavior " + r.behavior() + ", behaviorClose " + r.behaviorClose();
    return Text.cap(Text.oneLine(m), 1_000);
  }

  /** The plain-text evidence of one case. */
  static String evidence(CaseRecord r) {
    StringBuilder b = new StringBuilder(1024);
    if (r.reason() != null) {
      b.append(r.reason()).append('\n');
    }
    if (r.error() != null) {
      b.append("error: ").append(r.error()).append('\n');
    }
    if (r.fix() != null) {
      b.append("how to fix: ").append(r.fix()).append('\n');
    }
    line(b, "requirement", join(r.requirement(), r.rfc()));
    line(b, "behavior", join(r.behavior(), r.result()));
    line(b, "behaviorClose", join(r.behaviorClose(), r.resultClose()));
    line(b, "expected", json(r.expected()));
    line(b, "expected close", json(r.expectedClose()));
    line(b, "observed", json(r.received()));
    line(b, "close", json(r.close()));
    line(b, "description", r.description());
    line(b, "expectation", r.expectation());
    section(b, "handshake request", r.httpRequest());
    section(b, "handshake response", r.httpResponse());
    if (r.wirelog() != null && !r.wirelog().isEmpty()) {
      StringBuilder w = new StringBuilder();
      int rows = Math.min(r.wirelog().size(), MAX_WIRELOG_ROWS);
      for (int i = 0; i < rows; i++) {
        CaseRecord.WireEntry e = r.wirelog().get(i);
        w.append(String.format(Locale.ROOT, "%10.3f ms  %-4s", e.atMillis(), e.kind()));
        if (e.text() != null) {
          w.append(' ').append(e.text());
        }
        if (e.length() != null) {
          w.append("  [").append(e.length()).append(" octets]");
        }
        if (e.hex() != null) {
          w.append("  ").append(e.hex());
        }
        w.append('\n');
      }
      if (rows < r.wirelog().size()) {
        w.append("… ").append(r.wirelog().size() - rows).append(" more rows in the case file\n");
      }
      b.append("wire log:\n").append(w);
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String value) {
    if (value != null && !value.isEmpty()) {
      b.append(label).append(": ").append(Text.cap(value, MAX_SECTION_CHARS)).append('\n');
    }
  }

  private static void section(StringBuilder b, String label, String value) {
    if (value != null && !value.isEmpty()) {
      String lines = value.replace("\r\n", "\n").strip(); // the exact octets are in the case file
      b.append(label).append(":\n").append(Text.cap(lines, MAX_SECTION_CHARS)).append('\n');
    }
  }

  private static String join(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + " (" + b + ")";
  }

  private static String json(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return Json.COMPACT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  private static void property(StringBuilder x, String name, String value) {
    x.append("      <property name=\"")
        .append(Text.xmlAttr(name))
        .append("\" value=\"")
        .append(Text.xmlAttr(value))
        .append("\"/>\n");
  }

  private static void counts(StringBuilder x, RunTotals t, double seconds) {
    x.append(" tests=\"")
        .append(t.cases())
        .append('"')
        .append(" failures=\"")
        .append(t.count(Outcome.FAILED))
        .append('"')
        .append(" errors=\"")
        .append(t.count(Outcome.ERROR))
        .append('"')
        .append(" skipped=\"")
        .append(t.count(Outcome.SKIPPED))
        .append('"')
        .append(" time=\"")
        .append(String.format(Locale.ROOT, "%.3f", seconds))
        .append('"');
  }

  private static double totalSeconds(List<CaseRecord> cases) {
    return cases.stream().mapToLong(CaseRecord::durationMillis).sum() / 1000.0;
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  /**
   * The class name under "wsconform." with the same depth for every group and no dot inside a group
   * id: CI tools (Jenkins, GitLab) split a class name at its last dot into package and class, so
   * "wsconform.6.3" read as package "wsconform.6" while "wsconform.2" sat in "wsconform". Now:
   * "g6.g6_3", "g2.g2", "gH.gH" (package = the top group, class = the group).
   */
  static String className(CaseRecord r) {
    String g = group(r);
    int dot = g.indexOf('.');
    String top = dot < 0 ? g : g.substring(0, dot);
    return "g" + top + ".g" + g.replace('.', '_');
  }

  static String group(CaseRecord r) {
    return r.group() != null ? r.group() : CaseIdOrder.groupOf(r.id());
  }
}
