package org.wsconform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Allure 2 commandline, which turns a run's {@code allure-results/} into the Allure HTML
 * report. It is the {@code io.qameta.allure:allure-commandline} zip from Maven Central, unpacked by
 * {@code reports/src/allure/install.sh} into {@code reports/.allure/allure-VERSION/}: Maven Central
 * is a registry every user of this Maven project already reaches, and the report is generated as
 * one self-contained file ({@code --single-file}) that opens from {@code file://}.
 */
final class AllureCommandline {
  /**
   * The newest commandline whose zip and generator jar are both on Maven Central (2.34.1's
   * generator jar is missing; allure-maven's default 2.36.0 has no zip there).
   */
  static final String VERSION = "2.34.0";

  static final String REPORT_DIR = "allure-report";
  static final String INSTALL_SCRIPT = "reports/src/allure/install.sh";

  /** Downloading 25 MB from Maven Central on a slow link. */
  private static final Duration INSTALL_DEADLINE = Duration.ofMinutes(10);

  private final Path home;

  private AllureCommandline(Path home) {
    this.home = home;
  }

  /** Where the commandline lives under the project root. */
  static Path homeUnder(Path root) {
    return root.resolve("reports").resolve(".allure").resolve("allure-" + VERSION);
  }

  /**
   * The installed commandline; when missing, runs the install script once (its output goes to a log
   * whose tail is shown on failure).
   *
   * @throws IllegalStateException with a message for the user when it cannot be had
   */
  static AllureCommandline installed(PrintWriter log) {
    Path root = projectRoot();
    Path home = homeUnder(root);
    if (isInstalled(home)) return new AllureCommandline(home);
    Path script = root.resolve(INSTALL_SCRIPT);
    log.println(
        "wsconform: installing the Allure commandline "
            + VERSION
            + " from Maven Central into "
            + home
            + " (once) ...");
    log.flush();
    Path out = null;
    try {
      out = Files.createTempFile("wsconform-allure-install", ".log");
      Process p =
          new ProcessBuilder("bash", script.toString())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      boolean done = p.waitFor(INSTALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "--allure: "
                + script
                + " did not finish within "
                + INSTALL_DEADLINE.toMinutes()
                + " min"
                + tail(out));
      }
      if (p.exitValue() != 0 || !isInstalled(home)) {
        throw new IllegalStateException(
            "--allure: " + script + " failed (exit " + p.exitValue() + ")" + tail(out));
      }
      return new AllureCommandline(home);
    } catch (IOException e) {
      throw new IllegalStateException("--allure: cannot run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "--allure: interrupted while installing the Allure commandline", e);
    } finally {
      deleteQuietly(out);
    }
  }

  private static boolean isInstalled(Path home) {
    return Files.isExecutable(home.resolve("bin").resolve("allure"))
        && Files.isRegularFile(
            home.resolve("lib").resolve("allure-commandline-" + VERSION + ".jar"));
  }

  /**
   * The source tree this harness runs from: {@code wsconform.home} (scripts/wsconform sets it),
   * else the nearest folder above the working directory holding the install script (a test or an
   * IDE runs from a module folder).
   */
  static Path projectRoot() {
    String home = System.getProperty("wsconform.home");
    if (home != null) return Path.of(home).toAbsolutePath().normalize();
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(INSTALL_SCRIPT))) return p;
    }
    throw new IllegalStateException(
        "--allure: cannot find "
            + INSTALL_SCRIPT
            + " above "
            + Path.of("").toAbsolutePath()
            + "; run scripts/wsconform from the wsconform source tree");
  }

  /**
   * Generates the report for {@code results} into {@code reportDir} (replacing it) as one
   * self-contained {@code index.html}; returns that file.
   *
   * @param cases how many cases the results hold, for the deadline
   * @throws IllegalStateException with the commandline's own words when it fails
   */
  Path generate(Path results, Path reportDir, String name, int cases) {
    Path log = reportDir.resolveSibling(REPORT_DIR + ".log");
    List<String> command =
        List.of(
            home.resolve("bin").resolve("allure").toString(),
            "generate",
            results.toAbsolutePath().toString(),
            "--output",
            reportDir.toAbsolutePath().toString(),
            "--clean",
            "--single-file",
            "--name",
            name);
    // measured on 2 cores: 6 s for 2 cases, 11-31 s for 366 cases (9.5 s CPU; the rest waiting on
    // a busy machine): a fixed part for the JVM and the report's assets, then per case
    Duration deadline = Duration.ofSeconds(120).plusMillis(200L * cases);
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      // the same Java that runs this harness, whatever JAVA_HOME the shell had
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      // otherwise the generator reports to Google Analytics while it runs, and the report loads
      // Google's tag script from the network when opened: "true", as Boolean.parseBoolean reads it
      pb.environment().put("ALLURE_NO_ANALYTICS", "true");
      Process p = pb.start();
      if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "allure generate did not finish within "
                + deadline.toSeconds()
                + " s"
                + tail(log)
                + " (log: "
                + log
                + ")");
      }
      Path index = reportDir.resolve("index.html");
      if (p.exitValue() != 0 || !Files.isRegularFile(index)) {
        throw new IllegalStateException(
            "allure generate failed (exit "
                + p.exitValue()
                + ")"
                + tail(log)
                + " (log: "
                + log
                + ")");
      }
      deleteQuietly(log);
      return index;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run the Allure commandline in " + home + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating the Allure report", e);
    }
  }

  /** The last lines of a log, for a message. */
  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> last = lines.subList(Math.max(0, lines.size() - 8), lines.size());
      return last.isEmpty() ? "" : ":\n    " + String.join("\n    ", last);
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteQuietly(Path p) {
    if (p == null) return;
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover temporary log is harmless
    }
  }
}
