package org.wsconform.targets.faultyclient;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client on raw sockets, conformant by default, with one switch ({@link Fault}) per
 * rule the client checks (CA.*, CM.*, CC.*, CX.*) test: each switch breaks exactly that rule, so a
 * test can show the case catches it. An echo client as Autobahn's drivers are: text as text, binary
 * as binary, permessage-deflate offered ({@code client_max_window_bits} too, unless told not to).
 *
 * <p>Driver (fuzzing-server protocol): {@code FaultyClient ws://127.0.0.1:9001 AGENT [CASES]
 * [FAULT,...]} runs /getCaseCount, each case (all, or the comma-separated numbers), then
 * /updateReports.
 */
public final class FaultyClient {

  /** One broken client rule each. */
  public enum Fault {
    /** Takes a wrong or missing Sec-WebSocket-Accept (RFC 6455 §4.1, requirement 4). */
    IGNORES_ACCEPT,
    /** Takes a missing or wrong Upgrade header (requirement 2). */
    IGNORES_UPGRADE,
    /** Takes a missing or wrong Connection header (requirement 3). */
    IGNORES_CONNECTION,
    /** Takes any status as 101 (requirement 1). */
    IGNORES_STATUS,
    /** Ignores extensions it does not know in the 101 (requirement 5). */
    ACCEPTS_UNOFFERED_EXTENSION,
    /** Ignores Sec-WebSocket-Protocol in the 101 (requirement 6). */
    ACCEPTS_UNOFFERED_SUBPROTOCOL,
    /** Takes client_max_window_bits in the response although it did not offer it (RFC 7692). */
    ACCEPTS_UNOFFERED_WINDOW_BITS,
    /** Takes unknown, repeated or out-of-range permessage-deflate parameters (RFC 7692 §7). */
    LAX_DEFLATE_PARAMETERS,
    /** Assumes the whole 101 arrives in one read. */
    READS_101_IN_ONE_READ,
    /** Header names and the Upgrade/Connection values compared case-sensitively. */
    CASE_SENSITIVE_HEADERS,
    /** Binary frames go out unmasked (RFC 6455 §5.1). */
    UNMASKED_BINARY,
    /** Every masking key used for two frames in a row (RFC 6455 §5.3). */
    REPEATED_MASK_KEY,
    /** Masking keys from a counter (RFC 6455 §5.3). */
    COUNTER_MASK_KEYS,
    /** Masking key 0 on every frame (RFC 6455 §5.3). */
    ZERO_MASK_KEY,
    /** Takes masked server frames like any other (RFC 6455 §5.1). */
    IGNORES_MASKED_SERVER_FRAMES,
    /** Closes TCP right after answering the server's Close (RFC 6455 §7.1.1). */
    CLOSES_TCP_FIRST,
    /** Answers every Close with 1000 whatever the server's code (RFC 6455 §5.5.1). */
    CLOSE_REPLY_1000,
    /** Keeps its compressor's context after client_no_context_takeover (RFC 7692 §7.1.1.2). */
    IGNORES_CLIENT_NO_CONTEXT_TAKEOVER,
    /** Compresses with a 2^15 window after client_max_window_bits=N (RFC 7692 §7.1.2.2). */
    IGNORES_CLIENT_MAX_WINDOW_BITS
  }

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Set<Fault> faults;
  private final boolean offerWindowBits;
  private final Duration deadline;

