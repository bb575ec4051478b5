package org.wsconform.cli;

import org.wsconform.run.RunContext;

/**
 * How many cases run at once: {@code parallel} for the concurrent phase, {@code volume} for the
 * volume phase (12.*, 13.*). {@code -j N} sets both; without it, a loopback target gets one case
 * slot per core and a remote one a single slot (it is somebody's server), and the volume phase
 * twice that.
 */
record CaseLanes(int parallel, int volume) {

  /**
   * @param jobs the -j option, or null
   */
  static CaseLanes of(Integer jobs, RunContext ctx) {
    if (jobs != null) return new CaseLanes(jobs, jobs);
    int n = defaultParallelism(ctx);
    return new CaseLanes(n, volumeParallelism(n));
  }

  /** The lanes the run estimate divides by, after --max-concurrency. */
  RunEstimate.Lanes estimated(RunContext ctx) {
    return new RunEstimate.Lanes(
        ctx.config().connection().concurrency(parallel),
        ctx.config().connection().concurrency(volume),
        Runtime.getRuntime().availableProcessors());
  }

  /**
   * Volume cases (12.*, 13.*) at once when -j is not given: two per case slot. Each keeps one
   * message in flight, so its connection leaves the cores idle while the other side works; with one
   * per core, 12.*+13.* at 200 round trips against the embedded server took 66.3 s wall for 114
   * CPU-seconds (16 % above CPU / cores), with two per core 62.9 s for 122 (3 % above). More does
   * not help against Node ws (README, Performance) and brings 12.x.15 near its 480 s timer.
   */
  static int volumeParallelism(int parallel) {
    return parallel * 2;
  }

  static int defaultParallelism(RunContext ctx) {
    String host = ctx.settings().endpoint().host();
    boolean loopback =
        host.equals("localhost")
            || host.startsWith("127.")
            || host.equals("::1")
            || host.equals("[::1]");
    return loopback ? Runtime.getRuntime().availableProcessors() : 1;
  }
}
