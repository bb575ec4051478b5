package org.wsconform.perf;

import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes the selector {@link Generator#SPIN_AHEAD_NANOS} before each intended send time (parkNanos
 * is precise to tens of microseconds, a selector timeout only to a millisecond); the loop spins
 * from there to the time itself. At most every 50 µs.
 */
final class Ticker extends Thread {
  private final Selector selector;
  private final long t0;
  private final long interval;
  private final long end;

  Ticker(Selector selector, long t0, long interval, long end) {
    super("wsconform-perf-ticker");
    setDaemon(true);
    this.selector = selector;
    this.t0 = t0;
    this.interval = interval;
    this.end = end;
  }

  @Override
  public void run() {
    long step = Math.max(interval, 50_000);
    for (long due = t0; due < end && !isInterrupted(); due += step) {
      long wait;
      while ((wait = due - Generator.SPIN_AHEAD_NANOS - System.nanoTime()) > 0
          && !isInterrupted()) {
        LockSupport.parkNanos(wait);
      }
      selector.wakeup();
    }
  }
}
