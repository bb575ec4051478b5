package org.wsconform.cases;

import java.util.List;

/** 5.*: Fragmentation. */
public final class Fragmentation {
  private Fragmentation() {}

  public static List<ConformanceCase> cases() {
    return List.of();
  }
}
