package org.wsconform.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the run knows of the target's process.
 *
 * @param processes the launched target's processes (empty: not a process we can see)
 * @param embedded the target runs in this JVM (the reference server): CPU is split by thread
 * @param generatorCores cores the generator may use
 * @param targetCores cores the target may use
 * @param pinning how generator and target were put on cores, or why they were not
 */
public record PerfTarget(
    Supplier<List<ProcessHandle>> processes,
    boolean embedded,
    int generatorCores,
    int targetCores,
    String pinning) {

  /** A target this JVM does not see: another machine, or a process someone else started. */
  public static PerfTarget remote() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new PerfTarget(
        List::of, false, cores, cores, "not pinned: the target is not a process we launched");
  }

  /** The embedded reference server, in this JVM: no pinning possible. */
  public static PerfTarget inProcess() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new PerfTarget(
        List::of,
        true,
        1,
        Math.max(1, cores - 1),
        "not pinned: the embedded server shares the generator's JVM (CPU split by thread)");
  }

  /**
   * A process we launched: with taskset and at least two cores, the generator gets core 0 and the
   * target every other core, so that neither steals the other's CPU and each one's limit shows.
   */
  public static PerfTarget launched(Supplier<List<ProcessHandle>> processes, boolean pin) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (!pin) return new PerfTarget(processes, false, cores, cores, "not pinned (--no-pin)");
    if (cores < 2) {
      return new PerfTarget(processes, false, cores, cores, "not pinned: only one core");
    }
    Path taskset = Path.of("/usr/bin/taskset");
    if (!Files.isExecutable(taskset)) {
      return new PerfTarget(processes, false, cores, cores, "not pinned: no taskset (util-linux)");
    }
    String targetCores = cores == 2 ? "1" : "1-" + (cores - 1);
    try {
      taskset("0", ProcessHandle.current().pid());
      for (ProcessHandle p : processes.get()) taskset(targetCores, p.pid());
    } catch (IOException e) {
      return new PerfTarget(processes, false, cores, cores, "not pinned: " + e.getMessage());
    }
    return new PerfTarget(
        processes,
        false,
        1,
        cores - 1,
        "taskset: generator on core 0, target on core(s) " + targetCores);
  }

  private static void taskset(String cores, long pid) throws IOException {
    Process p =
        new ProcessBuilder("taskset", "-a", "-p", "-c", cores, Long.toString(pid))
            .redirectErrorStream(true)
            .start();
    try {
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(
            "taskset -a -p -c " + cores + " " + pid + " failed: " + output.trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while pinning", e);
    }
  }
}
