package org.wsconform.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the harness knows about a run as a whole, given to {@link ResultsWriter#finish}.
 *
 * @param target           the target URL (or profile name) as given, secrets already redacted
 * @param agent            the target's name in reports
 * @param started          when the run began
 * @param finished         when the last case ended
 * @param wallTimeMillis   wall time of the run in ms
 * @param wsconformVersion the harness version
 * @param javaVersion      the Java runtime version
 * @param selection        the case selection patterns as given (e.g. {@code ["1.*", "H.*"]}); empty = all
 */
public record RunInfo(
    String target,
    String agent,
    Instant started,
    Instant finished,
    long wallTimeMillis,
    String wsconformVersion,
    String javaVersion,
    List<String> selection) {

  public RunInfo {
    selection = selection == null ? List.of() : List.copyOf(selection);
  }

  /**
   * A run's info with the wall time taken from {@code started}/{@code finished}, this
   * module's version (the jar's Implementation-Version, else "dev") and this JVM's version.
   */
  public static RunInfo of(String target, String agent, Instant started, Instant finished,
      List<String> selection) {
    return new RunInfo(target, agent, started, finished,
        Duration.between(started, finished).toMillis(), defaultVersion(),
        Runtime.version().toString(), selection);
  }

  /** The wsconform version from the jar manifest, or "dev" when run from classes. */
  public static String defaultVersion() {
    String v = RunInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
