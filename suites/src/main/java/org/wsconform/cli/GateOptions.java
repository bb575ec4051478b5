package org.wsconform.cli;

import java.io.PrintStream;
import org.wsconform.reports.RunTotals;
import org.wsconform.run.RunContext;

/** How a finished run becomes an exit code (CI gating). */
@picocli.CommandLine.Command
public final class GateOptions {
  /** Validates the options before the run; returns an error message for bad input, else null. */
  String validate() {
    return null;
  }

  /** The exit code for a finished run: 1 when a gated case failed, else 0. */
  int exitCode(RunContext ctx, RunTotals totals, PrintStream out) {
    return totals.anyFailedOrError() ? 1 : 0;
  }
}
