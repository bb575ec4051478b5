package org.wsconform.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdTest {
  private static Map<String, Double> metrics() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("handshakes.rate", 2000.0);
    m.put("echo.32.plain.1000.p99", 800.0);
    m.put("echo.65536.deflate.1000.p99", 25_000.0);
    m.put("echo.32.plain.1000.p50", 120.0);
    m.put("peak.1.rate", 30_000.0);
    m.put("peak.16.rate", 60_000.0);
    m.put("peak.16.bytes", 1.92e6);
    m.put("held.survived", 10_000.0);
    m.put("held.rssPerConnection", 20_000.0);
    return m;
  }

  @Test
  void parsesLatencyWithUnits() {
    assertThat(Threshold.parse("p99<20ms"))
        .isEqualTo(new Threshold("p99<20ms", "p99", "<", 20_000));
    assertThat(Threshold.parse(" p99.9 <= 1.5s ").value()).isEqualTo(1_500_000);
    assertThat(Threshold.parse("max<900us").value()).isEqualTo(900);
  }

  @Test
  void parsesRatesAndSizes() {
    assertThat(Threshold.parse("rate>50000").value()).isEqualTo(50_000);
    assertThat(Threshold.parse("rate>50k").value()).isEqualTo(50_000);
    assertThat(Threshold.parse("bytes>=1.5MB/s").value()).isEqualTo(1.5e6);
    assertThat(Threshold.parse("rss<64KiB").value()).isEqualTo(65_536);
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> Threshold.parse("p99<20"))
        .hasMessageContaining("a latency needs a unit (us, ms or s)");
    assertThatThrownBy(() -> Threshold.parse("p99 = 20ms"))
        .hasMessageContaining("expected METRIC OP VALUE");
    assertThatThrownBy(() -> Threshold.parse("speed>5"))
        .hasMessageContaining("unknown metric 'speed'");
    assertThatThrownBy(() -> Threshold.parse("rate>5parsecs")).hasMessageContaining("unknown unit");
  }

  @Test
  void latencyGatesTheWorstFigureAndRateTheBest() {
    List<Threshold.Check> c =
        Threshold.checkAll(
            List.of(
                Threshold.parse("p99<20ms"),
                Threshold.parse("p50<1ms"),
                Threshold.parse("rate>50000"),
                Threshold.parse("rate>70000"),
                Threshold.parse("echo.32.plain.1000.p99<1ms"),
                Threshold.parse("connections>=10000"),
                Threshold.parse("rss<16KiB")),
            metrics());
    assertThat(c)
        .extracting(Threshold.Check::passed)
        .containsExactly(false, true, true, false, true, true, false);
    assertThat(c.get(0).message())
        .isEqualTo("threshold 'p99<20ms' FAILED: expected p99 < 20000 us, observed 25000 us");
    assertThat(c.get(2).observed()).isEqualTo(60_000);
  }

  @Test
  void anUnmeasuredMetricFails() {
    Threshold.Check c = Threshold.parse("handshakes>1").check(Map.of());
    assertThat(c.passed()).isFalse();
    assertThat(c.message()).contains("observed nothing");
  }

  @Test
  void baselineFlagsRegressionsBeyondTheTolerance() {
    Map<String, Double> before = metrics();
    Map<String, Double> after = new LinkedHashMap<>(before);
    after.put("echo.32.plain.1000.p99", 900.0); // +12.5 %: worse
    after.put("peak.16.rate", 55_000.0); // -8.3 %: within 10 %
    after.put("peak.1.rate", 20_000.0); // -33 %: worse
    after.put("held.rssPerConnection", 10_000.0); // better
    List<Baseline.Change> ch = Baseline.compare(before, after, Baseline.tolerance("10%"));
    assertThat(ch.stream().filter(Baseline.Change::regression).map(Baseline.Change::metric))
        .containsExactlyInAnyOrder("echo.32.plain.1000.p99", "peak.1.rate");
    assertThat(Baseline.tolerance("5")).isEqualTo(0.05);
    assertThatThrownBy(() -> Baseline.tolerance("ten")).hasMessageContaining("10%");
  }
}
