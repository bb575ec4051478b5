package org.wsconform.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.wsconform.reports.CaseRecord;
import org.wsconform.reports.Outcome;
import org.wsconform.reports.ResultsReader;
import org.wsconform.reports.RunDiff;
import org.wsconform.reports.RunTotals;
import org.wsconform.reports.Verdicts;
import org.wsconform.run.RunContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How a finished run becomes an exit code (CI gating), and the Allure HTML made after it.
 *
 * <p>{@code --strict} and {@code --fail-on} answer different questions: {@code --strict} decides
 * each case's outcome (what JUnit XML, Allure and summary.md call failed), {@code --fail-on} only
 * which verdicts fail the run. {@code --strict} therefore is {@code --fail-on unclean} plus
 * marking those cases failed in the reports; a lower {@code --fail-on} next to it would be a
 * contradiction and is refused.
 */
@Command
public final class GateOptions {

  /** The verdicts that fail the run; each level includes the ones before it. */
  enum FailOn {
    /** behavior or behaviorClose FAILED (and ERROR, always). */
    FAILED("failed"),
    /** also behavior NON-STRICT: a SHOULD missed. */
    NON_STRICT("non-strict"),
    /** also behaviorClose UNCLEAN, WRONG CODE and FAILED BY CLIENT: the close went wrong. */
    UNCLEAN("unclean");

    final String word;

    FailOn(String word) {
      this.word = word;
    }

    static FailOn parse(String s) {
      for (FailOn f : values()) {
        if (f.word.equalsIgnoreCase(s.strip())) return f;
      }
      throw new IllegalArgumentException("--fail-on takes failed, non-strict or unclean, not '" + s + "'");
    }
  }

  /** behaviorClose verdicts that {@code --fail-on unclean} (and {@code --strict}) fail. */
  private static final Set<String> UNCLEAN_CLOSES = Set.of("UNCLEAN", "WRONG CODE", "FAILED BY CLIENT");

  @Option(names = "--fail-on", paramLabel = "LEVEL",
      description = "which verdicts fail the run (exit 1): failed (default: behavior or behaviorClose FAILED, or ERROR);"
          + " non-strict (also NON-STRICT); unclean (also UNCLEAN, WRONG CODE, FAILED BY CLIENT). Changes the exit code"
          + " only; --strict is --fail-on unclean that also marks those cases failed in JUnit XML, Allure and summary.md")
  String failOn;

  @Option(names = "--baseline", paramLabel = "FILE|DIR",
      description = "a previous run's results folder (or its index.json or results.jsonl, or an Autobahn report"
          + " folder): exit 1 only for regressions against it, each named: a case whose outcome got worse (PASSED to"
          + " SKIPPED, FAILED or ERROR) or whose verdicts got worse into what --fail-on fails; a case failing in both"
          + " runs does not fail the run. The diff is written to <run>/baseline-diff.html")
  String baseline;

  @Option(names = "--allure",
      description = "after the run, generate the Allure HTML report (one self-contained file) into <run>/allure-report/;"
          + " the Allure commandline " + AllureCommandline.VERSION + " comes from Maven Central"
          + " (reports/src/allure/install.sh, run on first use)")
  boolean allure;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private FailOn level = FailOn.FAILED;
  private Path baselineFolder;
  private AllureCommandline allureCommandline;

