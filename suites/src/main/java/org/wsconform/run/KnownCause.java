package org.wsconform.run;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A failure a profile knows the cause of, from its {@code known.N=} lines:
 *
 * <pre>
 * known.1=6.3.*,6.4.* runtime: workerd replaces invalid UTF-8 with U+FFFD before your Worker sees it
 * known.2=H.6 application: the guide's Worker compares Upgrade case-sensitively
 * </pre>
 *
 * Case patterns as {@code --cases} takes them (comma-separated, no spaces), then who is at fault:
 * {@code runtime} (the implementation: its author must fix it, you can only work around or wait) or
 * {@code application} (the code running on it: you can fix it), then the cause in words.
 */
public record KnownCause(List<String> patterns, Fault fault, String text) {

  /** Who can fix a known failure. */
  public enum Fault {
    RUNTIME("a runtime issue, not your code; only the runtime can fix it"),
    APPLICATION("in your Worker/application code; you can fix it");

    private final String words;

    Fault(String words) {
      this.words = words;
    }

    /** How the "how to fix" names the fault. */
    public String words() {
      return words;
    }
  }

  public KnownCause {
    patterns = List.copyOf(patterns);
  }

  public boolean matches(String caseId) {
    return new Selection(patterns, List.of()).matches(caseId);
  }

  /**
   * Parses one {@code known.N} value.
   *
   * @throws IllegalArgumentException with what was expected, when the line does not parse
   */
  public static KnownCause parse(String line) {
    String v = line.trim();
    int space = v.indexOf(' ');
    int colon = v.indexOf(':', Math.max(space, 0));
    if (space < 0 || colon < 0) throw bad(line);
    String fault = v.substring(space + 1, colon).trim().toLowerCase(Locale.ROOT);
    String text = v.substring(colon + 1).trim();
    List<String> patterns =
        Arrays.stream(v.substring(0, space).split(","))
            .map(String::trim)
            .filter(p -> !p.isEmpty())
            .toList();
    Fault f =
        switch (fault) {
          case "runtime" -> Fault.RUNTIME;
          case "application" -> Fault.APPLICATION;
          default -> throw bad(line);
        };
    if (patterns.isEmpty() || text.isEmpty()) throw bad(line);
    return new KnownCause(patterns, f, text);
  }

  private static IllegalArgumentException bad(String line) {
    return new IllegalArgumentException(
        "known cause '"
            + line
            + "' must read 'PATTERNS runtime|application: cause', e.g. '6.3.* runtime: the"
            + " runtime replaces invalid UTF-8'");
  }
}
