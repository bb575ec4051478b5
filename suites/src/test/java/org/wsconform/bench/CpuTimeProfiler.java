package org.wsconform.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Throughput per CPU-second of the benchmark JVM, next to JMH's per wall-second. On a shared 2-core
 * machine (developers' builds, CI) wall-clock scores swing by several times from one iteration to
 * the next; CPU time does not count the time other processes held the CPU. The whole JVM's CPU time
 * is taken, so a codec that allocates also pays for its garbage collection.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  /**
   * The secondary result's label in JMH's output and in {@code RunResult.getSecondaryResults()}.
   */
  static final String LABEL = "cpu";

  private long cpuAtStart;

  @Override
  public String getDescription() {
    return "operations per CPU-second of the whole benchmark JVM";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuAtStart = processCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = processCpuNanos() - cpuAtStart;
    // All operations of the iteration, not only those inside JMH's measurement window: the CPU
    // time spans the whole iteration too.
    long ops = result.getMetadata().getAllOps();
    if (cpu <= 0 || ops <= 0) return List.of();
    return List.of(new ScalarResult(LABEL, ops * 1e9 / cpu, "ops/cpu-s", AggregationPolicy.AVG));
  }

  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
