package org.wsconform.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  @Test
  void percentilesComeFromTheIntendedSendTime() {
    LatencyRecorder r = new LatencyRecorder();
    // 1000 round trips of 1..1000 µs, each sent 5 µs after its intended time
    for (int i = 1; i <= 1000; i++) {
      long intended = 1_000_000L * i;
      r.record(intended, intended + 5_000, intended + i * 1_000L);
    }
    LatencyRecorder.Summary s = r.summary();
    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.p50()).isCloseTo(500, within(1.0));
    assertThat(s.p90()).isCloseTo(900, within(1.0));
    assertThat(s.p99()).isCloseTo(990, within(1.0));
    assertThat(s.max()).isCloseTo(1000, within(1.0));
    assertThat(r.uncorrectedSummary().p50()).isCloseTo(495, within(1.0));
    assertThat(s.curve()).isNotEmpty();
    assertThat(s.curve().get(s.curve().size() - 1)[1]).isCloseTo(1000, within(1.0));
  }

  @Test
  void anUnansweredMessageCountsWithItsWait() {
    LatencyRecorder r = new LatencyRecorder();
    r.record(0, 0, 1_000_000);
    r.recordUnanswered(0, 5_000_000_000L);
    assertThat(r.count()).isEqualTo(2);
    assertThat(r.summary().max()).isCloseTo(5_000_000, within(5_000.0));
    assertThat(r.uncorrected().getTotalCount()).isEqualTo(1);
  }

  @Test
  void negativeAndHugeValuesAreClamped() {
    LatencyRecorder r = new LatencyRecorder();
    r.record(10, 10, 5); // a clock step backwards
    r.recordUnanswered(0, Long.MAX_VALUE);
    assertThat(r.count()).isEqualTo(2);
  }
}
