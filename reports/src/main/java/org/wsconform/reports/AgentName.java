package org.wsconform.reports;

import java.util.Locale;

/**
 * File names derived from an agent (target) name, by Autobahn|Testsuite's rule, so that our
 * per-case files are named exactly like Autobahn's.
 */
public final class AgentName {

  private AgentName() {}

  /**
   * Autobahn's file stem for an agent: lower case, every character outside {@code [a-z0-9]} becomes
   * {@code "_"}, then leading and trailing {@code "_"} are trimmed. Consecutive underscores are
   * kept, as Autobahn keeps them.
   *
   * <p>{@code "ws@8.18.3"} gives {@code "ws_8_18_3"}; {@code "AutobahnServer"} gives {@code
   * "autobahnserver"}. A name with no letter or digit gives {@code ""}.
   */
  public static String fileStem(String agent) {
    String lower = agent.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      out.append(keep ? c : '_');
    }
    int start = 0;
    int end = out.length();
    while (start < end && out.charAt(start) == '_') {
      start++;
    }
    while (end > start && out.charAt(end - 1) == '_') {
      end--;
    }
    return out.substring(start, end);
  }

  /**
   * The per-case file name: {@code <stem>_case_<id with "." replaced by "_">.json}, e.g. {@code
   * ws_8_18_3_case_1_1_1.json} or {@code ws_8_18_3_case_H_3.json}. Any other character of the id
   * that is unsafe in a file name also becomes {@code "_"} (no catalogue id has one).
   */
  public static String caseFileName(String agent, String caseId) {
    StringBuilder id = new StringBuilder(caseId.length());
    for (int i = 0; i < caseId.length(); i++) {
      char c = caseId.charAt(i);
      boolean keep =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      id.append(keep ? c : '_');
    }
    return fileStem(agent) + "_case_" + id + ".json";
  }
}
