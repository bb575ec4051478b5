package org.wsconform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CaseIdOrderTest {

  @Test
  void numericTuplesThenLetterGroupsInTheirOrder() {
    List<String> expected =
        List.of(
            "1.1.1", "1.1.2", "1.1.9", "1.1.10", "1.2.1", "2.1", "2.2", "2.10", "6.4.1", "6.10.1",
            "9.1.1", "10.1.1", "12.1.1", "12.1.2", "12.1.10", "13.7.18", "H.1", "H.2", "H.10",
            "R.1", "R.2", "X.1", "X.1.2", "F.1", "C.1", "L.1", "L.20", "A.1", "Q.3", "Z.1");
    for (long seed = 0; seed < 20; seed++) {
      List<String> shuffled = new ArrayList<>(expected);
      Collections.shuffle(shuffled, new Random(seed));
      shuffled.sort(CaseIdOrder.INSTANCE);
      assertThat(shuffled).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void prefixFirstNullLastAndConsistent() {
    CaseIdOrder o = CaseIdOrder.INSTANCE;
    assertThat(o.compare("1.1", "1.1.1")).isNegative();
    assertThat(o.compare("1.1.1", "1.1.1")).isZero();
    assertThat(o.compare("12345678901234567890.1", "9.1")).isPositive();
    assertThat(o.compare(null, "1.1")).isPositive();
    assertThat(o.compare("1.1", null)).isNegative();
    assertThat(o.compare("H.1", "1.1")).isPositive();
  }

  @Test
  void groupOfDropsTheLastPart() {
    assertThat(CaseIdOrder.groupOf("1.1.1")).isEqualTo("1.1");
    assertThat(CaseIdOrder.groupOf("2.3")).isEqualTo("2");
    assertThat(CaseIdOrder.groupOf("H.3")).isEqualTo("H");
    assertThat(CaseIdOrder.groupOf("H")).isEqualTo("H");
  }
}
