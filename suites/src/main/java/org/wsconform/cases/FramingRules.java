package org.wsconform.cases;

import java.util.List;

/** F.*: Framing rules Autobahn never tested. */
public final class FramingRules {
  private FramingRules() {}

  public static List<ConformanceCase> cases() {
    return List.of();
  }
}
