package org.wsconform.targets.faulty;

/** Close status codes (RFC 6455 §7.4) the server sends, and which received codes are valid. */
final class CloseStatus {

  static final int NORMAL = 1000;
  static final int PROTOCOL_ERROR = 1002;
  static final int INVALID_PAYLOAD = 1007;
  static final int MESSAGE_TOO_BIG = 1009;

  private CloseStatus() {}

  /**
   * Codes a peer may put on the wire: the defined 1000–1003 and 1007–1014 (1012–1014 are
   * IANA-registered since), and 3000–4999 for libraries and applications. 1004 is reserved; 1005,
   * 1006 and 1015 must never be sent; 1016–2999 are unassigned; ≥ 5000 is undefined.
   */
  static boolean isValid(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }
}
