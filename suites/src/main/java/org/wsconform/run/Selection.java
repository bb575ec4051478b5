package org.wsconform.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.wsconform.cases.ConformanceCase;

/**
 * Which cases run: Autobahn's pattern rules (autobahn-cases.md §4.2) — '.' is literal, '*' is any
 * run of characters, and a pattern is anchored at the start only, so "1.*" selects 1.1.1 but not
 * 10.1.1, while "1*" selects both. Patterns are comma-separated. Unlike Autobahn, a pattern that
 * selects nothing is an error (Autobahn crashes on an unknown id; h2spec silently runs nothing).
 */
public record Selection(List<String> include, List<String> exclude) {

  public static final Selection ALL = new Selection(List.of("*"), List.of());

  /** A pattern that matches no case: the message names it and says how to list the ids. */
  public static final class UnknownCase extends IllegalArgumentException {
    public UnknownCase(String m) {
      super(m);
    }
  }

  /**
   * The selection these patterns describe; {@code include} null means every case. A blank {@code
   * include} is refused: it is what an unset shell or CI variable turns into, and taking it for
   * "everything" would start a full run nobody asked for.
   */
  public static Selection parse(String include, String exclude) {
    if (include != null && split(include).isEmpty()) {
      throw new UnknownCase(
          "--cases is empty: expected case patterns such as '1.*,H.*' (--list shows the ids);"
              + " leave --cases out to run every case");
    }
    return new Selection(split(include == null ? "*" : include), split(exclude));
  }

  private static List<String> split(String s) {
    List<String> l = new ArrayList<>();
    if (s == null) return l;
    for (String p : s.split(",")) if (!p.isBlank()) l.add(p.trim());
    return l;
  }

  static Pattern regex(String glob) {
    StringBuilder sb = new StringBuilder("^");
    for (char ch : glob.toCharArray()) {
      if (ch == '*') sb.append(".*");
      else sb.append(Pattern.quote(String.valueOf(ch)));
    }
    return Pattern.compile(sb.toString());
  }

  public boolean matches(String id) {
    boolean in = include.stream().anyMatch(p -> matchOne(p, id));
    return in && exclude.stream().noneMatch(p -> matchOne(p, id));
  }

  private static boolean matchOne(String pattern, String id) {
    // a pattern without '*' names one case exactly (Autobahn takes it as is)
    return pattern.contains("*") ? regex(pattern).matcher(id).lookingAt() : pattern.equals(id);
  }

  /**
   * The selected cases, in catalogue order; throws when a pattern selects nothing or the exclusions
   * leave nothing (a run of no case would pass its gate having checked nothing).
   */
  public List<ConformanceCase> apply(List<ConformanceCase> catalogue) {
    for (String p : include) {
      if (catalogue.stream().noneMatch(c -> matchOne(p, c.id()))) {
        throw new UnknownCase(
            "no case matches '"
                + p
                + "' (use --list to see the case ids; patterns are like '1.*' or '6.4.1')");
      }
    }
    for (String p : exclude) {
      if (catalogue.stream().noneMatch(c -> matchOne(p, c.id()))) {
        throw new UnknownCase(
            "no case matches the exclusion '" + p + "' (use --list to see the case ids)");
      }
    }
    List<ConformanceCase> selected = catalogue.stream().filter(c -> matches(c.id())).toList();
    if (selected.isEmpty()) {
      throw new UnknownCase(
          "no case selected: "
              + this
              + " leaves nothing to run; narrow --exclude or widen --cases"
              + " (--list --cases ... --exclude ... shows what a selection runs)");
    }
    return selected;
  }

  @Override
  public String toString() {
    return "--cases '"
        + String.join(",", include)
        + "'"
        + (exclude.isEmpty() ? "" : " minus --exclude '" + String.join(",", exclude) + "'");
  }
}
