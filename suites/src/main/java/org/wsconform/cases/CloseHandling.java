package org.wsconform.cases;

import java.util.List;

/** 7.*: Close Handling. */
public final class CloseHandling {
  private CloseHandling() {}

  public static List<ConformanceCase> cases() {
    return List.of();
  }
}
