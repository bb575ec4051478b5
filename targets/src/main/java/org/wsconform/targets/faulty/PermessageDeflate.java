package org.wsconform.targets.faulty;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate (RFC 7692) for one connection of the faulty server: the choice among the
 * client's offers, the compressor for our echoes and the inflater for the client's messages.
 *
 * <p>{@link Deflater} always uses a 2^15 window, so an offer whose {@code server_max_window_bits}
 * is below 15 is declined (§7.1.2.1 lets a server decline what it cannot honour); 15 is accepted
 * and answered. {@code client_max_window_bits} is never answered: our inflater takes any window, so
 * there is nothing to ask of the client. Our inflater also keeps its context across messages
 * whatever was agreed, which decodes a client that resets its context and one that does not.
 */
final class PermessageDeflate {

  static final String NAME = "permessage-deflate";

  /** RFC 7692 §7.2.1: a message's compressed data ends with this, removed before sending. */
  private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

  private final boolean serverNoContextTakeover;
  private final boolean keepContextAnyway;
  private final String response;
  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
  private final Inflater inflater = new Inflater(true);
  private byte[] compressed = new byte[4096];
  private byte[] inflated = new byte[4096];
  private int inflatedLength;

  private PermessageDeflate(boolean serverNoContextTakeover, String response, Set<Fault> faults) {
    this.serverNoContextTakeover = serverNoContextTakeover;
    this.keepContextAnyway = faults.contains(Fault.KEEPS_CONTEXT_DESPITE_NO_CONTEXT_TAKEOVER);
    this.response = response;
  }

  /** The extension element for the 101's {@code Sec-WebSocket-Extensions}. */
  String response() {
    return response;
  }

  /**
   * The first offer this server accepts (§5.1: the server picks one, the client's order is its
   * preference), or empty to decline them all. Offers of other extensions are never accepted.
   */
  static Optional<PermessageDeflate> negotiate(List<String> headerValues, Set<Fault> faults) {
    for (String value : headerValues) {
      // Valid permessage-deflate parameters never hold ',' or ';', even quoted, so a plain
      // split is enough; a quoted ',' elsewhere only garbles an offer we decline anyway.
      for (String offer : value.split(",")) {
        String[] parts = offer.split(";");
        if (!parts[0].trim().equalsIgnoreCase(NAME)) {
          continue;
        }
        Optional<PermessageDeflate> accepted = accept(parts, faults);
        if (accepted.isPresent()) {
          return accepted;
        }
      }
    }
    return Optional.empty();
  }