  /**
   * @param offerWindowBits offer {@code permessage-deflate; client_max_window_bits} (else plain)
   * @param deadline the longest one connection may last
   */
  public FaultyClient(Set<Fault> faults, boolean offerWindowBits, Duration deadline) {
    this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
    this.offerWindowBits = offerWindowBits;
    this.deadline = deadline;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: FaultyClient ws://HOST:PORT AGENT [CASES|all] [FAULT,...]");
      System.exit(2);
    }
    URI base = URI.create(args[0]);
    String agent = args[1];
    Set<Fault> faults = EnumSet.noneOf(Fault.class);
    if (args.length > 3 && !args[3].isBlank()) {
      for (String f : args[3].split(",")) {
        try {
          faults.add(Fault.valueOf(f.trim()));
        } catch (IllegalArgumentException e) {
          System.err.println(
              "FaultyClient: unknown switch '"
                  + f.trim()
                  + "'; the switches are "
                  + java.util.Arrays.toString(Fault.values()));
          System.exit(2);
        }
      }
    }
    if (!faults.isEmpty()) System.err.println("FaultyClient: switches " + faults);
    FaultyClient c = new FaultyClient(faults, true, Duration.ofSeconds(60));
    List<Integer> cases = new ArrayList<>();
    if (args.length > 2 && !args[2].isBlank() && !args[2].equals("all")) {
      for (String n : args[2].split(",")) cases.add(Integer.parseInt(n.trim()));
    } else {
      int count =
          Integer.parseInt(
              new FaultyClient(Set.of(), false, c.deadline).first(base, "/getCaseCount"));
      for (int i = 1; i <= count; i++) cases.add(i);
    }
    for (int n : cases) {
      try {
        c.runCase(base, n, agent);
      } catch (IOException | RuntimeException e) {
        System.err.println("case " + n + ": " + e);
      }
    }
    new FaultyClient(Set.of(), false, c.deadline)
        .connect(base, "/updateReports?agent=" + agent, null);
  }

  /** Runs case {@code n}: connects to /runCase and echoes until the connection ends. */
  public void runCase(URI base, int n, String agent) throws IOException {
    connect(base, "/runCase?case=" + n + "&agent=" + agent, null);
  }

  /** The first text message at {@code path} (e.g. /getCaseCount). */
  public String first(URI base, String path) throws IOException {
    StringBuilder sb = new StringBuilder();
    connect(base, path, sb);
    return sb.toString();
  }

  /** One connection: the handshake, then echo (or, with {@code firstText}, keep the first text). */
  private void connect(URI base, String path, StringBuilder firstText) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
      s.setSoTimeout((int) deadline.toMillis());
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      byte[] keyOctets = new byte[16];
      RANDOM.nextBytes(keyOctets);
      String key = Base64.getEncoder().encodeToString(keyOctets);
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
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Head head = readHead(in);
      if (head == null) return; // incomplete: fail the connection (close TCP)
      Deflate deflate;
      try {
        deflate = check(head, key);
      } catch (IllegalStateException failTheConnection) {
        System.err.println("failing the connection: " + failTheConnection.getMessage());
        return;
      }
      new Connection(new PushbackInput(head.leftover, in), out, deflate, firstText, s).run();
    } catch (SocketTimeoutException e) {
      System.err.println("deadline: " + e);
    }
  }

  private record Head(String statusLine, List<String[]> headers, byte[] leftover) {
    /** All values of a header, names compared as the client's switches say. */
    List<String> all(String name, boolean caseSensitive) {
      List<String> l = new ArrayList<>();
      for (String[] h : headers) {
        if (caseSensitive ? h[0].equals(name) : h[0].equalsIgnoreCase(name)) l.add(h[1]);
      }
      return l;
    }
  }

  private Head readHead(InputStream in) throws IOException {
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
  private Deflate check(Head h, String key) {
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
    Deflate deflate = null;
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

  private Deflate deflate(String[] parts) {
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
    return new Deflate(noContext, smallWindow);
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

  /**
   * permessage-deflate for one connection. {@link Deflater} always has a 2^15 window, so a smaller
   * one is honoured by Huffman coding only: no back-reference at all fits any window.
   */
  private static final class Deflate {
    private final boolean noContext;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);

    Deflate(boolean noContext, boolean smallWindow) {
      this.noContext = noContext;
      if (smallWindow) deflater.setStrategy(Deflater.HUFFMAN_ONLY);
    }

    byte[] compress(byte[] payload) {
      if (noContext) deflater.reset();
      deflater.setInput(payload);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      // a strategy change makes the first call flush the old settings only: loop until the
      // input is taken and a call leaves room in the buffer (the sync flush is complete)
      int n;
      do {
        n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        out.write(buf, 0, n);
      } while (n == buf.length || !deflater.needsInput() || out.size() < 4);
      byte[] b = out.toByteArray();
      return java.util.Arrays.copyOf(b, b.length - 4); // the 00 00 ff ff tail (RFC 7692 §7.2.1)
    }

    byte[] inflate(byte[] compressed) throws DataFormatException {
      byte[] data = java.util.Arrays.copyOf(compressed, compressed.length + 4);
      System.arraycopy(TAIL, 0, data, compressed.length, 4);
      inflater.setInput(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!inflater.needsInput()) {
        int n = inflater.inflate(buf);
        if (n == 0 && inflater.needsInput()) break;
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  /** The octets that came with the 101, then the socket. */
  private static final class PushbackInput extends InputStream {
    private final byte[] first;
    private int pos;
    private final InputStream rest;

    PushbackInput(byte[] first, InputStream rest) {
      this.first = first;
      this.rest = rest;
    }

    @Override
    public int read() throws IOException {
      return pos < first.length ? first[pos++] & 0xff : rest.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos < first.length) {
        int n = Math.min(len, first.length - pos);
        System.arraycopy(first, pos, b, off, n);
        pos += n;
        return n;
      }
      return rest.read(b, off, len);
    }
  }

  /** The open connection: read frames, echo messages, answer pings and the Close. */
  private final class Connection {
    private final InputStream in;
    private final OutputStream out;
    private final Deflate deflate;
    private final StringBuilder firstText;
    private final Socket socket;
    private int lastKey = RANDOM.nextInt();
    private int sent;

    Connection(
        InputStream in, OutputStream out, Deflate deflate, StringBuilder firstText, Socket s) {
      this.in = in;
      this.out = out;
      this.deflate = deflate;
      this.firstText = firstText;
      this.socket = s;
    }

    void run() throws IOException {
      ByteArrayOutputStream message = null;
      int messageOpcode = 0;
      boolean compressed = false;
      while (true) {
        int b0 = in.read();
        if (b0 < 0) return;
        int b1 = read();
        long len = b1 & 0x7f;
        if (len == 126) len = (read() << 8) | read();
        else if (len == 127) {
          len = 0;
          for (int i = 0; i < 8; i++) len = (len << 8) | read();
        }
        boolean masked = (b1 & 0x80) != 0;
        byte[] mask = new byte[4];
        if (masked) for (int i = 0; i < 4; i++) mask[i] = (byte) read();
        byte[] payload = in.readNBytes((int) len);
        if (payload.length < len) throw new EOFException("connection closed in a frame");
        if (masked) {
          if (!faults.contains(Fault.IGNORES_MASKED_SERVER_FRAMES)) {
            send(0x8, new byte[] {0x03, (byte) 0xea}, false); // 1002, RFC 6455 §5.1
            drain();
            return;
          }
          for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
        }
        int opcode = b0 & 0x0f;
        boolean fin = (b0 & 0x80) != 0;
        switch (opcode) {
          case 0x8 -> {
            byte[] reply =
                faults.contains(Fault.CLOSE_REPLY_1000) || payload.length < 2
                    ? (payload.length < 2 ? new byte[0] : new byte[] {0x03, (byte) 0xe8})
                    : new byte[] {payload[0], payload[1]};
            send(0x8, reply, false);
            if (!faults.contains(Fault.CLOSES_TCP_FIRST)) drain();
            return;
          }
          case 0x9 -> send(0xa, payload, false);
          case 0xa -> {}
          default -> {
            if (opcode != 0) {
              message = new ByteArrayOutputStream();
              messageOpcode = opcode;
              compressed = (b0 & 0x40) != 0;
            }
            if (message == null) return;
            message.write(payload);
            if (fin) {
              byte[] m = message.toByteArray();
              message = null;
              if (compressed) {
                if (deflate == null) return; // RSV1 without an agreement: fail
                try {
                  m = deflate.inflate(m);
                } catch (DataFormatException e) {
                  return;
                }
              }
              if (firstText != null) {
                firstText.append(new String(m, StandardCharsets.UTF_8));
                send(0x8, new byte[] {0x03, (byte) 0xe8}, false);
                drain();
                return;
              }
              if (deflate != null) send(messageOpcode, deflate.compress(m), true);
              else send(messageOpcode, m, false);
            }
          }
        }
      }
    }

    private int read() throws IOException {
      int b = in.read();
      if (b < 0) throw new EOFException("connection closed in a frame header");
      return b;
    }

    /** After our Close: wait for the server to close TCP (RFC 6455 §7.1.1). */
    private void drain() throws IOException {
      try {
        socket.setSoTimeout(5000);
        while (in.read() >= 0) {
          // the server's answering Close, then its TCP close
        }
      } catch (IOException e) {
        // reset or timeout: either way the connection is over
      }
    }

    private void send(int opcode, byte[] payload, boolean rsv1) throws IOException {
      boolean mask = !(opcode == 0x2 && faults.contains(Fault.UNMASKED_BINARY));
      ByteArrayOutputStream f = new ByteArrayOutputStream();
      f.write(0x80 | (rsv1 ? 0x40 : 0) | opcode);
      int m = mask ? 0x80 : 0;
      if (payload.length <= 125) f.write(m | payload.length);
      else if (payload.length <= 0xffff) {
        f.write(m | 126);
        f.write(payload.length >>> 8);
        f.write(payload.length);
      } else {
        f.write(m | 127);
        for (int s = 56; s >= 0; s -= 8) f.write((int) ((long) payload.length >>> s));
      }
      byte[] p = payload.clone();
      if (mask) {
        int key = nextKey();
        byte[] k = {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
        f.write(k);
        for (int i = 0; i < p.length; i++) p[i] ^= k[i & 3];
      }
      f.write(p);
      out.write(f.toByteArray());
      out.flush();
    }

    private int nextKey() {
      int n = sent++;
      if (faults.contains(Fault.ZERO_MASK_KEY)) return 0;
      if (faults.contains(Fault.COUNTER_MASK_KEYS)) return ++lastKey;
      if (faults.contains(Fault.REPEATED_MASK_KEY) && n % 2 == 1) return lastKey;
      lastKey = RANDOM.nextInt();
      return lastKey;
    }
  }
}
