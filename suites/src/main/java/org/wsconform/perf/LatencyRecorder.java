package org.wsconform.perf;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Round-trip latencies of one figure, in nanoseconds, as two histograms: from the intended send
 * time (corrected for coordinated omission: a message that waited behind a stalled target counts
 * its wait) and from the moment its frame was handed to the socket (what a closed-loop tool would
 * report). Only the corrected one is the figure; the other shows how much the correction mattered.
 */
public final class LatencyRecorder {
  /** An hour, far beyond any deadline here; 3 significant digits (0.1 % resolution). */
  static final long HIGHEST = 3_600_000_000_000L;

  private final Histogram corrected = new Histogram(HIGHEST, 3);
  private final Histogram uncorrected = new Histogram(HIGHEST, 3);

  /**
   * @param intendedNanos when the schedule said to send
   * @param sentNanos when the frame was handed to the socket (at or after the intended time)
   * @param receivedNanos when the echo was complete
   */
  public void record(long intendedNanos, long sentNanos, long receivedNanos) {
    corrected.recordValue(clamp(receivedNanos - intendedNanos));
    uncorrected.recordValue(clamp(receivedNanos - sentNanos));
  }

  /** A message never answered: it counts with at least the time it has waited so far. */
  public void recordUnanswered(long intendedNanos, long nowNanos) {
    corrected.recordValue(clamp(nowNanos - intendedNanos));
  }

  private static long clamp(long v) {
    return Math.max(0, Math.min(HIGHEST, v));
  }

  public Histogram corrected() {
    return corrected;
  }

  public Histogram uncorrected() {
    return uncorrected;
  }

  public long count() {
    return corrected.getTotalCount();
  }

  public Summary summary() {
    return Summary.of(corrected);
  }

  public Summary uncorrectedSummary() {
    return Summary.of(uncorrected);
  }

  /**
   * Percentiles in microseconds.
   *
   * @param curve (percentile, microseconds) points from 0 to 99.999 for a chart
   */
  public record Summary(
      long count,
      double p50,
      double p90,
      double p99,
      double p999,
      double max,
      List<double[]> curve) {

    static final double[] CURVE = {
      0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100
    };

    public static Summary of(Histogram h) {
      List<double[]> curve = new ArrayList<>();
      if (h.getTotalCount() > 0) {
        for (double p : CURVE) curve.add(new double[] {p, micros(h.getValueAtPercentile(p))});
      }
      return new Summary(
          h.getTotalCount(),
          micros(h.getValueAtPercentile(50)),
          micros(h.getValueAtPercentile(90)),
          micros(h.getValueAtPercentile(99)),
          micros(h.getValueAtPercentile(99.9)),
          micros(h.getMaxValue()),
          curve);
    }

    private static double micros(long nanos) {
      return Math.round(nanos / 100.0) / 10.0;
    }
  }
}
