package org.wsconform.reports;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Outcome;

/**
 * Counts over a run's cases.
 *
 * @param cases number of cases
 * @param outcomes outcome → count, every outcome of {@link Outcome} present (maybe 0)
 * @param behavior behavior verdict → count, the known ones always present, then others
 * @param behaviorClose behaviorClose verdict → count, likewise
 */
public record RunTotals(
    int cases,
    Map<String, Integer> outcomes,
    Map<String, Integer> behavior,
    Map<String, Integer> behaviorClose) {

  public RunTotals {
    outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    behavior = Collections.unmodifiableMap(new LinkedHashMap<>(behavior));
    behaviorClose = Collections.unmodifiableMap(new LinkedHashMap<>(behaviorClose));
  }

  public static RunTotals of(Collection<CaseRecord> records) {
    Map<String, Integer> outcomes =
        zeros(Outcome.reportOrder().stream().map(Outcome::name).toList());
    Map<String, Integer> behavior =
        zeros(Behavior.reportOrder().stream().map(Behavior::label).toList());
    Map<String, Integer> behaviorClose =
        zeros(BehaviorClose.reportOrder().stream().map(BehaviorClose::label).toList());
    for (CaseRecord r : records) {
      outcomes.merge(Verdicts.outcome(r).name(), 1, Integer::sum);
      behavior.merge(String.valueOf(r.behavior()), 1, Integer::sum);
      behaviorClose.merge(String.valueOf(r.behaviorClose()), 1, Integer::sum);
    }
    return new RunTotals(records.size(), outcomes, behavior, behaviorClose);
  }

  private static Map<String, Integer> zeros(List<String> keys) {
    Map<String, Integer> m = new LinkedHashMap<>();
    keys.forEach(k -> m.put(k, 0));
    return m;
  }

  public int count(Outcome outcome) {
    return outcomes.getOrDefault(outcome.name(), 0);
  }

  /** True when a gated case failed or could not be run (exit code 1). */
  public boolean anyFailedOrError() {
    return count(Outcome.FAILED) > 0 || count(Outcome.ERROR) > 0;
  }
}
