package org.wsconform.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.wsconform.reports.CaseIdOrder;
import org.wsconform.reports.CaseRecord;
import org.wsconform.reports.ResultsReader;
import org.wsconform.reports.RunDiff;
import org.wsconform.reports.RunTotals;
import org.wsconform.reports.Verdicts;
import org.wsconform.run.CaseResult;
import org.wsconform.run.RunContext;
import org.wsconform.verdict.Gate;
import org.wsconform.verdict.Gate.FailOn;
import org.wsconform.verdict.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How a finished run becomes an exit code (CI gating), and the Allure HTML made after it.
 *
 * <p>{@code --strict} and {@code --fail-on} answer different questions: {@code --strict} decides
 * each case's outcome (what JUnit XML, Allure and summary.md call failed), {@code --fail-on} only
 * which verdicts fail the run. {@code --strict} therefore is {@code --fail-on unclean} plus marking
 * those cases failed in the reports; a lower {@code --fail-on} next to it would be a contradiction
 * and is refused.
 */
@Command
public final class GateOptions {

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      description =
          "which verdicts fail the run (exit 1): failed (default: behavior or behaviorClose FAILED, or ERROR);"
              + " non-strict (also NON-STRICT); unclean (also UNCLEAN, WRONG CODE, FAILED BY CLIENT). Changes the exit code"
              + " only; --strict is --fail-on unclean that also marks those cases failed in JUnit XML, Allure and summary.md")
  String failOn;

  @Option(
      names = "--baseline",
      paramLabel = "FILE|DIR",
      description =
          "a previous run's results folder (or its index.json or results.jsonl, or an Autobahn report"
              + " folder): exit 1 only for regressions against it, each named: a case whose outcome got worse (PASSED to"
              + " SKIPPED, FAILED or ERROR) or whose verdicts got worse into what --fail-on fails; a case failing in both"
              + " runs does not fail the run. The diff is written to <run>/baseline-diff.html")
  String baseline;

  @Option(
      names = "--allure",
      description =
          "after the run, generate the Allure HTML report (one self-contained file) into <run>/allure-report/;"
              + " the Allure commandline "
              + AllureCommandline.VERSION
              + " comes from Maven Central"
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
            + " and also marks those cases failed in the reports); drop --fail-on "
            + failOn
            + " or --strict";
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
        return "--baseline "
            + baseline
            + ": holds "
            + agents.size()
            + " agents ("
            + String.join(", ", agents)
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
   * The exit code for a finished run: without a baseline, 1 when a case fails the gate (decided
   * from the run's results in memory); with one, 1 only when a case got worse than in the baseline
   * and fails the gate now (the diff reads both folders). Explains on {@code out} every case that
   * decides it. Then generates the Allure HTML when asked; if that fails the run still keeps its
   * gate's code, or 2 when the gate passed.
   */
  int exitCode(RunContext ctx, RunTotals totals, PrintStream out) {
    int code;
    if (baselineFolder == null) {
      code = gate(ctx.results(), out);
    } else {
      try {
        code = gateAgainstBaseline(ctx.folder().dir(), out);
      } catch (IOException | UncheckedIOException e) {
        // the folder was written by this run; if it cannot be read back, fall back to the counts
        err().println("wsconform: cannot read the results back for the gate: " + e.getMessage());
        code = totals.anyFailedOrError() ? 1 : 0;
      }
    }
    if (allureCommandline != null) {
      try {
        Path report =
            allureCommandline.generate(
                ctx.folder().allureResultsDir(),
                ctx.folder().dir().resolve(AllureCommandline.REPORT_DIR),
                "wsconform: " + ctx.settings().agent(),
                totals.cases());
        out.println("allure: " + report.toAbsolutePath());
      } catch (IllegalStateException e) {
        err().println("wsconform: " + e.getMessage());
        if (code == 0) code = 2;
      }
    }
    return code;
  }

  /** Whether a recorded case fails the run at this level. */
  static boolean fails(CaseRecord r, FailOn level) {
    return Gate.failsRun(Verdicts.outcome(r), r.behavior(), r.behaviorClose(), level);
  }

  /** Whether a case of this run fails the run at this level. */
  static boolean fails(CaseResult r, FailOn level) {
    return Gate.failsRun(
        r.outcome(),
        r.judgement().behavior().label(),
        r.judgement().behaviorClose().label(),
        level);
  }

  /**
   * Whether a case the diff found worse than in the baseline fails the run: its outcome got worse
   * (a pass now skipped — a feature lost —, failed or errored), or it now fails at this level. A
   * verdict that worsens below the level (OK to INFORMATIONAL; OK to NON-STRICT at {@code failed})
   * is reported, not gated.
   */
  static boolean regresses(RunDiff.Change c, FailOn level) {
    return fails(c.after(), level)
        || Verdicts.outcomeRank(Verdicts.outcome(c.after()))
            > Verdicts.outcomeRank(Verdicts.outcome(c.before()));
  }

  private int gate(List<CaseResult> results, PrintStream out) {
    List<CaseResult> failing =
        results.stream()
            .filter(r -> fails(r, level))
            .sorted(Comparator.comparing(r -> r.testCase().id(), CaseIdOrder.INSTANCE))
            .toList();
    // FAILED and ERROR cases are already listed, with reasons, in the run's summary
    List<CaseResult> byLevel = failing.stream().filter(r -> r.outcome() == Outcome.PASSED).toList();
    if (!byLevel.isEmpty()) {
      out.println(
          "gate (--fail-on "
              + level.word()
              + "): "
              + count(byLevel.size())
              + " passing in JUnit XML"
              + " but failing the run at this level:");
      for (CaseResult r : byLevel) {
        out.println(
            "    "
                + r.judgement().behavior().label()
                + "/"
                + r.judgement().behaviorClose().label()
                + " "
                + r.testCase().id()
                + " "
                + title(r.testCase().title())
                + why(r.reason(), r.judgement().result(), r.judgement().resultClose()));
      }
    }
    out.println(
        "gate (--fail-on "
            + level.word()
            + "): "
            + (failing.isEmpty()
                ? "passed, exit 0"
                : count(failing.size()) + " failed it, exit 1"));
    return failing.isEmpty() ? 0 : 1;
  }

  private int gateAgainstBaseline(Path runFolder, PrintStream out) throws IOException {
    RunDiff diff =
        RunDiff.of(baselineFolder, runFolder)
            .withLabels("baseline " + baseline, runFolder.getFileName().toString());
    Path html = diff.renderHtml(runFolder.resolve("baseline-diff.html"));
    List<RunDiff.Change> regressions =
        diff.regressions().stream().filter(c -> regresses(c, level)).toList();
    List<RunDiff.Change> belowGate =
        diff.regressions().stream().filter(c -> !regresses(c, level)).toList();
    List<CaseRecord> newFailing = diff.newCases().stream().filter(r -> fails(r, level)).toList();
    out.println("baseline " + baseline + ": " + diff.summary());
    if (!regressions.isEmpty()) {
      out.println(
          "  regressions (worse than the baseline: a worse outcome, or failing --fail-on "
              + level.word()
              + "):");
      for (RunDiff.Change c : regressions) {
        out.println("    REGRESSION " + c.id() + " " + c.title() + ": " + c.verdicts());
        String why = c.newReason();
        if (why != null) out.println("        " + oneLine(why));
      }
    }
    if (!belowGate.isEmpty()) {
      out.println(
          "  worse, but passing --fail-on "
              + level.word()
              + " (not gated): "
              + belowGate.stream()
                  .map(c -> c.id() + " (" + c.verdicts() + ")")
                  .collect(Collectors.joining("; ")));
    }
    if (!newFailing.isEmpty()) {
      out.println(
          "  failing, but not in the baseline (not gated): "
              + newFailing.stream()
                  .map(r -> r.id() + " " + verdicts(r))
                  .collect(Collectors.joining("; ")));
    }
    List<CaseRecord> missing = diff.missingCases();
    if (!missing.isEmpty()) {
      out.println(
          "  missing in this run ("
              + Plural.of(missing.size(), "regression")
              + ": the baseline checked them, this run did not; run the baseline's selection): "
              + missing.stream().map(CaseRecord::id).collect(Collectors.joining(", ")));
    }
    if (!diff.fixes().isEmpty()) {
      out.println(
          "  fixed: "
              + diff.fixes().stream().map(RunDiff.Change::id).collect(Collectors.joining(", ")));
    }
    out.println("  diff: " + html.toAbsolutePath());
    out.println(
        "gate (--baseline, --fail-on "
            + level.word()
            + "): "
            + (regressions.isEmpty() && missing.isEmpty()
                ? "no regression, exit 0"
                : (regressions.isEmpty() ? "" : count(regressions.size()) + " regressed, ")
                    + (missing.isEmpty() ? "" : count(missing.size()) + " missing, ")
                    + "exit 1"));
    return regressions.isEmpty() && missing.isEmpty() ? 0 : 1;
  }

  private static String count(int n) {
    return n + (n == 1 ? " case" : " cases");
  }

  private static String verdicts(CaseRecord r) {
    return r.behavior() + "/" + r.behaviorClose();
  }

  private static String title(String title) {
    return title == null ? "" : title;
  }

  private static String why(String reason, String result, String resultClose) {
    String s = reason != null ? reason : result != null ? result : resultClose;
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
