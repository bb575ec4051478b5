package org.wsconform.targets;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the permessage-deflate offer (RFC 7692 §5, §7.1) the reference server accepts.
 *
 * <p>Jetty on its own answers an offer with an unknown parameter with 400 (the RFC says decline it
 * and carry on), accepts repeated or out-of-range parameters, looks only at the first offer, and
 * accepts {@code server_max_window_bits=N} while leaving the parameter out of its answer, which
 * §7.1.2.1 forbids. {@link PermessageDeflate} echoes an accepted window and honours one below 15
 * (its Deflater's window is always 2^15) with literal-only blocks.
 */
final class PermessageDeflateOffers {

  static final String NAME = "permessage-deflate";

  private PermessageDeflateOffers() {}

  /** The first acceptable offer, as a parameterized extension name, or empty to decline all. */
  static Optional<String> firstAcceptable(List<String> headerValues) {
    for (String value : headerValues) {
      // Valid permessage-deflate parameters never hold ',' or ';', even quoted, so a plain
      // split is enough; a quoted ',' elsewhere only garbles an offer we would decline anyway.
      for (String offer : value.split(",")) {
        String[] parts = offer.split(";");
        if (parts[0].trim().equals(NAME) && acceptable(parts)) {
          return Optional.of(offer.trim());
        }
      }
    }
    return Optional.empty();
  }

  /** §7: decline unknown, repeated or invalid parameters. */
  private static boolean acceptable(String[] parts) {
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim();
      int eq = param.indexOf('=');
      String name = (eq < 0 ? param : param.substring(0, eq)).trim();
      String value = eq < 0 ? null : unquote(param.substring(eq + 1).trim());
      if (!seen.add(name)) {
        return false;
      }
      boolean ok =
          switch (name) {
            case "server_no_context_takeover", "client_no_context_takeover" -> value == null;
            case "client_max_window_bits" -> value == null || windowBits(value) > 0;
            case "server_max_window_bits" -> windowBits(value) > 0;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** 8..15 written as plain digits (§7.1.2), else -1. */
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
}