  /** §7: an offer with an unknown, repeated or invalid parameter is declined, not repaired. */
  private static Optional<PermessageDeflate> accept(String[] parts, Set<Fault> faults) {
    boolean lenient = faults.contains(Fault.ACCEPTS_BAD_PARAMETERS);
    Set<String> seen = new HashSet<>();
    boolean serverNoContextTakeover = false;
    boolean clientMaxWindowBits = false;
    int serverMaxWindowBits = 0;
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim();
      int eq = param.indexOf('=');
      String name = (eq < 0 ? param : param.substring(0, eq)).trim();
      String value = eq < 0 ? null : unquote(param.substring(eq + 1).trim());
      boolean valid =
          seen.add(name)
              && switch (name) {
                case "server_no_context_takeover", "client_no_context_takeover" -> value == null;
                case "client_max_window_bits" -> value == null || windowBits(value) > 0;
                case "server_max_window_bits" -> windowBits(value) > 0;
                default -> false;
              };
      if (!valid) {
        if (lenient) {
          continue; // the fault: what it does not understand, it ignores
        }
        return Optional.empty();
      }
      switch (name) {
        case "server_no_context_takeover" -> serverNoContextTakeover = true;
        case "client_max_window_bits" -> clientMaxWindowBits = true;
        case "server_max_window_bits" -> serverMaxWindowBits = windowBits(value);
        default -> {
          // client_no_context_takeover: the client's own business, our inflater copes either way
        }
      }
    }
    if (serverMaxWindowBits > 0
        && serverMaxWindowBits < 15
        && !faults.contains(Fault.IGNORES_SERVER_MAX_WINDOW_BITS)) {
      return Optional.empty(); // Deflater cannot use a smaller window than 2^15
    }
    StringBuilder response = new StringBuilder(NAME);
    if (serverNoContextTakeover) {
      response.append("; server_no_context_takeover");
    }
    if (serverMaxWindowBits > 0) {
      // §7.1.2.1: accepted means answered (below 15 only with IGNORES_SERVER_MAX_WINDOW_BITS)
      response.append("; server_max_window_bits=").append(serverMaxWindowBits);
    }
    if (!clientMaxWindowBits && faults.contains(Fault.ANSWERS_CLIENT_MAX_WINDOW_BITS_UNOFFERED)) {
      response.append("; client_max_window_bits=15");
    }
    return Optional.of(new PermessageDeflate(serverNoContextTakeover, response.toString(), faults));
  }

  /** 8..15 written as plain digits, no leading zero (§7.1.2.1, §7.1.2.2), else -1. */
  private static int windowBits(String value) {
    if (value == null || !value.matches("[1-9][0-9]?")) {
      return -1;
    }
    int bits = Integer.parseInt(value);
    return bits >= 8 && bits <= 15 ? bits : -1;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  /**
   * Compresses one message (§7.2.1): raw deflate, a sync flush, the {@code 00 00 ff ff} tail
   * removed. After {@code server_no_context_takeover} every message starts from an empty window.
   */
  byte[] compress(byte[] payload, int length) {
    if (serverNoContextTakeover && !keepContextAnyway) {
      deflater.reset();
    }
    deflater.setInput(payload, 0, length);
    int n = 0;
    while (true) {
      if (compressed.length - n < 64) {
        compressed = Arrays.copyOf(compressed, compressed.length * 2);
      }
      int space = compressed.length - n;
      int written = deflater.deflate(compressed, n, space, Deflater.SYNC_FLUSH);
      n += written;
      // Deflater's contract: a sync flush is complete once it leaves some of the space unused.
      if (written < space) {
        break;
      }
    }
    if (n >= 4 && Arrays.equals(compressed, n - 4, n, TAIL, 0, 4)) {
      n -= 4;
    }
    return Arrays.copyOf(compressed, n);
  }

  /**
   * Inflates one message's compressed payload with its tail restored (§7.2.2). More than {@code
   * limit} octets fails the connection with 1009 before they are all produced (a deflate bomb costs
   * us {@code limit} octets at most); data that is not deflate, with 1007.
   *
   * @return the inflated octets; valid up to {@link #inflatedLength()}
   */
  byte[] inflate(byte[] data, int length, int limit) throws FailTheConnection {
    inflatedLength = 0;
    try {
      inflateAll(data, 0, length, limit);
      inflateAll(TAIL, 0, TAIL.length, limit);
      if (inflater.finished()) {
        inflater.reset(); // a block with BFINAL ended the stream: the next message starts anew
      }
    } catch (DataFormatException e) {
      throw new FailTheConnection(
          CloseStatus.INVALID_PAYLOAD, "compressed data is not valid deflate (RFC 7692 7.2.2)");
    }
    return inflated;
  }

  int inflatedLength() {
    return inflatedLength;
  }

  private void inflateAll(byte[] data, int offset, int length, int limit)
      throws DataFormatException, FailTheConnection {
    inflater.setInput(data, offset, length);
    while (true) {
      if (inflated.length == inflatedLength) {
        if (inflatedLength >= limit) {
          throw new FailTheConnection(
              CloseStatus.MESSAGE_TOO_BIG, "inflated message larger than " + limit);
        }
        inflated = Arrays.copyOf(inflated, (int) Math.min(limit, 2L * inflated.length));
      }
      int n = inflater.inflate(inflated, inflatedLength, inflated.length - inflatedLength);
      inflatedLength += n;
      if (n == 0 && (inflater.needsInput() || inflater.finished())) {
        return;
      }
      if (n == 0 && inflater.needsDictionary()) {
        throw new DataFormatException("a preset dictionary is not part of permessage-deflate");
      }
    }
  }

  /** Frees the native zlib state at once instead of waiting for the collector. */
  void end() {
    deflater.end();
    inflater.end();
  }
}
