package org.wsconform.wire;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The status line and headers of the server's answer to the upgrade request, as received.
 *
 * @param raw the head exactly as received (ISO-8859-1 text, CRLFs included)
 * @param leftover octets that arrived after the blank line: the start of the frame stream (or of a
 *     body); never dropped
 * @param interim the raw heads of the interim 1xx responses that came before this one (RFC 9110
 *     §15.2), oldest first, at most a few kept
 */
public record ResponseHead(
    String version,
    int status,
    String reason,
    List<Header> headers,
    String raw,
    byte[] leftover,
    List<String> interim) {

  public ResponseHead {
    interim = List.copyOf(interim);
  }

  /** A response with no interim response before it. */
  public ResponseHead(
      String version,
      int status,
      String reason,
      List<Header> headers,
      String raw,
      byte[] leftover) {
    this(version, status, reason, headers, raw, leftover, List.of());
  }

  public ResponseHead withInterim(List<String> heads) {
    return new ResponseHead(version, status, reason, headers, raw, leftover, heads);
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

  public String statusLine() {
    int i = raw.indexOf("\r\n");
    return i < 0 ? raw : raw.substring(0, i);
  }
}
