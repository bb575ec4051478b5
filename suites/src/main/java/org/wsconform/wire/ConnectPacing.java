package org.wsconform.wire;

import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * At most {@code perSecond} new connections per second, evenly spaced (--rate): a deployed endpoint
 * behind a rate limiter or a WAF sees a steady trickle instead of a burst, and its 429s or resets
 * do not become our verdicts. Shared by every connection of a run.
 */
public final class ConnectPacing {
  private final double perSecond;
  private final long intervalNanos;
  private long nextSlot;
  private boolean started;

  public ConnectPacing(double perSecond) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException(
          "--rate must be a positive number of connections per second, got " + perSecond);
    }
    this.perSecond = perSecond;
    this.intervalNanos = (long) (1e9 / perSecond);
  }

  /**
   * Parses "N", "N/s" or "N/min".
   *
   * @throws IllegalArgumentException anything else
   */
  public static ConnectPacing parse(String rate) {
    String r = rate.trim().toLowerCase(Locale.ROOT);
    double divisor = 1;
    if (r.endsWith("/s")) {
      r = r.substring(0, r.length() - 2);
    } else if (r.endsWith("/min")) {
      r = r.substring(0, r.length() - 4);
      divisor = 60;
    } else if (r.endsWith("/m")) {
      r = r.substring(0, r.length() - 2);
      divisor = 60;
    }
    try {
      return new ConnectPacing(Double.parseDouble(r.trim()) / divisor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--rate: expected connections per second such as 5, 5/s or 120/min, got '" + rate + "'");
    }
  }

  public double perSecond() {
    return perSecond;
  }

  /** Waits for this connection's slot; the first connection goes at once. */
  public void acquire() throws InterruptedIOException {
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      if (!started || nextSlot - now < 0) {
        started = true;
        nextSlot = now;
      }
      slot = nextSlot;
      nextSlot += intervalNanos;
    }
    // a deliberate wait for a time slot (pacing), not a wait for another thread
    long wait;
    while ((wait = slot - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(
            "interrupted while waiting for a connection slot (--rate)");
      }
    }
  }

  @Override
  public String toString() {
    return perSecond + "/s";
  }
}
