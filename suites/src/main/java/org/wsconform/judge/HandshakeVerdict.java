package org.wsconform.judge;

import org.wsconform.verdict.Behavior;

/**
 * What a handshake check concluded.
 *
 * @param behavior the verdict of the HTTP exchange
 * @param reason expected vs observed, with the RFC section (null when OK)
 * @param openSession true when a WebSocket connection was opened and the case goes on with its
 *     session script (the close handshake is then judged as usual)
 */
public record HandshakeVerdict(Behavior behavior, String reason, boolean openSession) {
  public static HandshakeVerdict open() {
    return new HandshakeVerdict(Behavior.OK, null, true);
  }

  public static HandshakeVerdict ok(String observed) {
    return new HandshakeVerdict(Behavior.OK, observed, false);
  }

  public static HandshakeVerdict failed(String reason) {
    return new HandshakeVerdict(Behavior.FAILED, reason, false);
  }

  public static HandshakeVerdict nonStrict(String reason) {
    return new HandshakeVerdict(Behavior.NON_STRICT, reason, false);
  }

  /**
   * {@code behavior} for the HTTP exchange with no session: OK, or the verdict of a broken
   * expectation.
   */
  public static HandshakeVerdict of(Behavior behavior, String reason) {
    return behavior == Behavior.OK ? ok(reason) : new HandshakeVerdict(behavior, reason, false);
  }

  public static HandshakeVerdict informational(String reason, boolean openSession) {
    return new HandshakeVerdict(Behavior.INFORMATIONAL, reason, openSession);
  }

  /**
   * The server's permessage-deflate response is invalid. RFC 7692 §7: the client MUST fail the
   * connection; Autobahn: the handshake failed (some it lets through, which the reason says).
   */
  public static HandshakeVerdict invalidDeflateResponse(String reason, boolean autobahnRejects) {
    return failed(
        "the server's permessage-deflate response is invalid: "
            + reason
            + (autobahnRejects ? "" : "; Autobahn|Testsuite lets this through, RFC 7692 does not"));
  }

  public HandshakeVerdict withSession(boolean open) {
    return new HandshakeVerdict(behavior, reason, open);
  }
}