  /**
   * Validates the options before the run, so that a typo costs no run: the level, {@code --strict}
   * against {@code --fail-on}, the baseline (read now), and an installed Allure commandline
   * (installed now when missing). Returns an error message for bad input (exit 2), else null.
   */
  String validate() {
    try {
      level = failOn == null ? FailOn.FAILED : FailOn.parse(failOn);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (strict()) {
      if (failOn != null && level != FailOn.UNCLEAN) {
        return "--strict already fails NON-STRICT, WRONG CODE, UNCLEAN and FAILED BY CLIENT (it is --fail-on unclean"
            + " and also marks those cases failed in the reports); drop --fail-on " + failOn + " or --strict";
      }
      level = FailOn.UNCLEAN;
    }
    if (baseline != null) {
      String bad = readBaseline();
      if (bad != null) return bad;
    }
    if (allure) {
      try {
        allureCommandline = AllureCommandline.installed(err());
      } catch (IllegalStateException e) {
        return e.getMessage();
      }
    }
    return null;
  }

  private String readBaseline() {
    try {
      baselineFolder = ResultsArgument.folder(baseline);
      List<CaseRecord> records = ResultsReader.read(baselineFolder);
      if (records.isEmpty()) {
        return "--baseline " + baseline + ": holds no cases, so nothing could regress against it";
      }
      List<String> agents = records.stream().map(CaseRecord::agent).distinct().toList();
      if (agents.size() > 1) {
        return "--baseline " + baseline + ": holds " + agents.size() + " agents (" + String.join(", ", agents)
            + "); give a folder with one target's results";
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "--baseline " + e.getMessage();
    } catch (IOException | UncheckedIOException e) {
      return "--baseline " + baseline + ": cannot read it: " + e.getMessage();
    }
  }

  /**
   * The exit code for a finished run: without a baseline, 1 when a case fails the gate; with one,
   * 1 only when a case got worse than in the baseline and fails the gate now. Explains on
   * {@code out} every case that decides it. Then generates the Allure HTML when asked; if that
   * fails the run still keeps its gate's code, or 2 when the gate passed.
   */
  int exitCode(RunContext ctx, RunTotals totals, PrintStream out) {
    int code;
    try {
      code = baselineFolder == null ? gate(ResultsReader.readLatest(ctx.folder().dir()), out)
          : gateAgainstBaseline(ctx.folder().dir(), out);
    } catch (IOException | UncheckedIOException e) {
      // the folder was written by this run; if it cannot be read back, fall back to the counts
      err().println("wsconform: cannot read the results back for the gate: " + e.getMessage());
      code = totals.anyFailedOrError() ? 1 : 0;
    }
    if (allureCommandline != null) {
      try {
        Path report = allureCommandline.generate(ctx.folder().allureResultsDir(),
            ctx.folder().dir().resolve(AllureCommandline.REPORT_DIR), "wsconform: " + ctx.settings().agent(),
            totals.cases());
        out.println("allure: " + report.toAbsolutePath());
      } catch (IllegalStateException e) {
        err().println("wsconform: " + e.getMessage());
        if (code == 0) code = 2;
      }
    }
    return code;
  }

  /** Whether a case fails the run at this level. */
  static boolean fails(CaseRecord r, FailOn level) {
    String outcome = Outcome.of(r);
    if (outcome.equals(Outcome.FAILED) || outcome.equals(Outcome.ERROR)) return true;
    // an UNIMPLEMENTED case is skipped, as --strict skips it (run.Gate): its close says nothing
    if (!outcome.equals(Outcome.PASSED)) return false;
    if (level.compareTo(FailOn.NON_STRICT) >= 0 && "NON-STRICT".equals(r.behavior())) return true;
    return level.compareTo(FailOn.UNCLEAN) >= 0 && UNCLEAN_CLOSES.contains(r.behaviorClose());
  }

  /**
   * Whether a case the diff found worse than in the baseline fails the run: its outcome got worse
   * (a pass now skipped — a feature lost —, failed or errored), or it now fails at this level.
   * A verdict that worsens below the level (OK to INFORMATIONAL; OK to NON-STRICT at
   * {@code failed}) is reported, not gated.
   */
  static boolean regresses(RunDiff.Change c, FailOn level) {
    return fails(c.after(), level)
        || Verdicts.outcomeRank(Outcome.of(c.after())) > Verdicts.outcomeRank(Outcome.of(c.before()));
  }

  private int gate(List<CaseRecord> records, PrintStream out) {
    List<CaseRecord> failing = records.stream().filter(r -> fails(r, level)).toList();
    // FAILED and ERROR cases are already listed, with reasons, in the run's summary
    List<CaseRecord> byLevel = failing.stream().filter(r -> Outcome.of(r).equals(Outcome.PASSED)).toList();
    if (!byLevel.isEmpty()) {
      out.println("gate (--fail-on " + level.word + "): " + count(byLevel.size()) + " passing in JUnit XML"
          + " but failing the run at this level:");
      for (CaseRecord r : byLevel) out.println("    " + verdicts(r) + " " + r.id() + " " + title(r) + why(r));
    }
    out.println("gate (--fail-on " + level.word + "): " + (failing.isEmpty() ? "passed, exit 0"
        : count(failing.size()) + " failed it, exit 1"));
    return failing.isEmpty() ? 0 : 1;
  }

  private int gateAgainstBaseline(Path runFolder, PrintStream out) throws IOException {
    RunDiff diff = RunDiff.of(baselineFolder, runFolder).withLabels("baseline " + baseline, runFolder.getFileName().toString());
    Path html = diff.renderHtml(runFolder.resolve("baseline-diff.html"));
    List<RunDiff.Change> regressions = diff.regressions().stream().filter(c -> regresses(c, level)).toList();
    List<RunDiff.Change> belowGate = diff.regressions().stream().filter(c -> !regresses(c, level)).toList();
    List<CaseRecord> newFailing = diff.newCases().stream().filter(r -> fails(r, level)).toList();
    out.println("baseline " + baseline + ": " + diff.summary());
    if (!regressions.isEmpty()) {
      out.println("  regressions (worse than the baseline: a worse outcome, or failing --fail-on " + level.word + "):");
      for (RunDiff.Change c : regressions) {
        out.println("    REGRESSION " + c.id() + " " + c.title() + ": " + c.verdicts());
        String why = c.newReason();
        if (why != null) out.println("        " + oneLine(why));
      }
    }
    if (!belowGate.isEmpty()) {
      out.println("  worse, but passing --fail-on " + level.word + " (not gated): "
          + belowGate.stream().map(c -> c.id() + " (" + c.verdicts() + ")").collect(Collectors.joining("; ")));
    }
    if (!newFailing.isEmpty()) {
      out.println("  failing, but not in the baseline (not gated): "
          + newFailing.stream().map(r -> r.id() + " " + verdicts(r)).collect(Collectors.joining("; ")));
    }
    if (!diff.fixes().isEmpty()) {
      out.println("  fixed: " + diff.fixes().stream().map(RunDiff.Change::id).collect(Collectors.joining(", ")));
    }
    out.println("  diff: " + html.toAbsolutePath());
    out.println("gate (--baseline, --fail-on " + level.word + "): " + (regressions.isEmpty()
        ? "no regression, exit 0" : count(regressions.size()) + " regressed, exit 1"));
    return regressions.isEmpty() ? 0 : 1;
  }

  private static String count(int n) {
    return n + (n == 1 ? " case" : " cases");
  }

  private static String verdicts(CaseRecord r) {
    return r.behavior() + "/" + r.behaviorClose();
  }

  private static String title(CaseRecord r) {
    return r.title() == null ? "" : r.title();
  }

  private static String why(CaseRecord r) {
    String s = r.reason() != null ? r.reason() : r.result() != null ? r.result() : r.resultClose();
    return s == null ? "" : ": " + oneLine(s);
  }

  private static String oneLine(String s) {
    String line = s.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 299) + "\u2026" : line;
  }

  private boolean strict() {
    return mixee != null && mixee.userObject() instanceof WsConform w && w.strict;
  }

  private PrintWriter err() {
    return mixee != null ? mixee.commandLine().getErr() : new PrintWriter(System.err, true);
  }
}
