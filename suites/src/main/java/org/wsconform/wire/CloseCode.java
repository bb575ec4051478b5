package org.wsconform.wire;

/** RFC 6455 §7.4 status codes, and which of them may appear in a Close frame on the wire. */
public final class CloseCode {
  public static final int NORMAL = 1000;
  public static final int GOING_AWAY = 1001;
  public static final int PROTOCOL_ERROR = 1002;
  public static final int UNSUPPORTED_DATA = 1003;
  public static final int NO_STATUS = 1005;
  public static final int ABNORMAL = 1006;
  public static final int INVALID_PAYLOAD = 1007;
  public static final int POLICY_VIOLATION = 1008;
  public static final int MESSAGE_TOO_BIG = 1009;
  public static final int MANDATORY_EXTENSION = 1010;
  public static final int INTERNAL_ERROR = 1011;

  private CloseCode() {}

  /**
   * Whether a peer may send this code (§7.4.1, §7.4.2 and the IANA registry): 1000–1003, 1007–1014
   * and the 3000–4999 ranges. 1004 is reserved, 1005/1006/1015 must never be sent, everything below
   * 1000, from 1016 to 2999 and from 5000 up is invalid. This matches Autobahn|Testsuite since
   * 1012–1014 were taken out of its invalid list (issues #52, #88).
   */
  public static boolean isValidOnWire(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
  }
}
