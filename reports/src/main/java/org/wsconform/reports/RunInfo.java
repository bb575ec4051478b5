package org.wsconform.reports;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * What the harness knows about a run as a whole, given to {@link ResultsWriter#finish}.
 *
 * @param target the target URL (or profile name) as given, secrets already redacted
 * @param agent the target's name in reports
 * @param started when the run began
 * @param finished when the last case ended
 * @param wallTimeMillis wall time of the run in ms
 * @param wsconformVersion the harness version
 * @param javaVersion the Java runtime version
 * @param selection the case selection patterns as given (e.g. {@code ["1.*", "H.*"]}); empty = all
 * @param deflateRoundTrips round trips per 12.x/13.x case; Autobahn's is {@value
 *     #AUTOBAHN_DEFLATE_ROUND_TRIPS}
 * @param identity what the target is (URL, profile, implementation, version, workerd's
 *     compatibility date and flags), or null when not known
 * @param shard which part of the selection this run was ({@code --shard i/n}), or null for a whole
 *     run
 * @param shards the shard runs a merged run was made from ({@code wsconform merge}), else empty
 */
public record RunInfo(
    String target,
    String agent,
    Instant started,
    Instant finished,
    long wallTimeMillis,
    String wsconformVersion,
    String javaVersion,
    List<String> selection,
    int deflateRoundTrips,
    TargetIdentity identity,
    ShardInfo shard,
    List<ShardInfo> shards) {

  /** Autobahn's COUNT: round trips per 12.x/13.x case in its reports. */
  public static final int AUTOBAHN_DEFLATE_ROUND_TRIPS = 1000;

  public RunInfo {
    selection = selection == null ? List.of() : List.copyOf(selection);
    shards = shards == null ? List.of() : List.copyOf(shards);
  }

  /** A whole run (not a shard, not merged). */
  public RunInfo(
      String target,
      String agent,
      Instant started,
      Instant finished,
      long wallTimeMillis,
      String wsconformVersion,
      String javaVersion,
      List<String> selection,
      int deflateRoundTrips,
      TargetIdentity identity) {
    this(
        target,
        agent,
        started,
        finished,
        wallTimeMillis,
        wsconformVersion,
        javaVersion,
        selection,
        deflateRoundTrips,
        identity,
        null,
        List.of());
  }

  /** A run with Autobahn's round-trip count. */
  public RunInfo(
      String target,
      String agent,
      Instant started,
      Instant finished,
      long wallTimeMillis,
      String wsconformVersion,
      String javaVersion,
      List<String> selection) {
    this(
        target,
        agent,
        started,
        finished,
        wallTimeMillis,
        wsconformVersion,
        javaVersion,
        selection,
        AUTOBAHN_DEFLATE_ROUND_TRIPS,
        null);
  }

  /** The same run with {@code n} round trips per 12.x/13.x case. */
  public RunInfo withDeflateRoundTrips(int n) {
    return with(n, identity, shard, shards);
  }

  /** The same run with the target's identity. */
  public RunInfo withIdentity(TargetIdentity id) {
    return with(deflateRoundTrips, id, shard, shards);
  }

  /** The same run as one shard of a split selection. */
  public RunInfo withShard(ShardInfo s) {
    return with(deflateRoundTrips, identity, s, shards);
  }

  /** The same run as the merge of these shard runs. */
  public RunInfo withShards(List<ShardInfo> s) {
    return with(deflateRoundTrips, identity, shard, s);
  }

  private RunInfo with(
      int deflateRoundTrips, TargetIdentity identity, ShardInfo shard, List<ShardInfo> shards) {
    return new RunInfo(
        target,
        agent,
        started,
        finished,
        wallTimeMillis,
        wsconformVersion,
        javaVersion,
        selection,
        deflateRoundTrips,
        identity,
        shard,
        shards);
  }

  /**
   * What every report says of a run whose 12.x/13.x cases did not do Autobahn's 1000 round trips
   * (its verdicts there are not Autobahn's, only the same rules over fewer messages), or null for
   * an Autobahn-sized run.
   */
  public String deflateRoundTripsNote() {
    return deflateNote(deflateRoundTrips);
  }

  /** {@link #deflateRoundTripsNote()} for a count read back from a run.json. */
  public static String deflateNote(int deflateRoundTrips) {
    if (deflateRoundTrips == AUTOBAHN_DEFLATE_ROUND_TRIPS) return null;
    return "12.*/13.* ran "
        + deflateRoundTrips
        + " round trips per case, not Autobahn's "
        + AUTOBAHN_DEFLATE_ROUND_TRIPS
        + " (--deflate-round-trips): same cases and verdict rules, fewer messages";
  }

  /**
   * A run's info with the wall time taken from {@code started}/{@code finished}, this module's
   * version ({@link #defaultVersion()}) and this JVM's version.
   */
  public static RunInfo of(
      String target, String agent, Instant started, Instant finished, List<String> selection) {
    return new RunInfo(
        target,
        agent,
        started,
        finished,
        Duration.between(started, finished).toMillis(),
        defaultVersion(),
        Runtime.version().toString(),
        selection);
  }

  /**
   * The wsconform version: the Maven project version, written into {@code version.properties} by
   * resource filtering, so that {@code --version}, run.json and every report say the same whether
   * the harness runs from a jar or from classes ("dev" only if the resource is missing).
   */
  public static String defaultVersion() {
    return VERSION;
  }

  private static final String VERSION = readVersion();

  private static String readVersion() {
    try (InputStream in = RunInfo.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank() && !v.startsWith("${")) return v.strip();
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    String v = RunInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
