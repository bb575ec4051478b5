package org.wsconform.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the run was pointed at, beyond its agent name: the verdicts depend on it (a workerd
 * compatibility date changes how Close and binary messages behave), so run.json and the report
 * header record it.
 *
 * @param url the endpoint's URL (secrets already redacted)
 * @param profile the profile's name, or null for a URL or the embedded server
 * @param implementation e.g. "workerd", or null when not known
 * @param version the implementation's version, or null
 * @param compatibilityDate workerd's compatibilityDate, or null
 * @param compatibilityFlags workerd's compatibility flags (empty when none)
 * @param peer the peer model the run assumed ("silent", "dialogue"); null for an echo peer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetIdentity(
    String url,
    String profile,
    String implementation,
    String version,
    String compatibilityDate,
    List<String> compatibilityFlags,
    String peer) {

  public TargetIdentity {
    compatibilityFlags = compatibilityFlags == null ? List.of() : List.copyOf(compatibilityFlags);
    if ("echo".equals(peer)) peer = null;
  }

  /** An echo peer's identity. */
  public TargetIdentity(
      String url,
      String profile,
      String implementation,
      String version,
      String compatibilityDate,
      List<String> compatibilityFlags) {
    this(url, profile, implementation, version, compatibilityDate, compatibilityFlags, null);
  }

  /** The same identity with the peer model the run assumed. */
  public TargetIdentity withPeer(String p) {
    return new TargetIdentity(
        url, profile, implementation, version, compatibilityDate, compatibilityFlags, p);
  }

  /** One line for the report's Target row, e.g. "workerd 1.20261117.1 (profile workerd, ...)". */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (implementation != null) sb.append(implementation);
    if (version != null) sb.append(sb.length() > 0 ? " " : "").append(version);
    List<String> extra = new ArrayList<>();
    if (profile != null) extra.add("profile " + profile);
    if (peer != null) extra.add("peer " + peer);
    if (compatibilityDate != null) extra.add("compatibilityDate " + compatibilityDate);
    if (!compatibilityFlags.isEmpty())
      extra.add("compatibility flags " + String.join(", ", compatibilityFlags));
    if (!extra.isEmpty())
      sb.append(sb.length() > 0 ? " " : "")
          .append('(')
          .append(String.join("; ", extra))
          .append(')');
    if (url != null) sb.append(sb.length() > 0 ? " at " : "").append(url);
    return sb.toString();
  }

  /** Read back from run.json's {@code targetIdentity}, or null when absent or not an object. */
  public static TargetIdentity fromJson(Object o) {
    if (!(o instanceof Map<?, ?> m)) return null;
    List<String> flags =
        m.get("compatibilityFlags") instanceof List<?> l
            ? l.stream().map(String::valueOf).toList()
            : List.of();
    return new TargetIdentity(
        str(m.get("url")),
        str(m.get("profile")),
        str(m.get("implementation")),
        str(m.get("version")),
        str(m.get("compatibilityDate")),
        flags,
        str(m.get("peer")));
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  /** As run.json holds it (keys without a value left out). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (url != null) m.put("url", url);
    if (profile != null) m.put("profile", profile);
    if (implementation != null) m.put("implementation", implementation);
    if (version != null) m.put("version", version);
    if (compatibilityDate != null) m.put("compatibilityDate", compatibilityDate);
    if (!compatibilityFlags.isEmpty()) m.put("compatibilityFlags", compatibilityFlags);
    if (peer != null) m.put("peer", peer);
    return m;
  }
}
