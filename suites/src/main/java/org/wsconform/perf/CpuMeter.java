package org.wsconform.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of the generator (its loop thread, its whole process) and of a target process we
 * launched (utime + stime of the process and its descendants, from /proc/PID/stat).
 */
final class CpuMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final double TICK = clockTicks();

  private CpuMeter() {}

  /** CPU seconds of the calling thread. */
  static double loopSeconds() {
    return THREADS.getCurrentThreadCpuTime() / 1e9;
  }

  /** CPU seconds of this JVM (every thread, GC and JIT included). */
  static double processSeconds() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  /** utime + stime of these processes, or null when /proc does not tell. */
  static Double processesSeconds(List<ProcessHandle> processes) {
    double total = 0;
    boolean any = false;
    for (ProcessHandle p : processes) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
        // the command name (field 2) may hold spaces: the fields after it start past the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state): utime is field 14, stime field 15
        total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICK;
        any = true;
      } catch (IOException | RuntimeException gone) {
        // a process that ended between the listing and the read
      }
    }
    return any ? total : null;
  }

  /** VmRSS of these processes in octets, or null. */
  static Long rssOctets(List<ProcessHandle> processes) {
    long total = 0;
    boolean any = false;
    for (ProcessHandle p : processes) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
          if (line.startsWith("VmRSS:")) {
            total += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            any = true;
          }
        }
      } catch (IOException | RuntimeException gone) {
        // ended meanwhile
      }
    }
    return any ? total : null;
  }

  private static double clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return Double.parseDouble(s);
    } catch (IOException | RuntimeException e) {
      return 100; // Linux's USER_HZ nearly everywhere
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
