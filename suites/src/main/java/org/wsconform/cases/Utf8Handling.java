package org.wsconform.cases;

import java.util.List;

/** 6.*: UTF-8 Handling. */
public final class Utf8Handling {
  private Utf8Handling() {}

  public static List<ConformanceCase> cases() {
    return List.of();
  }
}
