package org.wsconform.cli;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.reports.CaseIdOrder;
import org.wsconform.reports.RunInfo;
import org.wsconform.reports.RunTotals;
import org.wsconform.run.CaseResult;
import org.wsconform.run.ConnectionSettings;
import org.wsconform.run.ProgressListener;
import org.wsconform.run.RunContext;
import org.wsconform.verdict.Outcome;

/**
 * What a run prints on the console: what it runs against and where the results go, the progress,
 * the summary by outcome, verdict and group with the cases that failed, and the harness's own CPU
 * time and heap (--stats).
 */
final class RunConsole {

  private RunConsole() {}

  /** The lines before the first case: target, results folder, and any note or warning. */
  static void start(PrintStream stdout, PrintStream stderr, RunContext ctx) {
    stdout.println(
        "wsconform: "
            + ctx.selected().size()
            + " cases against "
            + ctx.settings().endpoint()
            + " ("
            + ctx.settings().agent()
            + ")");
    stdout.println("results: " + ctx.folder().dir().toAbsolutePath());
    String reduced = deflateNote(ctx);
    if (reduced != null) stdout.println("NOTE: " + reduced);
    if (ctx.preflight().handshakeFailure() != null) {
      stdout.println("WARNING: " + ctx.preflight().handshakeFailure());
      stdout.println(
          "         every case that needs the canonical handshake is recorded as ERROR; see the H.* and R.* cases");
    }
    if (ConnectionSettings.insecure(ctx.settings())) {
      stdout.println("WARNING: " + ConnectionSettings.INSECURE_WARNING);
      stderr.println("wsconform: WARNING: " + ConnectionSettings.INSECURE_WARNING);
    }
  }

  /** CPU time of this JVM and the peak heap it used, for scripts/bench. */
  static void stats(PrintStream stdout, double wallSeconds) {
    double cpu = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
      cpu = os.getProcessCpuTime() / 1e9;
    }
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
    }
    stdout.printf(
        "stats: wall %.2f s, harness cpu %.2f s, peak heap %.1f MiB, max heap %.0f MiB%n",
        wallSeconds, cpu, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
  }

  /** After the last case: counts by outcome, verdict and group, and the cases that failed. */
  static void summary(PrintStream stdout, RunContext ctx, RunTotals totals, double seconds) {
    List<CaseResult> results = ctx.results();
    stdout.printf("%n%d cases in %.1f s%n", totals.cases(), seconds);
    stdout.println("  outcome:       " + counts(totals.outcomes()));
    stdout.println("  behavior:      " + counts(totals.behavior()));
    stdout.println("  behaviorClose: " + counts(totals.behaviorClose()));
    Map<String, Map<String, Integer>> byGroup = new LinkedHashMap<>();
    Map<String, String> titles = new LinkedHashMap<>();
    for (ConformanceCase c : ctx.selected()) {
      byGroup.putIfAbsent(c.topGroup(), new LinkedHashMap<>());
      titles.putIfAbsent(c.topGroup(), c.groupTitle().split(" / ")[0]);
    }
    for (CaseResult r : results) {
      byGroup.get(r.testCase().topGroup()).merge(r.judgement().behavior().label(), 1, Integer::sum);
    }
    stdout.println("  by group:");
    byGroup.forEach((g, m) -> stdout.printf("    %-3s %-28s %s%n", g, titles.get(g), counts(m)));
    List<CaseResult> bad =
        results.stream()
            .filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR)
            .sorted((a, b) -> CaseIdOrder.INSTANCE.compare(a.testCase().id(), b.testCase().id()))
            .toList();
    if (!bad.isEmpty()) {
      stdout.println("  failed:");
      for (CaseResult r : bad) {
        stdout.println(
            "    "
                + r.outcome()
                + " "
                + r.testCase().id()
                + " "
                + r.testCase().title()
                + ": "
                + r.reason());
        if (r.fix() != null) stdout.println("      how to fix: " + r.fix());
      }
    }
    String reduced = deflateNote(ctx);
    if (reduced != null) stdout.println("  NOTE: " + reduced);
    stdout.println("results: " + ctx.folder().dir().toAbsolutePath());
  }

  /** Said when 12.x/13.x cases are selected with another count than Autobahn's, else null. */
  private static String deflateNote(RunContext ctx) {
    boolean deflateSelected =
        ctx.selected().stream().anyMatch(c -> c.id().startsWith("12.") || c.id().startsWith("13."));
    return deflateSelected ? RunInfo.deflateNote(ctx.config().deflateRoundTrips()) : null;
  }

  private static String counts(Map<String, Integer> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach(
        (k, v) -> {
          if (v > 0) sb.append(k).append(' ').append(v).append("  ");
        });
    return sb.length() == 0 ? "-" : sb.toString().trim();
  }

  /** Progress for long runs: every failure at once, and a count line every 2 s. */
  static final class Progress implements ProgressListener {
    private final PrintStream out;
    private long lastLine = System.nanoTime();

    Progress(PrintStream out) {
      this.out = out;
    }

    @Override
    public synchronized void caseFinished(CaseResult r, int done, int total) {
      if (r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR) {
        out.println(
            "  "
                + r.outcome()
                + " "
                + r.testCase().id()
                + " "
                + r.testCase().title()
                + ": "
                + r.reason());
      }
      long now = System.nanoTime();
      if (now - lastLine > 2_000_000_000L || done == total) {
        out.printf(
            "  [%d/%d] %d%% — last: %s %s%n",
            done,
            total,
            done * 100 / Math.max(1, total),
            r.testCase().id(),
            r.judgement().behavior().label());
        lastLine = now;
      }
    }
  }
}
