package org.wsconform.judge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsconform.verdict.Behavior;

/**
 * What a case accepts, declared as data before anything is sent: for each verdict the exact ordered
 * event list that earns it (first match wins), and the close expectation.
 */
public record Expectation(Map<Behavior, List<Event>> outcomes, CloseExpectation close) {

  public Expectation {
    outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
  }

  public static Expectation ok(List<Event> events, CloseExpectation close) {
    Map<Behavior, List<Event>> m = new LinkedHashMap<>();
    m.put(Behavior.OK, List.copyOf(events));
    return new Expectation(m, close);
  }

  public static Expectation okOrNonStrict(
      List<Event> ok, List<Event> nonStrict, CloseExpectation close) {
    Map<Behavior, List<Event>> m = new LinkedHashMap<>();
    m.put(Behavior.OK, List.copyOf(ok));
    m.put(Behavior.NON_STRICT, List.copyOf(nonStrict));
    return new Expectation(m, close);
  }

  /** No event list: the case decides its behavior itself (Autobahn 9.*, 12.*, 13.*). */
  public static Expectation selfJudged(CloseExpectation close) {
    return new Expectation(Map.of(), close);
  }

  public Map<String, List<List<Object>>> toAutobahn() {
    Map<String, List<List<Object>>> m = new LinkedHashMap<>();
    outcomes.forEach(
        (k, v) -> {
          List<List<Object>> l = new ArrayList<>();
          for (Event e : v) l.add(e.toAutobahn());
          m.put(k.label(), l);
        });
    return m;
  }
}
