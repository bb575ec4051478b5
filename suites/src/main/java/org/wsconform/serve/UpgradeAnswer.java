package org.wsconform.serve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.wsconform.wire.Header;
import org.wsconform.wire.SecWebSocketAccept;

/**
 * The response head the harness writes as a server, built by hand so that a case can send exactly
 * the 101 it needs, a broken one included (RFC 6455 §4.2.2).
 *
 * @param statusLine e.g. {@code HTTP/1.1 101 Switching Protocols}
 * @param headers in order, as written
 * @param chunkSize 0: one write; otherwise the head goes out in chunks of this many octets, each
 *     flushed on its own (a client must reassemble a head that arrives one octet at a time)
 */
public record UpgradeAnswer(String statusLine, List<Header> headers, int chunkSize) {
  public static final String SERVER = "wsconform";

  public UpgradeAnswer {
    headers = List.copyOf(headers);
  }

  /** The canonical 101 for a client's key, with the extension response when one was agreed. */
  public static UpgradeAnswer switching(String key, String extensions) {
    List<Header> h = new ArrayList<>();
    h.add(new Header("Upgrade", "websocket"));
    h.add(new Header("Connection", "Upgrade"));
    h.add(new Header("Sec-WebSocket-Accept", SecWebSocketAccept.of(key)));
    if (extensions != null) h.add(new Header("Sec-WebSocket-Extensions", extensions));
    h.add(new Header("Server", SERVER));
    return new UpgradeAnswer("HTTP/1.1 101 Switching Protocols", h, 0);
  }

  /** A plain HTTP answer with a text body (the refusal of a request that is no upgrade). */
  public static byte[] plain(int status, String reason, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + b.length
            + "\r\nConnection: close\r\nServer: "
            + SERVER
            + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[h.length + b.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(b, 0, out, h.length, b.length);
    return out;
  }

  public UpgradeAnswer with(String name, String value) {
    List<Header> h = new ArrayList<>(headers);
    h.removeIf(x -> x.is(name));
    h.add(new Header(name, value));
    return new UpgradeAnswer(statusLine, h, chunkSize);
  }

  public UpgradeAnswer plus(String name, String value) {
    List<Header> h = new ArrayList<>(headers);
    h.add(new Header(name, value));
    return new UpgradeAnswer(statusLine, h, chunkSize);
  }

  public UpgradeAnswer without(String name) {
    List<Header> h = new ArrayList<>(headers);
    h.removeIf(x -> x.is(name));
    return new UpgradeAnswer(statusLine, h, chunkSize);
  }

  public UpgradeAnswer withStatusLine(String line) {
    return new UpgradeAnswer(line, headers, chunkSize);
  }

  public UpgradeAnswer withNames(UnaryOperator<String> rename) {
    return new UpgradeAnswer(
        statusLine,
        headers.stream().map(x -> new Header(rename.apply(x.name()), x.value())).toList(),
        chunkSize);
  }

  public UpgradeAnswer chunked(int size) {
    return new UpgradeAnswer(statusLine, headers, size);
  }

  public String head() {
    StringBuilder sb = new StringBuilder(statusLine).append("\r\n");
    for (Header x : headers) sb.append(x.name()).append(": ").append(x.value()).append("\r\n");
    return sb.append("\r\n").toString();
  }

  public byte[] toBytes() {
    return head().getBytes(StandardCharsets.ISO_8859_1);
  }
}
