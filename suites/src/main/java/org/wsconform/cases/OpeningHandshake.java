package org.wsconform.cases;

import java.util.List;

/** H.*: the opening handshake as a server must answer it (RFC 6455 §4.2). */
public final class OpeningHandshake {
  private OpeningHandshake() {}

  public static List<ConformanceCase> cases() {
    return List.of();
  }
}
