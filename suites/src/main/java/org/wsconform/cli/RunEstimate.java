package org.wsconform.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.wsconform.cases.ConformanceCase;

/**
 * How long a selection takes, from per-case durations measured against the embedded reference
 * server ({@code case-seconds.properties}): said before a run so that nobody starts an 11-minute
 * run expecting a quick check, and used for the progress line's ETA. A remote target can be much
 * slower; the console says so.
 */
final class RunEstimate {
  /** Above this, the console names the quicker options. */
  static final double LONG_SECONDS = 60;

  /** The round trips the quick variant the console suggests uses. */
  static final int QUICK_ROUND_TRIPS = 50;

  private final Properties seconds;

  private RunEstimate(Properties seconds) {
    this.seconds = seconds;
  }

  /** The vendored table. */
  static RunEstimate load() {
    Properties p = new Properties();
    try (InputStream in = RunEstimate.class.getResourceAsStream("case-seconds.properties")) {
      if (in == null) throw new IllegalStateException("case-seconds.properties is missing");
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RunEstimate(p);
  }

  /** Seconds one case takes on the embedded server, with {@code roundTrips} for 12.x/13.x. */
  double seconds(ConformanceCase c, int roundTrips) {
    String g = c.topGroup();
    String at20 = seconds.getProperty(g + "@20");
    String at1000 = seconds.getProperty(g + "@1000");
    if (at20 != null && at1000 != null) {
      double s20 = Double.parseDouble(at20);
      double perTrip = (Double.parseDouble(at1000) - s20) / 980;
      return Math.max(0.001, s20 + perTrip * (roundTrips - 20));
    }
    return Double.parseDouble(seconds.getProperty(g, seconds.getProperty("default", "0.05")));
  }

  /**
   * Wall seconds for these cases: the bulk ones one after the other, the rest (volume ones too)
   * {@code parallel} at a time (what the scheduler does).
   */
  double wallSeconds(List<ConformanceCase> cases, int roundTrips, int parallel) {
    double alone = 0;
    double together = 0;
    for (ConformanceCase c : cases) {
      // volume cases (12.*/13.*) run -j at a time, but each keeps a core busy with deflate on both
      // ends when the server is in-process: measured 12 % quicker with -j 2 on 2 cores, not 2x,
      // so the estimate does not count on the overlap
      if (c.bulk() || c.volume()) alone += seconds(c, roundTrips);
      else together += seconds(c, roundTrips);
    }
    return alone + together / Math.max(1, parallel);
  }

  /** "about 25 s", "about 3 min", "about 1 h 5 min". */
  static String about(double s) {
    if (s < 1) return "under 1 s";
    if (s < 90) return "about " + Math.round(s) + " s";
    long min = Math.round(s / 60);
    if (min < 60) return "about " + min + " min";
    return String.format(Locale.ROOT, "about %d h %d min", min / 60, min % 60);
  }

  /** "1 h 2 min", "3 min 5 s", "12 s": a remaining time on the progress line. */
  static String clock(double s) {
    long t = Math.max(0, Math.round(s));
    if (t < 60) return t + " s";
    if (t < 3600) return t / 60 + " min " + t % 60 + " s";
    return t / 3600 + " h " + t % 3600 / 60 + " min";
  }
}
