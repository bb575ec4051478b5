package org.wsconform.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass/fail condition on a figure, as k6 writes its thresholds: {@code p99<20ms}, {@code
 * rate>50000}. The metric is a short name or one of perf.json's metric keys:
 *
 * <ul>
 *   <li>{@code p50 p90 p99 p99.9 max}: the worst echo latency of that percentile over every latency
 *       figure (needs a unit: us, ms or s);
 *   <li>{@code rate}: the highest sustained message rate (messages/s, k and M allowed);
 *   <li>{@code bytes}: the highest sustained echo throughput (octets/s, k M G allowed);
 *   <li>{@code handshakes}: opening handshakes per second;
 *   <li>{@code connections}: idle connections that answered the ping round;
 *   <li>{@code rss}: the target's resident memory per held connection (octets, KiB and MiB
 *       allowed);
 *   <li>any key of perf.json's {@code metrics}, e.g. {@code echo.1024.deflate.1000.p99<5ms}.
 * </ul>
 */
public record Threshold(String text, String metric, String op, double value) {
  private static final Pattern SYNTAX =
      Pattern.compile(
          "\\s*([A-Za-z][A-Za-z0-9._/-]*)\\s*(<=|>=|<|>)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z/]*)\\s*");

  private static final List<String> LATENCY = List.of("p50", "p90", "p99", "p99.9", "max");

  /** A threshold that cannot be read: the message says what was expected. */
  public static final class BadThreshold extends IllegalArgumentException {
    BadThreshold(String m) {
      super(m);
    }
  }

  /** The outcome of one threshold. */
  public record Check(Threshold threshold, Double observed, boolean passed, String message) {}

  public static Threshold parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new BadThreshold(
          "--threshold '"
              + text
              + "': expected METRIC OP VALUE[UNIT], e.g. 'p99<20ms', 'rate>50000', 'rss<64KiB'");
    }
    String metric = m.group(1);
    String unit = m.group(4).toLowerCase(Locale.ROOT);
    double v = Double.parseDouble(m.group(3));
    boolean latency = LATENCY.contains(metric) || isLatencyKey(metric);
    double scale;
    if (latency) {
      scale =
          switch (unit) {
            case "us", "µs" -> 1;
            case "ms" -> 1_000;
            case "s" -> 1_000_000;
            default ->
                throw new BadThreshold(
                    "--threshold '"
                        + text
                        + "': a latency needs a unit (us, ms or s), got '"
                        + m.group(4)
                        + "'");
          };
    } else {
      scale =
          switch (unit) {
            case "", "/s", "b", "b/s" -> 1;
            case "k", "k/s", "kb", "kb/s" -> 1e3;
            case "m", "m/s", "mb", "mb/s" -> 1e6;
            case "g", "gb", "gb/s" -> 1e9;
            case "kib" -> 1024;
            case "mib" -> 1024 * 1024;
            default ->
                throw new BadThreshold(
                    "--threshold '" + text + "': unknown unit '" + m.group(4) + "' for " + metric);
          };
      if (!List.of("rate", "bytes", "handshakes", "connections", "rss").contains(metric)
          && !metric.contains(".")) {
        throw new BadThreshold(
            "--threshold '"
                + text
                + "': unknown metric '"
                + metric
                + "'; known: p50, p90, p99, p99.9, max, rate, bytes, handshakes, connections, rss,"
                + " or a key of perf.json's metrics");
      }
    }
    return new Threshold(text.trim(), metric, m.group(2), v * scale);
  }

  private static boolean isLatencyKey(String metric) {
    return metric.contains(".")
        && LATENCY.stream().anyMatch(p -> metric.endsWith("." + p))
        && !metric.startsWith("held.");
  }

  /**
   * The observed value for this threshold out of perf.json's metrics (latencies in µs), or null
   * when nothing measured it.
   */
  Double observe(Map<String, Double> metrics) {
    if (metrics.containsKey(metric)) return metrics.get(metric);
    String suffix;
    boolean worstIsHighest = true;
    String prefix;
    switch (metric) {
      case "rate" -> {
        prefix = "peak.";
        suffix = ".rate";
        worstIsHighest = false;
      }
      case "bytes" -> {
        prefix = "peak.";
        suffix = ".bytes";
        worstIsHighest = false;
      }
      case "handshakes" -> {
        return metrics.get("handshakes.rate");
      }
      case "connections" -> {
        return metrics.get("held.survived");
      }
      case "rss" -> {
        return metrics.get("held.rssPerConnection");
      }
      default -> {
        if (!LATENCY.contains(metric)) return null;
        prefix = "echo.";
        suffix = "." + metric;
      }
    }
    Double best = null;
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      if (!e.getKey().startsWith(prefix) || !e.getKey().endsWith(suffix)) continue;
      if (e.getValue() == null) continue;
      // latency: the worst (highest) of every figure must pass; rates: the highest reached
      best = best == null ? e.getValue() : Math.max(best, e.getValue());
    }
    return best;
  }

  /** Checks this threshold against perf.json's metrics. */
  public Check check(Map<String, Double> metrics) {
    Double observed = observe(metrics);
    if (observed == null) {
      return new Check(
          this,
          null,
          false,
          "threshold '"
              + text
              + "' FAILED: expected "
              + metric
              + " "
              + op
              + " "
              + format(value)
              + ", observed nothing (not measured, or refused: see perf.json)");
    }
    boolean ok =
        switch (op) {
          case "<" -> observed < value;
          case "<=" -> observed <= value;
          case ">" -> observed > value;
          default -> observed >= value;
        };
    return new Check(
        this,
        observed,
        ok,
        "threshold '"
            + text
            + "' "
            + (ok ? "passed" : "FAILED")
            + ": expected "
            + metric
            + " "
            + op
            + " "
            + format(value)
            + unitOf()
            + ", observed "
            + format(observed)
            + unitOf());
  }

  private String unitOf() {
    return LATENCY.contains(metric) || isLatencyKey(metric) ? " us" : "";
  }

  static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  /** Every threshold checked; the run fails when one fails. */
  public static List<Check> checkAll(List<Threshold> thresholds, Map<String, Double> metrics) {
    List<Check> out = new ArrayList<>();
    for (Threshold t : thresholds) out.add(t.check(metrics));
    return out;
  }
}
