package org.wsconform.perf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SaturationTest {
  @Test
  void aGeneratorWithHeadroomIsReported() {
    assertThat(Saturation.refusal(new Saturation.Load(5, 1, 1.5, 1, 4.0, 1))).isEmpty();
  }

  @Test
  void aBusyLoopWhileTheTargetIdlesIsRefused() {
    var r = Saturation.refusal(new Saturation.Load(5, 4.8, 4.9, 1, 2.0, 1));
    assertThat(r).get().asString().contains("generator saturated first", "96 %", "40 % busy");
  }

  @Test
  void aBusyProcessOnItsCoresIsRefused() {
    var r = Saturation.refusal(new Saturation.Load(10, 5, 19, 2, 3.0, 2));
    assertThat(r).get().asString().contains("its process used 95 % of its 2 core(s)");
  }

  @Test
  void aTargetAtItsLimitMakesTheFigureTheTargets() {
    assertThat(Saturation.refusal(new Saturation.Load(5, 4.8, 4.9, 1, 4.7, 1))).isEmpty();
  }

  @Test
  void anInvisibleTargetCannotExcuseABusyGenerator() {
    var r = Saturation.refusal(new Saturation.Load(5, 4.9, 4.9, 1, null, 1));
    assertThat(r).get().asString().contains("not visible");
  }

  @Test
  void noWindowMeansNoLoad() {
    assertThat(Saturation.refusal(new Saturation.Load(0, 0, 0, 1, null, 1))).isEmpty();
  }

  @Test
  void spinningBeforeASendTimeIsNotWork() {
    // 4.9 s of loop CPU in 5 s, 4 s of it spinning for punctual sends: 18 % busy, reported
    assertThat(Saturation.refusal(new Saturation.Load(5, 4.9, 4.95, 1, 2.0, 1, 4.0))).isEmpty();
    // the same loop with only 0.2 s of spinning did work all the time: refused
    assertThat(Saturation.refusal(new Saturation.Load(5, 4.9, 4.95, 1, 2.0, 1, 0.2)))
        .hasValueSatisfying(r -> assertThat(r).contains("event loop was 94 %"));
  }
}
