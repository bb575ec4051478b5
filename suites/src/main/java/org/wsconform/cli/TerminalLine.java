package org.wsconform.cli;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.run.CaseResult;
import org.wsconform.verdict.Outcome;

/**
 * The progress line on a terminal: one line rewritten in place ({@code \r}) with the cases done,
 * the count per outcome and the time left. A failure is printed above it as a line of its own, so
 * it stays on screen. Only for a terminal: a log or a pipe gets the plain lines, which a {@code \r}
 * would garble. No colour, so NO_COLOR has nothing to turn off.
 */
final class TerminalLine {
  private final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
  private final RunEstimate estimate;
  private final int roundTrips;
  private final RunEstimate.Lanes lanes;
  private final double totalWall;
  private final DoubleSupplier elapsedSeconds;
  private final PrintStream terminal;
  private double doneWall;
  private int width;

  /**
   * @param terminal the console itself: the line holds only counts and times, never a secret, so it
   *     bypasses the redacting stream, which passes text on only at the end of a line
   * @param elapsedSeconds seconds since the first case started (a clock, replaceable in tests)
   */
  TerminalLine(
      PrintStream terminal,
      RunEstimate estimate,
      List<ConformanceCase> selected,
      int roundTrips,
      RunEstimate.Lanes lanes,
      DoubleSupplier elapsedSeconds) {
    this.terminal = terminal;
    this.estimate = estimate;
    this.roundTrips = roundTrips;
    this.lanes = lanes;
    this.totalWall = estimate.wallSeconds(selected, roundTrips, lanes);
    this.elapsedSeconds = elapsedSeconds;
  }

  synchronized void caseFinished(PrintStream out, CaseResult r, int done, int total) {
    counts.merge(r.outcome(), 1, Integer::sum);
    // cases finish on several threads: count here, in the order the line is drawn
    done = counts.values().stream().mapToInt(Integer::intValue).sum();
    ConformanceCase c = r.testCase();
    double s = estimate.seconds(c, roundTrips);
    doneWall += s / lanes.divisor(c);
    if (r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR) {
      terminal.print("\r" + " ".repeat(width) + "\r");
      terminal.flush();
      width = 0;
      out.println(RunConsole.failureLine(r)); // a reason may hold a secret: redacted
      out.flush();
    }
    String text = render(done, total, elapsedSeconds.getAsDouble());
    terminal.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
    width = text.length();
    if (done == total) terminal.println();
    terminal.flush();
  }

  /** " [12/617] 2% PASSED 10 FAILED 2 — about 3 min 10 s left". */
  String render(int done, int total, double elapsed) {
    StringBuilder sb = new StringBuilder();
    sb.append("  [").append(done).append('/').append(total).append("] ");
    sb.append(done * 100 / Math.max(1, total)).append('%');
    counts.forEach((o, n) -> sb.append(' ').append(o).append(' ').append(n).append(' '));
    String line = sb.toString().stripTrailing();
    if (done >= total) return line;
    // the estimate is for the embedded server: scale it by how fast this target has gone so far
    double speed = doneWall > 0.5 && elapsed > 0.5 ? elapsed / doneWall : 1;
    return line + " \u2014 " + RunEstimate.clock((totalWall - doneWall) * speed) + " left";
  }
}
