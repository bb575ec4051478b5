package org.wsconform.targets.faulty;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the client's opening handshake and decides the answer (RFC 6455 §4.2.1, §4.2.2).
 *
 * <p>The answers are the same as the reference server's: 426 with {@code Upgrade: websocket} and
 * {@code Sec-WebSocket-Version: 13} for a request that does not ask for the upgrade (body "Expected
 * Upgrade: websocket") or names another version; 400 for a bad key, a missing Host, or an Upgrade
 * header without {@code Connection: upgrade} (Jetty's answer too); 400 for an HTTP/1.0 upgrade; 405
 * for an upgrade that is not a GET. The one extension negotiated is permessage-deflate ({@link
 * PermessageDeflate}).
 */
final class OpeningHandshake {

  static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  static final List<String> SUBPROTOCOLS = List.of("chat", "superchat", "wsconform");

  private static final int MAX_HEAD = 64 * 1024;
  private static final Pattern REQUEST_LINE = Pattern.compile("(\\S+) (\\S+) (HTTP/\\d\\.\\d)");
  private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/]{22}==");

  /**
   * The bytes to send back, whether they switch the connection to WebSocket, and the
   * permessage-deflate agreed (null when none was).
   */
  record Answer(byte[] bytes, boolean upgraded, PermessageDeflate deflate) {}

  private record Field(String name, String value) {}

  private final Set<Fault> faults;
  private String method;
  private String version;
  private final List<Field> fields = new ArrayList<>();

  private OpeningHandshake(Set<Fault> faults) {
    this.faults = faults;
  }

  /**
   * Reads exactly the request head, so any bytes after it stay in {@code in}: frames a client
   * pipelines behind its request are the start of the frame stream.
   */
  static Answer answer(InputStream in, Set<Fault> faults) throws IOException {
    OpeningHandshake handshake = new OpeningHandshake(faults);
    String problem = handshake.parse(readHead(in));
    return problem != null ? badRequest(problem) : handshake.decide();
  }

  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (total++ < MAX_HEAD) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the opening handshake");
      }
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String text = line.toString(StandardCharsets.ISO_8859_1);
      text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      if (text.isEmpty()) {
        return lines;
      }
      lines.add(text);
      line.reset();
    }
    lines.clear(); // too long: parse() turns an empty head into a 400
    return lines;
  }

  /** Null when the head is well-formed HTTP/1.x, else what is wrong with it. */
  private String parse(List<String> head) {
    var requestLine = head.isEmpty() ? null : REQUEST_LINE.matcher(head.get(0));
    if (requestLine == null || !requestLine.matches()) {
      return "Malformed request line";
    }
    method = requestLine.group(1);
    version = requestLine.group(3);
    for (String line : head.subList(1, head.size())) {
      int colon = line.indexOf(':');
      if (colon < 0 || !FIELD_NAME.matcher(line.substring(0, colon)).matches()) {
        return "Malformed header field";
      }
      fields.add(
          new Field(
              line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim()));
    }
    return null;
  }

  private Answer decide() {
    if (version.equals("HTTP/1.1") && values("host").size() != 1) {
      return badRequest("Exactly one Host header is required (RFC 9112 3.2)");
    }
    boolean connectionUpgrade = hasToken("connection", "upgrade");
    if (!values("upgrade").isEmpty() && !connectionUpgrade) {
      return badRequest("Upgrade needs Connection: upgrade (RFC 9110 7.8)");
    }
    if (!hasToken("upgrade", "websocket") || !connectionUpgrade) {
      if (faults.contains(Fault.PLAIN_GET_200) && method.equals("GET")) {
        return response("200 OK", "", "wsconform faulty server");
      }
      return upgradeRequired("Expected Upgrade: websocket");
    }
    if (!version.equals("HTTP/1.1")) {
      return badRequest("The WebSocket opening handshake needs HTTP/1.1 (RFC 6455 4.1)");
    }
    if (!method.equals("GET")) {
      return response(
          "405 Method Not Allowed",
          "Allow: GET\r\n",
          "The WebSocket opening handshake must be a GET (RFC 6455 4.1)");
    }
    List<String> versions = values("sec-websocket-version");
    if (versions.size() != 1 || !versions.get(0).equals("13")) {
      return upgradeRequired(
          "Unsupported Sec-WebSocket-Version; this server speaks 13 (RFC 6455 4.4)");
    }
    List<String> keys = values("sec-websocket-key");
    if (keys.size() != 1) {
      return badRequest("Exactly one Sec-WebSocket-Key is required (RFC 6455 4.2.1)");
    }
    if (!KEY.matcher(keys.get(0)).matches()
        || Base64.getDecoder().decode(keys.get(0)).length != 16) {
      return badRequest("Sec-WebSocket-Key must be 16 bytes in base64 (RFC 6455 4.2.1)");
    }
    return switchingProtocols(keys.get(0));
  }

  private Answer switchingProtocols(String key) {
    String accept = faults.contains(Fault.WRONG_ACCEPT) ? sha1Base64(key) : accept(key);
    String protocol = faults.contains(Fault.UNOFFERED_SUBPROTOCOL) ? "bogus" : subprotocol();
    PermessageDeflate deflate =
        PermessageDeflate.negotiate(values("sec-websocket-extensions"), faults).orElse(null);
    String head =
        "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: "
            + accept
            + "\r\n"
            + (protocol != null ? "Sec-WebSocket-Protocol: " + protocol + "\r\n" : "")
            + (deflate != null ? "Sec-WebSocket-Extensions: " + deflate.response() + "\r\n" : "")
            + "\r\n";
    return new Answer(head.getBytes(StandardCharsets.ISO_8859_1), true, deflate);
  }

  /** The client's first offer that this server speaks (§4.2.2 item 5.4), or none. */
  private String subprotocol() {
    for (String value : values("sec-websocket-protocol")) {
      for (String offered : value.split(",")) {
        if (SUBPROTOCOLS.contains(offered.trim())) {
          return offered.trim();
        }
      }
    }
    return null;
  }

  static String accept(String key) {
    return sha1Base64(key + GUID);
  }

  private static String sha1Base64(String text) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return Base64.getEncoder()
          .encodeToString(sha1.digest(text.getBytes(StandardCharsets.ISO_8859_1)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** 426 must name the protocol to upgrade to (RFC 9110 15.5.22) and the version we speak. */
  private static Answer upgradeRequired(String body) {
    return response(
        "426 Upgrade Required", "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n", body);
  }

  private static Answer badRequest(String reason) {
    return response("400 Bad Request", "", reason);
  }

  /** A non-101 answer; the server closes the connection after it, so it says so. */
  private static Answer response(String status, String headers, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + "\r\n"
            + headers
            + "Content-Type: text/plain;charset=utf-8\r\n"
            + "Content-Length: "
            + content.length
            + "\r\n"
            + "Connection: close\r\n"
            + "\r\n";
    byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[bytes.length + content.length];
    System.arraycopy(bytes, 0, all, 0, bytes.length);
    System.arraycopy(content, 0, all, bytes.length, content.length);
    return new Answer(all, false, null);
  }

  private List<String> values(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).map(Field::value).toList();
  }

  /** True when a comma-separated header holds the token, compared case-insensitively. */
  private boolean hasToken(String name, String token) {
    for (String value : values(name)) {
      for (String element : value.split(",")) {
        if (element.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }
}
