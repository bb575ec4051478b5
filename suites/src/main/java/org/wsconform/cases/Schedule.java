package org.wsconform.cases;

/**
 * When a case may run relative to the others: its scheduling class, stated where the case is built.
 */
public enum Schedule {
  /** Independent of timing: runs beside other cases in the concurrent phase. */
  CONCURRENT,
  /**
   * The verdict depends on deliberate pauses (the server's behaviour while the harness waits on
   * purpose): never beside the busy concurrent phase; the paused cases run together in a phase of
   * their own, where the machine is otherwise idle.
   */
  PAUSED,
  /**
   * Moves volume on a connection of its own, and its verdict depends on what arrives, not when
   * (permessage-deflate round trips, 12.* and 13.*): runs in a phase of its own after the paused
   * one, as many at once as the run's parallelism (-j) allows, never beside the other classes. May
   * take over 30 s.
   */
  VOLUME,
  /** Moves bulk data or measures time (or may take over 30 s): runs strictly alone. */
  BULK
}
