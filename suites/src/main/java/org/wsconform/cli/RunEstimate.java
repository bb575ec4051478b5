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
   * How many cases run at once: in the concurrent phase, and in the volume phase (12.*, 13.*) on
   * this machine's cores. Bulk cases run alone.
   */
  record Lanes(int concurrent, int volume, int cores) {
    Lanes {
      concurrent = Math.max(1, concurrent);
      volume = Math.max(1, volume);
      cores = Math.max(1, cores);
    }

    /** As many volume cases as concurrent ones, on as many cores (a plain -j N run). */
    static Lanes of(int parallel) {
      return new Lanes(parallel, parallel, parallel);
    }

    /**
     * What one case's seconds are divided by. Volume cases alternate between the two ends, so one
     * keeps about one core busy: against the embedded server on 2 cores, two at a time went 2.1
     * times the serial rate and four at a time 2.5 times (654 s of cases in 307 s and 263 s), hence
     * at most 1.25 per core.
     */
    double divisor(ConformanceCase c) {
      if (c.bulk()) return 1;
      if (c.volume()) return Math.min(volume, 1.25 * cores);
      return concurrent;
    }
  }

  /** Wall seconds for these cases with {@code lanes}: what the scheduler does. */
  double wallSeconds(List<ConformanceCase> cases, int roundTrips, Lanes lanes) {
    double wall = 0;
    for (ConformanceCase c : cases) wall += seconds(c, roundTrips) / lanes.divisor(c);
    return wall;
  }

  /** As {@link #wallSeconds(List, int, Lanes)} with {@link Lanes#of(int)}. */
  double wallSeconds(List<ConformanceCase> cases, int roundTrips, int parallel) {
    return wallSeconds(cases, roundTrips, Lanes.of(parallel));
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
