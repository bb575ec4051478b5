package org.wsconform.cases;

import java.util.List;

/** R.*: the 101 response itself (RFC 6455 §4.2.2). */
public final class UpgradeResponse {
  private UpgradeResponse() {}

  public static List<ConformanceCase> cases() {
    return List.of();
  }
}
