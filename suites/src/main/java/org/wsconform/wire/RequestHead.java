package org.wsconform.wire;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The request line and headers a client sent to the harness (RFC 9112 §3, RFC 6455 §4.1), as
 * received: the server side's counterpart of {@link ResponseHead}.
 *
 * @param raw the head exactly as received (ISO-8859-1 text, CRLFs included)
 * @param leftover octets that arrived after the blank line (pipelined frames); never dropped
 */
public record RequestHead(
    String method,
    String target,
    String version,
    List<Header> headers,
    String raw,
    byte[] leftover) {

  public RequestHead {
    headers = List.copyOf(headers);
  }

  public Optional<String> header(String name) {
    return headers.stream().filter(h -> h.is(name)).map(Header::value).findFirst();
  }

  public List<String> all(String name) {
    return headers.stream().filter(h -> h.is(name)).map(Header::value).toList();
  }

  /**
   * Whether a comma-separated header (any of its lines) contains this token, case-insensitively.
   */
  public boolean hasToken(String name, String token) {
    return all(name).stream()
        .flatMap(v -> List.of(v.split(",")).stream())
        .map(t -> t.trim().toLowerCase(Locale.ROOT))
        .anyMatch(t -> t.equals(token.toLowerCase(Locale.ROOT)));
  }

  /** The request-target's path, without the query. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The query's parameters in order (the first value of a repeated name wins). */
  public Map<String, String> query() {
    Map<String, String> m = new LinkedHashMap<>();
    int q = target.indexOf('?');
    if (q < 0) return m;
    for (String pair : target.substring(q + 1).split("&")) {
      if (pair.isEmpty()) continue;
      int e = pair.indexOf('=');
      String k = decode(e < 0 ? pair : pair.substring(0, e));
      String v = e < 0 ? "" : decode(pair.substring(e + 1));
      m.putIfAbsent(k, v);
    }
    return m;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a malformed escape is kept as sent
    }
  }

  public String requestLine() {
    int i = raw.indexOf("\r\n");
    return i < 0 ? raw : raw.substring(0, i);
  }
}
