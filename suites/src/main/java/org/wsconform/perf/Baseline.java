package org.wsconform.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares this run's metrics with an earlier perf.json's: a metric that got worse by more than the
 * tolerance is a regression. Latencies, handshake latencies and memory are better lower; rates,
 * throughput and connections held are better higher.
 */
public final class Baseline {
  private Baseline() {}

  /** One metric compared. */
  public record Change(
      String metric, double before, double after, double change, boolean regression) {
    public String message() {
      return String.format(
          Locale.ROOT,
          "%s %s: expected within the tolerance of the baseline's %s, observed %s (%+.1f %%)",
          metric,
          regression ? "REGRESSED" : "ok",
          Threshold.format(before),
          Threshold.format(after),
          change * 100);
    }
  }

  /** Parses "10%" or "10": always per cent, so that 0.1 can never mean ten per cent. */
  public static double tolerance(String text) {
    String t = text.trim();
    if (t.endsWith("%")) t = t.substring(0, t.length() - 1).trim();
    try {
      double v = Double.parseDouble(t);
      if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) throw new NumberFormatException();
      return v / 100;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--tolerance '" + text + "': expected a percentage such as 10%");
    }
  }

  static boolean lowerIsBetter(String metric) {
    return metric.startsWith("echo.")
        || metric.startsWith("handshakes.p")
        || metric.equals("held.rssPerConnection");
  }

  /** Each metric present in both runs, with its relative change. */
  public static List<Change> compare(
      Map<String, Double> before, Map<String, Double> after, double tolerance) {
    List<Change> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : after.entrySet()) {
      Double b = before.get(e.getKey());
      Double a = e.getValue();
      if (b == null || a == null || b == 0) continue;
      if (e.getKey().equals("held.connections")) continue; // the limit asked for, not a result
      double change = (a - b) / b;
      boolean worse = lowerIsBetter(e.getKey()) ? change > tolerance : -change > tolerance;
      out.add(new Change(e.getKey(), b, a, change, worse));
    }
    return out;
  }
}
