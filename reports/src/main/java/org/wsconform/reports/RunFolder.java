package org.wsconform.reports;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run's results folder, {@code <base>/<run-id>/}, where {@code <base>} is normally {@code
 * reports/out}: {@code <run-id>} is {@code yyyyMMdd-HHmmss-<agent stem>} (the clock's zone, UTC by
 * default), with {@code -2}, {@code -3}, … appended when that folder exists.
 *
 * <p>Creating a run folder makes {@code cases/}, {@code junit/} and {@code allure-results/} and
 * points {@code <base>/latest} at it (a relative symbolic link, replaced atomically; where symbolic
 * links cannot be made, {@code <base>/latest.txt} holds the folder name instead).
 */
public final class RunFolder {

  public static final String LATEST = "latest";
  public static final String LATEST_TXT = "latest.txt";
  public static final String RESULTS_JSONL = "results.jsonl";
  public static final String INDEX_JSON = "index.json";
  public static final String RUN_JSON = "run.json";
  public static final String SUMMARY_MD = "summary.md";
  public static final String CASES = "cases";
  public static final String JUNIT = "junit";
  public static final String JUNIT_XML = "TEST-wsconform.xml";
  public static final String ALLURE_RESULTS = "allure-results";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path dir;

  private RunFolder(Path dir) {
    this.dir = dir;
  }

  /** {@code <projectRoot>/reports/out}, the usual base. */
  public static Path defaultBase(Path projectRoot) {
    return projectRoot.resolve("reports").resolve("out");
  }

  /** A new run folder under {@code base}, named from the current UTC time and the agent. */
  public static RunFolder create(Path base, String agent) throws IOException {
    return create(base, agent, Clock.systemUTC());
  }

  /**
   * A new run folder under {@code base} (created if missing), named from {@code clock} (in its
   * zone) and the agent's file stem; the {@code latest} link then points at it.
   */
  public static RunFolder create(Path base, String agent, Clock clock) throws IOException {
    Files.createDirectories(base);
    String stem = AgentName.fileStem(agent);
    String name =
        LocalDateTime.ofInstant(clock.instant(), clock.getZone()).format(STAMP)
            + "-"
            + (stem.isEmpty() ? "agent" : stem);
    Path dir = null;
    for (int n = 1; dir == null; n++) {
      Path candidate = base.resolve(n == 1 ? name : name + "-" + n);
      try {
        Files.createDirectory(candidate); // atomic: fails when another run took the name
        dir = candidate;
      } catch (FileAlreadyExistsException taken) {
        if (n > 10_000) {
          throw taken;
        }
      }
    }
    RunFolder folder = open(dir);
    pointLatestAt(base, dir.getFileName().toString());
    return folder;
  }

  /**
   * An existing (or new) folder used as a run folder as it is, e.g. an explicit {@code --out};
   * makes the subfolders, leaves {@code latest} alone.
   */
  public static RunFolder open(Path dir) throws IOException {
    Files.createDirectories(dir.resolve(CASES));
    Files.createDirectories(dir.resolve(JUNIT));
    Files.createDirectories(dir.resolve(ALLURE_RESULTS));
    return new RunFolder(dir);
  }

  /**
   * The folder {@code <base>/latest} points at (the symbolic link, else {@code latest.txt}), if
   * there is one.
   */
  public static Optional<Path> latest(Path base) throws IOException {
    Path link = base.resolve(LATEST);
    if (Files.isSymbolicLink(link)) {
      Path target = base.resolve(Files.readSymbolicLink(link));
      return Files.isDirectory(target) ? Optional.of(target) : Optional.empty();
    }
    Path txt = base.resolve(LATEST_TXT);
    if (Files.isRegularFile(txt)) {
      String name = Files.readString(txt).strip();
      Path target = base.resolve(name);
      if (!name.isEmpty() && Files.isDirectory(target)) {
        return Optional.of(target);
      }
    }
    return Optional.empty();
  }

  private static void pointLatestAt(Path base, String name) throws IOException {
    Path link = base.resolve(LATEST);
    Path tmp =
        base.resolve(
            ".latest-"
                + name
                + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    try {
      Files.createSymbolicLink(tmp, Path.of(name));
      Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(base.resolve(LATEST_TXT)); // a stale fallback would contradict the link
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      Files.deleteIfExists(tmp);
      Json.writeAtomically(base.resolve(LATEST_TXT), name + "\n");
    }
  }

  /** The run id: the folder's name. */
  public String id() {
    return dir.getFileName().toString();
  }

  public Path dir() {
    return dir;
  }

  public Path casesDir() {
    return dir.resolve(CASES);
  }

  public Path junitDir() {
    return dir.resolve(JUNIT);
  }

  public Path allureResultsDir() {
    return dir.resolve(ALLURE_RESULTS);
  }

  public Path resultsJsonl() {
    return dir.resolve(RESULTS_JSONL);
  }

  public Path indexJson() {
    return dir.resolve(INDEX_JSON);
  }

  public Path runJson() {
    return dir.resolve(RUN_JSON);
  }

  public Path summaryMd() {
    return dir.resolve(SUMMARY_MD);
  }

  public Path junitXml() {
    return junitDir().resolve(JUNIT_XML);
  }

  /** {@code cases/<stem>_case_<id>.json}. */
  public Path caseFile(String agent, String caseId) {
    return casesDir().resolve(AgentName.caseFileName(agent, caseId));
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
