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
  /** Moves bulk data or measures time (or may take over 30 s): runs strictly alone. */
  BULK
}
