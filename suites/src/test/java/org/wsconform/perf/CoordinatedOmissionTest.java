package org.wsconform.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wsconform.wire.Endpoint;

/**
 * The open model against a target that stalls 200 ms once: every message whose intended send time
 * fell in the stall waits behind it, and the corrected histogram shows each of them. Nothing is
 * timed against a limit: the assertions count recorded values, with wide margins.
 */
class CoordinatedOmissionTest {
  @Test
  @Timeout(60)
  void theCorrectedHistogramShowsTheSendsQueuedBehindAStall() throws Exception {
    try (StallingEchoServer server = new StallingEchoServer(50, 200);
        Generator g = new Generator(Endpoint.parse(server.uri().toString()), List.of())) {
      Generator.Opened o = g.open(1, false, System.nanoTime() + 20_000_000_000L, null);
      assertThat(o.connections()).as("opened: %s", o.firstFailure()).hasSize(1);
      LatencyRecorder rec = new LatencyRecorder();
      // 200 messages/s for 1.5 s: the stall after the 50th message covers ~40 intended sends
      Generator.Count c =
          g.echoAtRate(
              o.connections(), 200, Payloads.of(32), 0, 1_500_000_000L, 10_000_000_000L, rec);
      assertThat(c.done()).isGreaterThanOrEqualTo(250);
      long queued = rec.corrected().getCountBetweenValues(50_000_000L, LatencyRecorder.HIGHEST);
      // one sample of ~200 ms is what a closed-loop client records; the open model records the
      // whole queue: messages meant for 0, 5, 10 … 195 ms into the stall, each waiting for its end
      assertThat(queued).as("messages that waited 50 ms or more").isGreaterThanOrEqualTo(20);
      assertThat(rec.corrected().getMaxValue()).isGreaterThanOrEqualTo(150_000_000L);
      assertThat(rec.summary().p99()).isGreaterThanOrEqualTo(50_000);
    }
  }
}
