package org.wsconform.perf;

import java.io.IOException;
import java.util.List;
import org.wsconform.wire.Frame;

/**
 * The figures about connections rather than messages: opening handshakes per second and how many
 * held connections answer a ping. Both drive the {@link Generator}'s one selector thread.
 */
final class ConnectionFigures {
  private ConnectionFigures() {}

  /** Opening handshakes, {@code concurrency} at once, each closed as soon as it is open. */
  static Generator.Count handshakes(
      Generator g, int concurrency, long warmupNanos, long durationNanos, LatencyRecorder latencies)
      throws IOException {
    long t0 = System.nanoTime();
    long measureFrom = t0 + warmupNanos;
    long end = measureFrom + durationNanos;
    long[] count = {0, 0};
    String[] firstFailure = {null};
    int[] pending = {0};
    g.listen(
        new Generator.Listener() {
          @Override
          public void opened(PerfConnection c, long now) {
            pending[0]--;
            if (c.startNanos >= measureFrom && now <= end) {
              count[0]++;
              latencies.record(c.startNanos, c.startNanos, now);
            }
            c.closeQuietly();
          }

          @Override
          public void failed(PerfConnection c, String why, long now) {
            if (c.openNanos == 0) pending[0]--;
            count[1]++;
            if (firstFailure[0] == null) firstFailure[0] = why;
          }
        });
    while (true) {
      long now = System.nanoTime();
      if (now >= end && pending[0] == 0) break;
      if (now >= end + 5_000_000_000L) break;
      while (now < end && pending[0] < concurrency) {
        g.connect(false);
        pending[0]++;
      }
      g.poll(10);
    }
    return new Generator.Count(count[0], count[1], firstFailure[0], 0);
  }

  /** One Ping on each open connection; how many answered with a Pong before the deadline. */
  static int pingRound(Generator g, List<PerfConnection> conns, long deadlineNanos)
      throws IOException {
    java.util.Set<PerfConnection> waiting = new java.util.HashSet<>();
    g.listen(
        new Generator.Listener() {
          @Override
          public void pong(PerfConnection c, long now) {
            waiting.remove(c);
          }

          @Override
          public void failed(PerfConnection c, String why, long now) {
            waiting.remove(c);
          }
        });
    int asked = 0;
    for (PerfConnection c : conns) {
      if (c.state != PerfConnection.State.OPEN) continue;
      waiting.add(c);
      asked++;
      c.sendFrame(Frame.ping(new byte[] {'p', 'e', 'r', 'f'}));
      g.flush(c);
    }
    int survived = asked;
    while (!waiting.isEmpty() && System.nanoTime() < deadlineNanos) g.poll(10);
    survived -= waiting.size();
    // connections that failed were removed too: count only those still open
    int open = 0;
    for (PerfConnection c : conns) if (c.state == PerfConnection.State.OPEN) open++;
    return Math.min(survived, open);
  }
}
