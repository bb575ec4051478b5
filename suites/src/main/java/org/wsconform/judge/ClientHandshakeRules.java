package org.wsconform.judge;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.wsconform.wire.Header;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.SecWebSocketAccept;
import org.wsconform.wire.UpgradeRequest;

/**
 * The client's checks of a 101 response (RFC 6455 §4.1, steps 1–6 of "the client MUST validate the
 * server's response"), as strict as Autobahn's fuzzing client (autobahn-cases.md §1.2).
 */
public final class ClientHandshakeRules {
  private ClientHandshakeRules() {}

  /** The first rule the response breaks, as "expected …, observed … (RFC 6455 §…)", or empty. */
  public static Optional<String> firstBroken(UpgradeRequest req, String key, ResponseHead r) {
    if (r.status() != 101) {
      return Optional.of(
          "expected status 101, observed '" + r.statusLine() + "' (RFC 6455 §4.1, §4.2.2)");
    }
    if (!r.version().equals("HTTP/1.1")) {
      return Optional.of(
          "expected HTTP/1.1 in the status line, observed '" + r.version() + "' (RFC 6455 §4.1)");
    }
    List<String> upgrade = r.all("Upgrade");
    if (upgrade.size() != 1 || !upgrade.get(0).trim().equalsIgnoreCase("websocket")) {
      return Optional.of(
          "expected one 'Upgrade: websocket' header, observed "
              + show(upgrade)
              + " (RFC 6455 §4.1 step 2)");
    }
    if (!r.hasToken("Connection", "upgrade")) {
      return Optional.of(
          "expected a Connection header with the token 'Upgrade', observed "
              + show(r.all("Connection"))
              + " (RFC 6455 §4.1 step 3)");
    }
    List<String> accept = r.all("Sec-WebSocket-Accept");
    String want = SecWebSocketAccept.of(key);
    if (accept.size() != 1) {
      return Optional.of(
          "expected exactly one Sec-WebSocket-Accept header, observed "
              + show(accept)
              + " (RFC 6455 §4.1 step 4)");
    }
    if (!accept.get(0).trim().equals(want)) {
      return Optional.of(
          "expected Sec-WebSocket-Accept '"
              + want
              + "' for key '"
              + key
              + "', observed '"
              + accept.get(0).trim()
              + "' (RFC 6455 §4.1 step 4, §4.2.2)");
    }
    List<String> ext = r.all("Sec-WebSocket-Extensions");
    if (ext.size() > 1) {
      return Optional.of(
          "expected at most one Sec-WebSocket-Extensions header, observed "
              + show(ext)
              + " (RFC 6455 §4.1 step 5, §9.1)");
    }
    Set<String> offeredExt = names(req.all("Sec-WebSocket-Extensions"));
    for (String name : names(ext)) {
      if (!offeredExt.contains(name)) {
        return Optional.of(
            "expected no extension that was not offered, observed 'Sec-WebSocket-Extensions: "
                + String.join(", ", ext)
                + "' (RFC 6455 §4.1 step 5)");
      }
    }
    List<String> proto = r.all("Sec-WebSocket-Protocol");
    Set<String> offered =
        req.all("Sec-WebSocket-Protocol").stream()
            .flatMap(v -> List.of(v.split(",")).stream())
            .map(String::trim)
            .collect(Collectors.toSet());
    if (proto.size() > 1) {
      return Optional.of(
          "expected at most one Sec-WebSocket-Protocol header, observed "
              + show(proto)
              + " (RFC 6455 §4.1 step 6)");
    }
    if (proto.size() == 1 && !offered.contains(proto.get(0).trim())) {
      return Optional.of(
          "expected a subprotocol only from those offered "
              + (offered.isEmpty() ? "(none were)" : offered)
              + ", observed 'Sec-WebSocket-Protocol: "
              + proto.get(0)
              + "' (RFC 6455 §4.1 step 6)");
    }
    return Optional.empty();
  }

  private static Set<String> names(List<String> extensionHeaders) {
    return extensionHeaders.stream()
        .flatMap(v -> List.of(v.split(",")).stream())
        .map(e -> e.split(";")[0].trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }

  public static String show(List<String> values) {
    return values.isEmpty()
        ? "none"
        : values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
  }

  /** Autobahn's rule: a response that breaks any rule means the handshake never completed. */
  public static HandshakeVerdict autobahn(HandshakeExchange x) {
    if (!x.answered()) return HandshakeVerdict.failed(x.failure());
    return firstBroken(x.request(), x.key(), x.response())
        .map(HandshakeVerdict::failed)
        .orElse(HandshakeVerdict.open());
  }

  static Header header(String line) {
    return Header.parse(line);
  }
}
