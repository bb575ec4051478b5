package org.wsconform.deflate;

/**
 * What a permessage-deflate negotiation settled (RFC 7692 §7.1), from the client's side.
 *
 * @param serverNoContextTakeover the server resets its compression context for every message
 * @param clientNoContextTakeover we reset ours for every message
 * @param serverMaxWindowBits the server's LZ77 window (8–15; 15 when the response names none)
 * @param clientMaxWindowBits ours (8–15; 15 when the response names none)
 */
public record Agreement(
    boolean serverNoContextTakeover,
    boolean clientNoContextTakeover,
    int serverMaxWindowBits,
    int clientMaxWindowBits) {

  /** Plain {@code permessage-deflate}: both contexts kept, both windows 32 KiB. */
  public static final Agreement DEFAULT = new Agreement(false, false, 15, 15);

  public Agreement {
    if (serverMaxWindowBits < 8
        || serverMaxWindowBits > 15
        || clientMaxWindowBits < 8
        || clientMaxWindowBits > 15) {
      throw new IllegalArgumentException(
          "window bits are 8-15: " + serverMaxWindowBits + ", " + clientMaxWindowBits);
    }
  }

  /**
   * The same agreement with the two sides swapped. A session always reads an agreement as "the
   * peer" (server fields) and "us" (client fields); a session in which the harness is the server
   * holds the mirrored agreement, so that its compressor follows the server's parameters and its
   * inflater the client's.
   */
  public Agreement mirrored() {
    return new Agreement(
        clientNoContextTakeover, serverNoContextTakeover, clientMaxWindowBits, serverMaxWindowBits);
  }

  @Override
  public String toString() {
    return "permessage-deflate (server_no_context_takeover="
        + serverNoContextTakeover
        + ", client_no_context_takeover="
        + clientNoContextTakeover
        + ", server_max_window_bits="
        + serverMaxWindowBits
        + ", client_max_window_bits="
        + clientMaxWindowBits
        + ")";
  }
}
