package org.wsconform.perf;

import java.util.Optional;

/**
 * Whether a figure measured the target or the generator. A load generator that runs out of CPU
 * first reports its own limit as the target's (the websocket-shootout trap), so such a figure is
 * refused, with the reason, instead of reported.
 */
public final class Saturation {
  /** Busier than this share of what it may use counts as saturated. */
  public static final double LIMIT = 0.90;

  private Saturation() {}

  /**
   * CPU use over one figure's measuring window.
   *
   * @param wallSeconds the window
   * @param loopCpuSeconds CPU time of the generator's event-loop thread (one core at most)
   * @param generatorCpuSeconds CPU time of the whole generator process (loop, GC, JIT)
   * @param generatorCores cores the generator may use (its affinity)
   * @param targetCpuSeconds the target's CPU time, or null when it is not a process we can see
   * @param targetCores cores the target may use
   * @param spinSeconds of the loop's CPU, the time it spun waiting for an intended send time: not
   *     work, so not counted as busy
   */
  public record Load(
      double wallSeconds,
      double loopCpuSeconds,
      double generatorCpuSeconds,
      int generatorCores,
      Double targetCpuSeconds,
      int targetCores,
      double spinSeconds) {

    public Load(
        double wallSeconds,
        double loopCpuSeconds,
        double generatorCpuSeconds,
        int generatorCores,
        Double targetCpuSeconds,
        int targetCores) {
      this(
          wallSeconds,
          loopCpuSeconds,
          generatorCpuSeconds,
          generatorCores,
          targetCpuSeconds,
          targetCores,
          0);
    }

    public double loopBusy() {
      return wallSeconds > 0 ? Math.max(0, loopCpuSeconds - spinSeconds) / wallSeconds : 0;
    }

    public double generatorBusy() {
      return wallSeconds > 0
          ? Math.max(0, generatorCpuSeconds - spinSeconds) / (wallSeconds * generatorCores)
          : 0;
    }

    public Double targetBusy() {
      return targetCpuSeconds == null || wallSeconds <= 0
          ? null
          : targetCpuSeconds / (wallSeconds * targetCores);
    }
  }

  /**
   * Why the figure must not be reported, or empty when the generator had headroom. The generator
   * saturated first when its loop thread or its process used at least {@link #LIMIT} of what it may
   * use while the target did not (a target at its own limit makes the figure the target's).
   */
  public static Optional<String> refusal(Load l) {
    Double target = l.targetBusy();
    boolean targetSaturated = target != null && target >= LIMIT;
    if (targetSaturated) return Optional.empty();
    String targetText =
        target == null
            ? "the target's CPU is not visible (not a process we launched)"
            : "the target was only " + percent(target) + " busy";
    if (l.loopBusy() >= LIMIT) {
      return Optional.of(
          "generator saturated first: its event loop was "
              + percent(l.loopBusy())
              + " busy (limit "
              + percent(LIMIT)
              + ") while "
              + targetText
              + "; the figure would be the generator's, not the target's");
    }
    if (l.generatorBusy() >= LIMIT) {
      return Optional.of(
          "generator saturated first: its process used "
              + percent(l.generatorBusy())
              + " of its "
              + l.generatorCores()
              + " core(s) (limit "
              + percent(LIMIT)
              + ") while "
              + targetText
              + "; the figure would be the generator's, not the target's");
    }
    return Optional.empty();
  }

  static String percent(double share) {
    return Math.round(share * 100) + " %";
  }
}
