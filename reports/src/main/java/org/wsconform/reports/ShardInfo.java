package org.wsconform.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard of a run split across CI jobs ({@code --shard i/n}): which part it was, how many cases
 * it ran, and the whole selection it was cut from, so that {@code wsconform merge} can tell a
 * missing or duplicated case by name without the catalogue or the durations the split used.
 *
 * @param index 1-based shard number
 * @param total how many shards the selection was split into
 * @param cases how many cases this shard ran
 * @param selectedCases every case id of the unsplit selection, in catalogue order (empty in a
 *     merged run's list, where it would repeat)
 * @param balancedBy what the split weighed the cases by ("durations of FILE" or "group estimates")
 * @param runId the shard's run folder name (in a merged run's list), else null
 */
public record ShardInfo(
    int index, int total, int cases, List<String> selectedCases, String balancedBy, String runId) {

  public ShardInfo {
    selectedCases = selectedCases == null ? List.of() : List.copyOf(selectedCases);
  }

  /** "shard 2/3 (41 of 120 cases)". */
  public String describe() {
    return "shard "
        + index
        + "/"
        + total
        + " ("
        + cases
        + (selectedCases.isEmpty() ? "" : " of " + selectedCases.size())
        + " cases)";
  }

  /** As run.json holds it. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", index);
    m.put("total", total);
    m.put("cases", cases);
    if (balancedBy != null) m.put("balancedBy", balancedBy);
    if (runId != null) m.put("runId", runId);
    if (!selectedCases.isEmpty()) m.put("selectedCases", selectedCases);
    return m;
  }

  /** Read back from run.json's {@code shard} (or an entry of {@code shards}); null when absent. */
  public static ShardInfo fromJson(Object o) {
    if (!(o instanceof Map<?, ?> m)) return null;
    if (!(m.get("index") instanceof Number i) || !(m.get("total") instanceof Number n)) return null;
    List<String> ids = new ArrayList<>();
    if (m.get("selectedCases") instanceof List<?> l) l.forEach(x -> ids.add(String.valueOf(x)));
    return new ShardInfo(
        i.intValue(),
        n.intValue(),
        m.get("cases") instanceof Number c ? c.intValue() : 0,
        ids,
        m.get("balancedBy") == null ? null : String.valueOf(m.get("balancedBy")),
        m.get("runId") == null ? null : String.valueOf(m.get("runId")));
  }
}
