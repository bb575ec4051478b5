package org.wsconform.cases;

import java.util.List;

/** C.*: Close handling Autobahn never tested. */
public final class CloseRules {
  private CloseRules() {}

  public static List<ConformanceCase> cases() {
    return List.of();
  }
}
