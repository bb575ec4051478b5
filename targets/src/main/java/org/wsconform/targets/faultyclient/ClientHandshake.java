package org.wsconform.targets.faultyclient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.wsconform.targets.faultyclient.FaultyClient.Fault;

/**
 * The client's opening handshake: the upgrade request, reading the 101, and its checks (RFC 6455
 * §4.1, RFC 7692 §7), each check skipped by the {@link Fault} that breaks it.
 */
final class ClientHandshake {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Set<Fault> faults;
  private final boolean offerWindowBits;

  /**
   * @param offerWindowBits offer {@code permessage-deflate; client_max_window_bits} (else plain)
   */
  ClientHandshake(Set<Fault> faults, boolean offerWindowBits) {
    this.faults = faults;
    this.offerWindowBits = offerWindowBits;
  }

  /** A fresh Sec-WebSocket-Key: 16 random octets, base64. */
  static String key() {
    byte[] keyOctets = new byte[16];
    RANDOM.nextBytes(keyOctets);
    return Base64.getEncoder().encodeToString(keyOctets);
  }

  /** The upgrade request for {@code path}, offering permessage-deflate. */
  byte[] request(URI base, String path, String key) {
    String offer = "permessage-deflate" + (offerWindowBits ? "; client_max_window_bits" : "");
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + base.getHost()
            + ":"
            + base.getPort()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + key
            + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: "
            + offer
            + "\r\n\r\n";
    return request.getBytes(StandardCharsets.ISO_8859_1);
  }

  record Head(String statusLine, List<String[]> headers, byte[] leftover) {
    /** All values of a header, names compared as the client's switches say. */
    List<String> all(String name, boolean caseSensitive) {
      List<String> l = new ArrayList<>();
      for (String[] h : headers) {
        if (caseSensitive ? h[0].equals(name) : h[0].equalsIgnoreCase(name)) l.add(h[1]);
      }
      return l;
    }
  }

  Head readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (true) {
      int n = in.read(buf);
      if (n < 0) return null;
      b.write(buf, 0, n);
      byte[] all = b.toByteArray();
      int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      if (end >= 0) {
        String text = new String(all, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
          int c = lines[i].indexOf(':');
          if (c > 0) {
            headers.add(
                new String[] {lines[i].substring(0, c).trim(), lines[i].substring(c + 1).trim()});
          }
        }
        byte[] leftover = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        return new Head(lines[0], headers, leftover);
      }
      if (faults.contains(Fault.READS_101_IN_ONE_READ)) return null;
    }
  }

  private static int indexOf(byte[] a, byte[] p) {
    outer:
    for (int i = 0; i + p.length <= a.length; i++) {
      for (int j = 0; j < p.length; j++) if (a[i + j] != p[j]) continue outer;
      return i;
    }
    return -1;
  }

  /** The 101 checks of RFC 6455 §4.1 and RFC 7692 §7; throws to fail the connection. */
  ClientDeflate check(Head h, String key) {
    boolean cs = faults.contains(Fault.CASE_SENSITIVE_HEADERS);
    String[] status = h.statusLine.split(" ");
    if (!faults.contains(Fault.IGNORES_STATUS) && (status.length < 2 || !status[1].equals("101"))) {
      throw new IllegalStateException("status " + h.statusLine);
    }
    if (!faults.contains(Fault.IGNORES_UPGRADE)) {
      List<String> u = h.all("Upgrade", cs);
      if (u.size() != 1
          || !(cs ? u.get(0).equals("websocket") : u.get(0).equalsIgnoreCase("websocket"))) {
        throw new IllegalStateException("Upgrade " + u);
      }
    }
    if (!faults.contains(Fault.IGNORES_CONNECTION)) {
      boolean upgrade = false;
      for (String v : h.all("Connection", cs)) {
        for (String t : v.split(",")) {
          upgrade |= cs ? t.trim().equals("Upgrade") : t.trim().equalsIgnoreCase("upgrade");
        }
      }
      if (!upgrade) throw new IllegalStateException("Connection " + h.all("Connection", cs));
    }
    if (!faults.contains(Fault.IGNORES_ACCEPT)) {
      List<String> a = h.all("Sec-WebSocket-Accept", cs);
      if (a.size() != 1 || !a.get(0).equals(accept(key))) {
        throw new IllegalStateException("Sec-WebSocket-Accept " + a);
      }
    }
    if (!faults.contains(Fault.ACCEPTS_UNOFFERED_SUBPROTOCOL)
        && !h.all("Sec-WebSocket-Protocol", cs).isEmpty()) {
      throw new IllegalStateException("unoffered subprotocol");
    }
    ClientDeflate deflate = null;
    for (String v : h.all("Sec-WebSocket-Extensions", cs)) {
      for (String element : v.split(",")) {
        String[] parts = element.split(";");
        if (!parts[0].trim().equalsIgnoreCase("permessage-deflate")) {
          if (faults.contains(Fault.ACCEPTS_UNOFFERED_EXTENSION)) continue;
          throw new IllegalStateException("unoffered extension " + parts[0].trim());
        }
        if (deflate != null) throw new IllegalStateException("permessage-deflate twice");
        deflate = deflate(parts);
      }
    }
    return deflate;
  }

  private ClientDeflate deflate(String[] parts) {
    boolean lax = faults.contains(Fault.LAX_DEFLATE_PARAMETERS);
    Map<String, String> params = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? null : p.substring(eq + 1).trim().replace("\"", "");
      if (!seen.add(name) && !lax) throw new IllegalStateException("repeated " + name);
      params.put(name, value);
    }
    int clientBits = 15;
    for (Map.Entry<String, String> e : params.entrySet()) {
      switch (e.getKey()) {
        case "server_no_context_takeover", "client_no_context_takeover" -> {}
        case "server_max_window_bits" -> {
          if (!lax && !inRange(e.getValue())) throw new IllegalStateException(e.toString());
        }
        case "client_max_window_bits" -> {
          if (!offerWindowBits && !faults.contains(Fault.ACCEPTS_UNOFFERED_WINDOW_BITS)) {
            throw new IllegalStateException("unoffered client_max_window_bits");
          }
          if (!inRange(e.getValue())) {
            if (!lax) throw new IllegalStateException(e.toString());
          } else {
            clientBits = Integer.parseInt(e.getValue());
          }
        }
        default -> {
          if (!lax) throw new IllegalStateException("unknown parameter " + e.getKey());
        }
      }
    }
    boolean noContext =
        params.containsKey("client_no_context_takeover")
            && !faults.contains(Fault.IGNORES_CLIENT_NO_CONTEXT_TAKEOVER);
    boolean smallWindow = clientBits < 15 && !faults.contains(Fault.IGNORES_CLIENT_MAX_WINDOW_BITS);
    return new ClientDeflate(noContext, smallWindow);
  }

  private static boolean inRange(String v) {
    try {
      int b = Integer.parseInt(v);
      return b >= 8 && b <= 15;
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
  }

  static String accept(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return Base64.getEncoder()
          .encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
