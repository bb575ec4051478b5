package org.wsconform.targets;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A raw client for the servers' tests: writes exactly the bytes it is told (any request, any frame,
 * masked or not) and reads the answer. Every read has a deadline (the socket timeout).
 */
public final class RawConnection implements AutoCloseable {

  /** The RFC 6455 §1.3 example key and its accept value. */
  public static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  public static final String SAMPLE_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  public static final int CONTINUATION = 0x0;
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;

  private static final int READ_TIMEOUT_MILLIS = 5_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final int port;

  private RawConnection(Socket socket, int port) throws IOException {
    this.socket = socket;
    this.port = port;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  public static RawConnection open(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    return new RawConnection(socket, port);
  }

  /** Opens a connection and completes the canonical handshake; fails unless the answer is 101. */
  public static RawConnection upgraded(int port) throws IOException {
    RawConnection connection = open(port);
    HttpAnswer answer = connection.upgrade();
    if (answer.status() != 101) {
      connection.close();
      throw new IOException("expected 101, got " + answer);
    }
    return connection;
  }

  // ------------------------------------------------------------------ HTTP

  /** The RFC's canonical upgrade request, with extra header lines ("Name: value") appended. */
  public String canonicalRequest(String... extraHeaders) {
    List<String> headers =
        new ArrayList<>(
            List.of(
                "Host: 127.0.0.1:" + port,
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Key: " + SAMPLE_KEY,
                "Sec-WebSocket-Version: 13"));
    headers.addAll(List.of(extraHeaders));
    return request("GET / HTTP/1.1", headers);
  }

  public static String request(String requestLine, List<String> headers) {
    StringBuilder request = new StringBuilder(requestLine).append("\r\n");
    headers.forEach(h -> request.append(h).append("\r\n"));
    return request.append("\r\n").toString();
  }

  public HttpAnswer upgrade(String... extraHeaders) throws IOException {
    return exchange(canonicalRequest(extraHeaders));
  }

  public HttpAnswer exchange(String request) throws IOException {
    write(request.getBytes(StandardCharsets.ISO_8859_1));
    return readHttpAnswer();
  }

  /** Reads the status line, the headers and (for non-101 answers) a Content-Length body. */
  public HttpAnswer readHttpAnswer() throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = readByte();
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String text = line.toString(StandardCharsets.ISO_8859_1).replaceFirst("\r$", "");
      line.reset();
      if (text.isEmpty()) {
        break;
      }
      lines.add(text);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String header : lines.subList(1, lines.size())) {
      int colon = header.indexOf(':');
      headers
          .computeIfAbsent(
              header.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(header.substring(colon + 1).trim());
    }
    int status = Integer.parseInt(lines.get(0).split(" ")[1]);
    byte[] body = new byte[0];
    if (status != 101 && headers.containsKey("content-length")) {
      body = readExactly(Integer.parseInt(headers.get("content-length").get(0)));
    }
    return new HttpAnswer(lines.get(0), status, headers, new String(body, StandardCharsets.UTF_8));
  }

  public record HttpAnswer(
      String statusLine, int status, Map<String, List<String>> headers, String body) {

    /** The header's only value, or null when absent. */
    public String header(String name) {
      List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
      if (values.size() > 1) {
        throw new AssertionError("header " + name + " repeated: " + values);
      }
      return values.isEmpty() ? null : values.get(0);
    }
  }

  // ------------------------------------------------------------------ frames

  /** A masked frame with FIN=1 and no RSV, as a conformant client sends it. */
  public void send(int opcode, byte[] payload) throws IOException {
    write(frame(0x80 | opcode, payload, true));
  }

  public void send(int opcode, String payload) throws IOException {
    send(opcode, payload.getBytes(StandardCharsets.UTF_8));
  }

  public void sendClose(int code, byte[] reason) throws IOException {
    byte[] payload = new byte[2 + reason.length];
    payload[0] = (byte) (code >> 8);
    payload[1] = (byte) code;
    System.arraycopy(reason, 0, payload, 2, reason.length);
    send(CLOSE, payload);
  }

  /**
   * Any frame: {@code firstByte} is FIN, RSV and opcode as they go on the wire. Masked frames get a
   * fresh random key, as RFC 6455 §5.3 asks.
   */
  public static byte[] frame(int firstByte, byte[] payload, boolean masked) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(firstByte);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length <= 125) {
      frame.write(maskBit | payload.length);
    } else if (payload.length <= 0xFFFF) {
      frame.write(maskBit | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length);
    } else {
      frame.write(maskBit | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >> shift));
      }
    }
    byte[] mask = new byte[4];
    if (masked) {
      ThreadLocalRandom.current().nextBytes(mask);
      frame.write(mask, 0, 4);
    }
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i & 3]);
    }
    return frame.toByteArray();
  }

  public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {

    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a close frame, or -1 when it has none. */
    public int closeCode() {
      return payload.length >= 2 ? (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF) : -1;
    }
  }

  public Frame readFrame() throws IOException {
    int first = readByte();
    int second = readByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = readByte() << 8 | readByte();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = length << 8 | readByte();
      }
    }
    if ((second & 0x80) != 0) {
      throw new IOException("the server masked a frame");
    }
    return new Frame(
        (first & 0x80) != 0, (first >> 4) & 7, first & 0x0F, readExactly((int) length));
  }

  /** Reads frames until the first one that is not a continuation of a data message. */
  public Frame readMessage() throws IOException {
    Frame first = readFrame();
    if (first.fin() || first.opcode() >= CLOSE) {
      return first;
    }
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.writeBytes(first.payload());
    Frame next;
    do {
      next = readFrame();
      payload.writeBytes(next.payload());
    } while (!next.fin());
    return new Frame(true, first.rsv(), first.opcode(), payload.toByteArray());
  }

  // ------------------------------------------------------------------ TCP

  public void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** True when the server closed TCP (EOF) within the deadline, false if it stayed open. */
  public boolean serverClosesTcpWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      byte[] scratch = new byte[8192];
      while (true) {
        if (in.read(scratch) < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    } finally {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    }
  }

  /** True when nothing at all arrives within the deadline and the connection stays open. */
  public boolean staysSilentFor(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      in.read(); // data or EOF: either way the server was not silent
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    }
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the server closed the connection");
    }
    return b;
  }

  private byte[] readExactly(int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException("the server closed the connection");
    }
    return bytes;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
