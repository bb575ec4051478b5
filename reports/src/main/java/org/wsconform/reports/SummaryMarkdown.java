package org.wsconform.reports;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsconform.verdict.Outcome;

/**
 * {@code summary.md}: Markdown for a GitHub Actions step summary (append it to {@code
 * $GITHUB_STEP_SUMMARY}). Target, totals per outcome and per verdict, a table with a row of counts
 * per group, and every FAILED/ERROR case with its one-line reason.
 */
final class SummaryMarkdown {

  static final int MAX_REASON_CHARS = 300;

  /** A known cause plus its advice runs to two or three sentences: kept whole. */
  static final int MAX_FIX_CHARS = 1_000;

  private SummaryMarkdown() {}

  /**
   * @param records sorted in report order
   */
  static String render(List<CaseRecord> records, RunInfo info, String runId) {
    RunTotals totals = RunTotals.of(records);
    StringBuilder m = new StringBuilder(4096);
    String agent =
        info != null && info.agent() != null
            ? info.agent()
            : records.stream()
                .map(CaseRecord::agent)
                .distinct()
                .reduce((a, b) -> a + ", " + b)
                .orElse("?");
    m.append("## wsconform: ").append(Text.md(agent)).append("\n\n");
    if (info != null) {
      m.append("- **Target:** ").append(Text.md(info.target())).append('\n');
      if (info.identity() != null && !info.identity().describe().isEmpty()) {
        m.append("- **Target identity:** ")
            .append(Text.md(info.identity().describe()))
            .append('\n');
      }
      m.append("- **Cases:** ").append(totals.cases());
      if (!info.selection().isEmpty()) {
        m.append(" (selection: ").append(Text.md(String.join(", ", info.selection()))).append(')');
      }
      m.append('\n');
      if (info.shard() != null) {
        m.append("- **Shard:** ").append(Text.md(info.shard().describe())).append('\n');
      }
      if (!info.shards().isEmpty()) {
        m.append("- **Merged from:** ")
            .append(
                Text.md(
                    String.join(
                        ", ",
                        info.shards().stream()
                            .map(x -> x.describe() + (x.runId() == null ? "" : " " + x.runId()))
                            .toList())))
            .append('\n');
      }
      if (info.deflateRoundTripsNote() != null) {
        m.append("- **Not Autobahn's round trips:** ")
            .append(Text.md(info.deflateRoundTripsNote()))
            .append('\n');
      }
      m.append("- **Started:** ")
          .append(info.started() == null ? "?" : info.started().truncatedTo(ChronoUnit.SECONDS))
          .append(" · **wall time:** ")
          .append(String.format(Locale.ROOT, "%.1f s", info.wallTimeMillis() / 1000.0))
          .append('\n');
      m.append("- **wsconform** ")
          .append(Text.md(info.wsconformVersion()))
          .append(" · **Java** ")
          .append(Text.md(info.javaVersion()));
      if (runId != null) {
        m.append(" · **run** ").append(Text.md(runId));
      }
      m.append('\n');
    } else {
      m.append("- **Cases:** ").append(totals.cases()).append('\n');
    }
    m.append('\n');

    m.append("### Outcomes\n\n");
    m.append("| ✅ Passed | ❌ Failed | ⏭️ Skipped | ⚠️ Error |\n|---:|---:|---:|---:|\n");
    m.append("| ")
        .append(totals.count(Outcome.PASSED))
        .append(" | ")
        .append(totals.count(Outcome.FAILED))
        .append(" | ")
        .append(totals.count(Outcome.SKIPPED))
        .append(" | ")
        .append(totals.count(Outcome.ERROR))
        .append(" |\n\n");

    m.append("### Verdicts\n\n");
    m.append("| Verdict | behavior | behaviorClose |\n|---|---:|---:|\n");
    List<String> verdicts = new ArrayList<>(totals.behavior().keySet());
    totals
        .behaviorClose()
        .keySet()
        .forEach(
            v -> {
              if (!verdicts.contains(v)) {
                verdicts.add(v);
              }
            });
    for (String v : verdicts) {
      int b = totals.behavior().getOrDefault(v, 0);
      int c = totals.behaviorClose().getOrDefault(v, 0);
      if (b > 0 || c > 0) {
        m.append("| ")
            .append(Text.md(v))
            .append(" | ")
            .append(b)
            .append(" | ")
            .append(c)
            .append(" |\n");
      }
    }
    m.append('\n');

    m.append("### Groups\n\n");
    m.append("| Group | Title | Cases | Passed | Failed | Skipped | Error | behavior |\n");
    m.append("|---|---|---:|---:|---:|---:|---:|---|\n");
    Map<String, List<CaseRecord>> groups = new LinkedHashMap<>();
    boolean manyAgents = records.stream().map(CaseRecord::agent).distinct().count() > 1;
    for (CaseRecord r : records) {
      String key = (manyAgents ? r.agent() + " " : "") + JunitXml.group(r);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<CaseRecord>> g : groups.entrySet()) {
      RunTotals t = RunTotals.of(g.getValue());
      StringBuilder verdictCounts = new StringBuilder();
      t.behavior()
          .forEach(
              (v, n) -> {
                if (n > 0) {
                  verdictCounts
                      .append(verdictCounts.length() == 0 ? "" : ", ")
                      .append(v)
                      .append(' ')
                      .append(n);
                }
              });
      m.append("| ")
          .append(Text.md(g.getKey()))
          .append(" | ")
          .append(Text.md(g.getValue().get(0).groupTitle()))
          .append(" | ")
          .append(t.cases())
          .append(" | ")
          .append(t.count(Outcome.PASSED))
          .append(" | ")
          .append(t.count(Outcome.FAILED))
          .append(" | ")
          .append(t.count(Outcome.SKIPPED))
          .append(" | ")
          .append(t.count(Outcome.ERROR))
          .append(" | ")
          .append(Text.md(verdictCounts.toString()))
          .append(" |\n");
    }
    m.append('\n');

    m.append("### Failed and errored cases\n\n");
    int listed = 0;
    for (CaseRecord r : records) {
      Outcome outcome = Verdicts.outcome(r);
      if (!outcome.failing()) {
        continue;
      }
      String why =
          r.reason() != null
              ? r.reason()
              : r.error() != null
                  ? r.error()
                  : "behavior " + r.behavior() + ", behaviorClose " + r.behaviorClose();
      m.append("- ")
          .append(outcome == Outcome.FAILED ? "❌" : "⚠️")
          .append(" **")
          .append(Text.md(r.id()))
          .append("**");
      if (r.title() != null) {
        m.append(' ').append(Text.md(r.title()));
      }
      if (manyAgents) {
        m.append(" (").append(Text.md(r.agent())).append(')');
      }
      m.append(" — ")
          .append(outcome)
          .append(": ")
          .append(Text.md(Text.cap(Text.oneLine(why), MAX_REASON_CHARS)))
          .append('\n');
      if (r.fix() != null) {
        m.append("  - how to fix: ")
            .append(Text.md(Text.cap(Text.oneLine(r.fix()), MAX_FIX_CHARS)))
            .append('\n');
      }
      listed++;
    }
    if (listed == 0) {
      m.append("None.\n");
    }
    return m.toString();
  }
}
