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
   * one, never beside the other classes, as many at once as -j says, or twice the default
   * parallelism without -j (each keeps one message in flight). May take over 30 s.
   */
  VOLUME,
  /** Moves bulk data or measures time (or may take over 30 s): runs strictly alone. */
  BULK
}
