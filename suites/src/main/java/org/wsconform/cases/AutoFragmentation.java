package org.wsconform.cases;

import java.util.List;

/** 10.*: Misc. */
public final class AutoFragmentation {
  private AutoFragmentation() {}

  public static List<ConformanceCase> cases() {
    return List.of();
  }
}
