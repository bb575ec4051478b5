package org.wsconform.cases;

import java.util.List;

/** 3.*: Reserved Bits. */
public final class ReservedBits {
  private ReservedBits() {}

  public static List<ConformanceCase> cases() {
    return List.of();
  }
}
