package org.wsconform.cli;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.PeerNeed;
import org.wsconform.cases.PeerNeeds;
import org.wsconform.reports.CaseIdOrder;
import org.wsconform.reports.HtmlReport;
import org.wsconform.reports.RunFolder;
import org.wsconform.reports.RunInfo;
import org.wsconform.reports.RunTotals;
import org.wsconform.run.CaseResult;
import org.wsconform.run.ConnectionSettings;
import org.wsconform.run.ProgressListener;
import org.wsconform.run.RunContext;
import org.wsconform.session.Peer;
import org.wsconform.session.PeerModel;
import org.wsconform.verdict.Outcome;

/**
 * What a run prints on the console: what it runs against and where the results go, the progress,
 * the summary by outcome, verdict and group with the cases that failed, and the harness's own CPU
 * time and heap (--stats).
 */
final class RunConsole {

  private RunConsole() {}

  /**
   * The lines before the first case: what runs against what, how long it should take (and the
   * quicker options when that is long), the results folder, and any note or warning.
   */
  static void start(
      PrintStream stdout,
      PrintStream stderr,
      RunContext ctx,
      RunEstimate estimate,
      RunEstimate.Lanes lanes) {
    List<ConformanceCase> selected = ctx.selected();
    stdout.println(
        "wsconform: "
            + Plural.of(selected.size(), "case")
            + " against "
            + ctx.settings().endpoint()
            + " ("
            + ctx.settings().agent()
            + "); "
            + groups(selected));
    if (ctx.shard() != null) {
      stdout.println(
          ctx.shard().describe()
              + ", split by "
              + ctx.shard().balancedBy()
              + "; join the shards' folders with 'wsconform merge OUT DIR...'");
    }
    int roundTrips = ctx.config().deflateRoundTrips();
    Peer peer = ctx.settings().peer();
    if (!peer.echo()) {
      stdout.println(peerLine(peer, selected));
      // a case that is not applicable opens no connection: it takes no time
      selected =
          selected.stream().filter(c -> PeerNeeds.of(c.id()).need() != PeerNeed.ECHO_ONLY).toList();
    }
    double wall = estimate.wallSeconds(selected, roundTrips, lanes);
    stdout.println(
        "estimate: "
            + RunEstimate.about(wall)
            + " (measured on the embedded reference server; a remote target can be slower)");
    if (wall > RunEstimate.LONG_SECONDS) {
      String quicker = quicker(selected, estimate, roundTrips, lanes);
      if (quicker != null) stdout.println("quicker: " + quicker);
    }
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

  /**
   * What a peer model that is not an echo does to the selection: how many cases run as is, how many
   * are adapted, how many are not applicable.
   */
  static String peerLine(Peer peer, List<ConformanceCase> cases) {
    Map<PeerNeed, Integer> n = new EnumMap<>(PeerNeed.class);
    for (ConformanceCase c : cases) n.merge(PeerNeeds.of(c.id()).need(), 1, Integer::sum);
    return "peer: "
        + peer.model().word()
        + " (not an echo): "
        + n.getOrDefault(PeerNeed.NONE, 0)
        + " run as is, "
        + n.getOrDefault(PeerNeed.ECHO, 0)
        + " adapted ("
        + (peer.model() == PeerModel.SILENT
            ? "a ping follows their message"
            : "the dialogue request follows their message")
        + "), "
        + n.getOrDefault(PeerNeed.ECHO_ONLY, 0)
        + " NOT APPLICABLE (they judge an echo)";
  }

  /** "groups 1, 2, H" or "group 6": the top groups the selection touches, in catalogue order. */
  static String groups(List<ConformanceCase> cases) {
    List<String> g = cases.stream().map(ConformanceCase::topGroup).distinct().toList();
    return (g.size() == 1 ? "group " : "groups ") + String.join(", ", g);
  }

  /**
   * The options that shorten a long run, each with its estimate, or null when none applies: only
   * 12.x/13.x take long on the embedded server.
   */
  static String quicker(
      List<ConformanceCase> cases, RunEstimate estimate, int roundTrips, RunEstimate.Lanes lanes) {
    boolean deflate = cases.stream().anyMatch(RunConsole::isDeflate);
    List<ConformanceCase> rest = cases.stream().filter(c -> !isDeflate(c)).toList();
    if (!deflate) return null;
    List<String> ways = new ArrayList<>();
    if (roundTrips > RunEstimate.QUICK_ROUND_TRIPS) {
      ways.add(
          "--deflate-round-trips "
              + RunEstimate.QUICK_ROUND_TRIPS
              + " ("
              + RunEstimate.about(estimate.wallSeconds(cases, RunEstimate.QUICK_ROUND_TRIPS, lanes))
              + ", fewer messages per 12.*/13.* case)");
    }
    if (!rest.isEmpty()) {
      ways.add(
          "--exclude '12.*,13.*' ("
              + RunEstimate.about(estimate.wallSeconds(rest, roundTrips, lanes))
              + ", no permessage-deflate bulk cases)");
    }
    return ways.isEmpty() ? null : String.join(" or ", ways);
  }

  private static boolean isDeflate(ConformanceCase c) {
    return c.id().startsWith("12.") || c.id().startsWith("13.");
  }

  /** CPU time of this JVM and the peak heap it used, for scripts/bench. */
  static void stats(PrintStream stdout, double wallSeconds) {
    double cpu = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
      cpu = os.getProcessCpuTime() / 1e9;
    }
    List<Long> poolPeaks = new ArrayList<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null)
        poolPeaks.add(p.getPeakUsage().getUsed());
    }
    long max = Runtime.getRuntime().maxMemory();
    stdout.printf(
        "stats: wall %.2f s, harness cpu %.2f s, peak heap %.1f MiB, max heap %.0f MiB%n",
        wallSeconds, cpu, peakHeap(poolPeaks, max) / 1048576.0, max / 1048576.0);
  }

  /**
   * The heap's peak as the sum of its pools' peaks, capped at the maximum heap: each pool (eden,
   * survivor, old) peaks at its own moment, so the sum is an upper bound that can exceed what the
   * heap ever held, and no heap holds more than its maximum.
   *
   * @param maxHeap Runtime.maxMemory(), or negative when unknown
   */
  static long peakHeap(List<Long> poolPeaks, long maxHeap) {
    long sum = 0;
    for (long p : poolPeaks) sum += Math.max(0, p);
    return maxHeap > 0 ? Math.min(sum, maxHeap) : sum;
  }

  /** After the last case: counts by outcome, verdict and group, and the cases that failed. */
  static void summary(PrintStream stdout, RunContext ctx, RunTotals totals, double seconds) {
    List<CaseResult> results = ctx.results();
    stdout.printf(
        "%n%s in %.1f s: %s%n",
        Plural.of(totals.cases(), "case"), seconds, counts(totals.outcomes()).replace("  ", ", "));
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
    Path dir = ctx.folder().dir().toAbsolutePath();
    stdout.println("results: " + dir);
    Path report = dir.resolve(HtmlReport.FILE);
    if (Files.isRegularFile(report))
      stdout.println("  report:  " + report + "  (open in a browser)");
    stdout.println("  summary: " + dir.resolve(RunFolder.SUMMARY_MD));
  }

  /** Said when 12.x/13.x cases are selected with another count than Autobahn's, else null. */
  private static String deflateNote(RunContext ctx) {
    boolean deflateSelected =
        ctx.selected().stream().anyMatch(c -> c.id().startsWith("12.") || c.id().startsWith("13."));
    return deflateSelected ? RunInfo.deflateNote(ctx.config().deflateRoundTrips()) : null;
  }

  /** A failed case as the progress shows it the moment it fails. */
  static String failureLine(CaseResult r) {
    return "  "
        + r.outcome()
        + " "
        + r.testCase().id()
        + " "
        + r.testCase().title()
        + ": "
        + r.reason();
  }

  private static String counts(Map<String, Integer> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach(
        (k, v) -> {
          if (v > 0) sb.append(k).append(' ').append(v).append("  ");
        });
    return sb.length() == 0 ? "-" : sb.toString().trim();
  }

  /**
   * Progress for long runs: every failure at once, and a count line every 2 s; on a terminal one
   * line that updates in place (counts per outcome and the time left) instead of the count lines.
   */
  static final class Progress implements ProgressListener {
    private final PrintStream out;
    private final TerminalLine line;
    private long lastLine = System.nanoTime();

    /** Plain lines, for logs and pipes. */
    Progress(PrintStream out) {
      this(out, null);
    }

    /** On a terminal when {@code line} is not null. */
    Progress(PrintStream out, TerminalLine line) {
      this.out = out;
      this.line = line;
    }

    @Override
    public synchronized void caseFinished(CaseResult r, int done, int total) {
      if (line != null) {
        line.caseFinished(out, r, done, total);
        return;
      }
      if (r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR) {
        out.println(failureLine(r));
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

  /**
   * The shutdown hook for SIGINT/SIGTERM: the cases running now are recorded as ERROR
   * (interrupted), the reports are written for what finished, and the user is told where.
   */
  static Thread interruptHook(RunContext ctx, PrintStream stderr) {
    return new Thread(
        () -> {
          int kept =
              ctx.interrupt(
                  "interrupted: the run was stopped (SIGINT or SIGTERM) while this case was running");
          stderr.println(
              "wsconform: interrupted; "
                  + Plural.of(kept, "case")
                  + " recorded in "
                  + ctx.folder().dir().toAbsolutePath());
          stderr.flush();
        },
        "wsconform-interrupted");
  }
}
