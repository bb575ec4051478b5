package org.wsconform.targets.hostile;

/**
 * One way a server can misbehave that no spec lists, each a single switch of {@link HostileServer}.
 * A harness pointed at a deployed endpoint meets these from broken proxies, overloaded servers and
 * plain bugs; with any of them it must end every case in time, with a reason, and keep the result.
 */
public enum Hostility {

  // Before any HTTP response

  /** Accepts the TCP connection and never sends a byte, nor closes. */
  SILENT_ACCEPT(false),
  /** Answers with random octets instead of HTTP, then stays silent with TCP open. */
  GARBAGE_INSTEAD_OF_HTTP(false),
  /** Answers like HTTP/0.9: a body with no status line and no headers, then closes. */
  HTTP09_BODY(false),

  // A response head that never ends

  /** Sends a 101 status line and then its header octets one at a time, 20 ms apart, forever. */
  TRICKLED_HEADERS(false),
  /** Sends a 101 status line and then header lines without end, as fast as TCP takes them. */
  ENDLESS_HEADER_LINES(false),
  /** Sends "100 Continue"-style interim responses without end, never a final one. */
  ENDLESS_1XX(false),
  /** Answers every request with 302 Found pointing at the very same URL. */
  REDIRECT_LOOP(false),

  // TLS

  /** On a TLS port: answers the ClientHello with a fatal handshake_failure alert. */
  TLS_HANDSHAKE_FAILURE(true),
  /**
   * On a TLS port: answers the ClientHello in plaintext HTTP, as a server on the wrong port does.
   */
  PLAINTEXT_ON_TLS_PORT(true),

  // After a correct 101

  /** A correct 101, then silence: no frame, no close, TCP left open. */
  SILENCE_AFTER_101(false),
  /**
   * "100 Continue" and "103 Early Hints" (with a Link header) before a correct 101, then silence as
   * {@link #SILENCE_AFTER_101}: legal (RFC 9110 §15.2), so the handshake cases must pass.
   */
  INTERIM_BEFORE_101(false),
  /** A correct 101, then a frame header declaring 2^63−1 octets (and nothing more). */
  FRAME_OF_2_63_OCTETS(false),
  /**
   * A correct 101, then a frame header declaring 4 GiB whose payload trickles, one octet every 20
   * ms.
   */
  TRICKLED_4_GIB_FRAME(false),
  /**
   * A correct 101, then a frame header declaring 255 MiB — just under the harness's 256 MiB message
   * limit, so no limit stops it — whose payload trickles, one octet every 20 ms.
   */
  TRICKLED_255_MIB_FRAME(false),
  /**
   * A correct 101, half a frame, then a TCP reset (SO_LINGER 0) once the client has sent something.
   */
  RESET_MID_FRAME(false),
  /**
   * A correct 101, then a close frame with a 200-octet reason (control frames carry at most 125).
   */
  HUGE_CLOSE_REASON(false),
  /**
   * A correct 101, then pings without end as fast as TCP takes them; what the client sends is read
   * and dropped.
   */
  PING_FLOOD(false),
  /**
   * A correct 101, then pings without end, and nothing the client sends is ever read: its pongs
   * fill the TCP buffers until its writes block, while pings keep arriving to be queued.
   */
  PING_FLOOD_UNREAD(false);

  private final boolean tls;

  Hostility(boolean tls) {
    this.tls = tls;
  }

  /** Whether the client must speak TLS to meet this behaviour (the server's URL is wss://). */
  public boolean tls() {
    return tls;
  }

  /**
   * Whether the server answers the upgrade with a correct 101 first (the H.* and R.* cases pass
   * then).
   */
  public boolean upgrades() {
    return ordinal() >= SILENCE_AFTER_101.ordinal();
  }
}
