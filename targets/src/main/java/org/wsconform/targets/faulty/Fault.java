package org.wsconform.targets.faulty;

/**
 * One deliberate deviation from RFC 6455 (or RFC 7692) each. {@link FaultyServer} with none of them
 * is a conformant echo server; each fault switched on changes exactly the behaviour it names, so a
 * harness run shows the cases that catch it failing and every other case still passing.
 */
public enum Fault {

  // Opening handshake (RFC 6455 §4.2.2)

  /** The 101 carries a Sec-WebSocket-Accept computed without the GUID. */
  WRONG_ACCEPT,
  /** A plain GET without {@code Upgrade: websocket} gets 200 OK instead of 426. */
  PLAIN_GET_200,
  /** The 101 always names {@code Sec-WebSocket-Protocol: bogus}, offered or not. */
  UNOFFERED_SUBPROTOCOL,

  // Echo and pings (§5.5.2, §5.5.3, §5.6)

  /** The pong's payload differs from the ping's (first byte flipped; empty ping → "x"). */
  PONG_WRONG_PAYLOAD,
  /** Echoes longer than 1000 bytes have their last byte's low bit flipped (text stays UTF-8). */
  CORRUPT_LONG_ECHO,

  // Framing (§5.2, §5.4)

  /** Frames with RSV bits set are processed as if the bits were 0. */
  RSV_IGNORED,
  /** Frames with reserved opcodes (3–7, 11–15) are skipped silently. */
  RESERVED_OPCODE_IGNORED,
  /** A continuation frame with no message to continue is skipped silently. */
  CONTINUATION_WITHOUT_START_IGNORED,
  /** A ping with FIN=0 is answered with a pong instead of failing the connection. */
  FRAGMENTED_PING_ANSWERED,
  /** Unmasked client frames are processed normally. */
  UNMASKED_ACCEPTED,

  // UTF-8 (§8.1)

  /** Text is echoed whatever its bytes. */
  UTF8_NOT_VALIDATED,
  /** Text is validated only once the whole message has arrived (not fail-fast). */
  UTF8_VALIDATED_AT_MESSAGE_END,

  // Closing (§5.5.1, §7)

  /** A close with an invalid code is answered by echoing that code instead of 1002. */
  INVALID_CLOSE_CODE_ECHOED,
  /** A client's close is never answered, and the server leaves TCP open. */
  NO_CLOSE_REPLY,
  /** After the close handshake the server never closes TCP; it waits for the client to. */
  SERVER_KEEPS_TCP_OPEN,
  /** A close reason that is not UTF-8 is accepted and answered with 1000 (§5.5.1, §8.1). */
  CLOSE_REASON_NOT_VALIDATED,
  /**
   * The IANA-registered 1012–1014 are failed with 1002 as if invalid (Autobahn before 2016/2018),
   * although §7.4.2 leaves the 1000–2999 range to registrations.
   */
  REGISTERED_CODES_REJECTED,
  /** A close with a 1-octet body (no room for a status code) is answered with 1000 (§5.5.1). */
  ONE_OCTET_CLOSE_ACCEPTED,
  /**
   * After its own Close (a reply or a failure) the server goes on reading and answering: echoes
   * messages and pongs pings, where it must send no more data frames (§5.5.1) and must not process
   * data after failing (§7.1.7). It closes TCP once the client does.
   */
  KEEPS_PROCESSING_AFTER_CLOSE,
  /**
   * Not a fault: a slow but conformant closer. After failing the connection it keeps TCP open up to
   * {@link EchoSession#SLOW_CLOSE_MILLIS} for the client's Close, and it waits that long before
   * answering a Close. RFC 6455 §7.1.1 and §5.5.1 set no time limit on either, so every case must
   * give the verdicts it gives without this switch, given timers longer than the wait
   * (--timeout-scale).
   */
  SLOW_CLOSER,
  /**
   * Not a fault: a slow application. Each echo goes out {@link EchoSession#SLOW_ECHO_MILLIS} after
   * its message was read, as a send from another thread or task would, while reading goes on; a bad
   * frame read meanwhile fails the connection and the echo is lost. So it is NON-STRICT where the
   * good message and the bad frame arrive together (3.2, 4.x.3, 4.x.4, 5.15: the SHOULD of echoing
   * first, proved both ways), and OK where the harness writes frame-wise or octet-wise (3.3, 3.4,
   * 4.x.5), which wait for the echo instead of racing it.
   */
  SLOW_ECHO,

  // permessage-deflate (RFC 7692)

  /**
   * A permessage-deflate offer with unknown, repeated or invalid parameters is accepted, the
   * parameters it does not understand ignored, instead of the offer being declined (§7).
   */
  ACCEPTS_BAD_PARAMETERS,
  /** The response names {@code client_max_window_bits=15} although the offer did not (§7.1.2.2). */
  ANSWERS_CLIENT_MAX_WINDOW_BITS_UNOFFERED,
  /**
   * {@code server_no_context_takeover} is agreed but the compressor keeps its window (§7.1.1.1).
   */
  KEEPS_CONTEXT_DESPITE_NO_CONTEXT_TAKEOVER,
  /**
   * With permessage-deflate agreed, RSV1 on a continuation frame is ignored instead of failing the
   * connection (§6.1). Without the extension RSV1 still fails (that is {@link #RSV_IGNORED}).
   */
  ACCEPTS_RSV1_ON_CONTINUATION,
  /**
   * An offer of {@code server_max_window_bits} below 15 is accepted and answered, but the
   * compressor keeps its 2^15 window, so back-references reach further than agreed (§7.1.2.1).
   */
  IGNORES_SERVER_MAX_WINDOW_BITS
}
