package org.wsconform.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An opening-handshake request built by hand (§4.1): any method, request-target, HTTP version and
 * header list (duplicates, odd casing and omissions included), plus optional octets that go out in
 * the same write right after the header block (a body, or pipelined frames).
 */
public record UpgradeRequest(
    String method, String target, String version, List<Header> headers, byte[] trailing) {

  public UpgradeRequest {
    headers = List.copyOf(headers);
    trailing = trailing == null ? new byte[0] : trailing;
  }

  /**
   * The RFC's canonical request: {@code Upgrade: websocket} in lower case, {@code Connection:
   * Upgrade}, version 13, the given key, {@code Host} with the port; then the user's extra headers.
   */
  public static UpgradeRequest canonical(Endpoint e, String key, List<Header> extra) {
    List<Header> h = new ArrayList<>();
    h.add(new Header("Host", e.hostHeader()));
    h.add(new Header("User-Agent", "wsconform/0.1"));
    h.add(new Header("Upgrade", "websocket"));
    h.add(new Header("Connection", "Upgrade"));
    h.add(new Header("Sec-WebSocket-Key", key));
    h.add(new Header("Sec-WebSocket-Version", "13"));
    for (Header x : extra) {
      h.removeIf(
          y ->
              y.is(x.name())
                  && !x.is("Sec-WebSocket-Protocol")
                  && !x.is("Sec-WebSocket-Extensions"));
      h.add(x);
    }
    return new UpgradeRequest("GET", e.requestTarget(), "HTTP/1.1", h, null);
  }

  public Optional<String> header(String name) {
    return headers.stream().filter(h -> h.is(name)).map(Header::value).findFirst();
  }

  public List<String> all(String name) {
    return headers.stream().filter(h -> h.is(name)).map(Header::value).toList();
  }

  public UpgradeRequest withMethod(String m) {
    return new UpgradeRequest(m, target, version, headers, trailing);
  }

  public UpgradeRequest withVersion(String v) {
    return new UpgradeRequest(method, target, v, headers, trailing);
  }

  public UpgradeRequest withTrailing(byte[] t) {
    return new UpgradeRequest(method, target, version, headers, t);
  }

  /** Removes every header with this name (case-insensitive). */
  public UpgradeRequest without(String name) {
    return filter(h -> !h.is(name));
  }

  /** Replaces the value of every header with this name, or adds it when absent. */
  public UpgradeRequest with(String name, String value) {
    List<Header> h = new ArrayList<>();
    boolean replaced = false;
    for (Header x : headers) {
      if (x.is(name)) {
        if (!replaced) h.add(new Header(x.name(), value));
        replaced = true;
      } else {
        h.add(x);
      }
    }
    if (!replaced) h.add(new Header(name, value));
    return new UpgradeRequest(method, target, version, h, trailing);
  }

  /** Adds a header line even when one with that name exists (duplicates on purpose). */
  public UpgradeRequest plus(String name, String value) {
    List<Header> h = new ArrayList<>(headers);
    h.add(new Header(name, value));
    return new UpgradeRequest(method, target, version, h, trailing);
  }

  public UpgradeRequest filter(Predicate<Header> keep) {
    return new UpgradeRequest(
        method, target, version, headers.stream().filter(keep).toList(), trailing);
  }

  /** The header block as text (what the report shows; the trailing octets are not text). */
  public String head() {
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
    for (Header h : headers) sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
    sb.append("\r\n");
    return sb.toString();
  }

  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] head = head().getBytes(StandardCharsets.ISO_8859_1);
    out.write(head, 0, head.length);
    out.write(trailing, 0, trailing.length);
    return out.toByteArray();
  }
}
