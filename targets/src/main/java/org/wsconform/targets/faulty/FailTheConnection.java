package org.wsconform.targets.faulty;

/**
 * "_Fail the WebSocket Connection_" (RFC 6455 §7.1.7): the one funnel every violation goes through,
 * carrying the close code to send (1002, 1007 or 1009) and a short reason.
 */
final class FailTheConnection extends Exception {

  private final int code;

  FailTheConnection(int code, String reason) {
    super(reason, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}
