package org.wsconform.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;

class ShardPlanTest {
  static final List<ConformanceCase> ALL = Catalogue.all(50);

  @Test
  void everyCaseIsInExactlyOneShardAndTheSplitIsTheSameEachTime() {
    for (int n : List.of(1, 2, 3, 7)) {
      Set<String> seen = new HashSet<>();
      int total = 0;
      for (int i = 1; i <= n; i++) {
        ShardPlan p = ShardPlan.parse(i + "/" + n, Map.of());
        List<ConformanceCase> mine = p.select(ALL, c -> c.id().startsWith("12.") ? 2.0 : 0.01);
        assertThat(mine).isEqualTo(p.select(ALL, c -> c.id().startsWith("12.") ? 2.0 : 0.01));
        assertThat(mine)
            .isNotEmpty()
            .isSortedAccordingTo((a, b) -> ALL.indexOf(a) - ALL.indexOf(b));
        for (ConformanceCase c : mine) assertThat(seen.add(c.id())).isTrue();
        total += mine.size();
      }
      assertThat(total).isEqualTo(ALL.size());
    }
  }

  @Test
  void longestFirstBalancesTheWeights() {
    List<ConformanceCase> cases = ALL.subList(0, 6);
    Map<String, Long> w = new java.util.HashMap<>();
    long[] ms = {50, 40, 30, 20, 10, 10};
    for (int i = 0; i < 6; i++) w.put(cases.get(i).id(), ms[i]);
    List<List<ConformanceCase>> parts = ShardPlan.split(cases, 2, w);
    List<Long> loads = new ArrayList<>();
    for (List<ConformanceCase> p : parts) loads.add(p.stream().mapToLong(c -> w.get(c.id())).sum());
    assertThat(loads).containsExactly(80L, 80L); // 50+20+10 | 40+30+10
  }

  @Test
  void autoReadsGitLabOrKubernetes() {
    ShardPlan g = ShardPlan.parse("auto", Map.of("CI_NODE_INDEX", "2", "CI_NODE_TOTAL", "4"));
    assertThat(g.index()).isEqualTo(2);
    assertThat(g.total()).isEqualTo(4);
    ShardPlan k =
        ShardPlan.parse(null, Map.of("JOB_COMPLETION_INDEX", "0", "WSCONFORM_SHARD_TOTAL", "3"));
    assertThat(k.index()).isEqualTo(1);
    assertThat(k.total()).isEqualTo(3);
    assertThatThrownBy(() -> ShardPlan.parse("auto", Map.of("JOB_COMPLETION_INDEX", "0")))
        .hasMessageContaining("WSCONFORM_SHARD_TOTAL");
    assertThatThrownBy(() -> ShardPlan.parse("auto", Map.of()))
        .hasMessageContaining("CI_NODE_INDEX")
        .hasMessageContaining("--shard i/n");
    assertThatThrownBy(() -> ShardPlan.parse("4/3", Map.of())).hasMessageContaining("1 <= i <= n");
    assertThatThrownBy(() -> ShardPlan.parse("two", Map.of())).hasMessageContaining("i/n");
  }
}
