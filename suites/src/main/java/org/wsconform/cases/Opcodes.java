package org.wsconform.cases;

import java.util.List;

/** 4.*: Opcodes. */
public final class Opcodes {
  private Opcodes() {}

  public static List<ConformanceCase> cases() {
    return List.of();
  }
}
