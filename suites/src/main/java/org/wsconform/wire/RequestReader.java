package org.wsconform.wire;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a client's opening request under a deadline and a size limit (request line + headers ≤ 64
 * KiB), so that a client that trickles or never ends its headers cannot hang the harness's server.
 * Octets after the blank line are kept as {@link RequestHead#leftover()}.
 */
public final class RequestReader {
  public static final int MAX_HEAD = 64 * 1024;

  /** The request could not be read or parsed; the message says what was seen. */
  public static final class BadRequest extends IOException {
    private final String partial;

    public BadRequest(String message, String partial) {
      super(message);
      this.partial = partial;
    }

    /** What had arrived before the problem, for the report. */
    public String partial() {
      return partial;
    }
  }

  private RequestReader() {}

  /**
   * Reads from {@code in} until the end of the header block.
   *
   * @param deadlineNanos System.nanoTime() deadline; the socket's SO_TIMEOUT must be short enough
   *     to re-check it (the caller sets it)
   */
  public static RequestHead read(
      InputStream in, long deadlineNanos, ResponseReader.ChunkListener onOctets)
      throws IOException {
    byte[] buf = new byte[4096];
    int n = 0;
    int scanFrom = 0;
    while (true) {
      int end = indexOfBlankLine(buf, scanFrom, n);
      if (end >= 0) {
        byte[] leftover = Arrays.copyOfRange(buf, end, n);
        return parse(new String(buf, 0, end, StandardCharsets.ISO_8859_1), leftover);
      }
      scanFrom = Math.max(0, n - 3);
      if (n >= MAX_HEAD) {
        throw new BadRequest(
            "request head exceeds " + MAX_HEAD + " octets without a blank line", text(buf, n));
      }
      if (System.nanoTime() > deadlineNanos) {
        throw new BadRequest(
            n == 0
                ? "the client sent no request before the deadline"
                : "request head incomplete at the deadline (" + n + " octets received)",
            text(buf, n));
      }
      if (n == buf.length) buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_HEAD + 4096));
      int r;
      try {
        r = in.read(buf, n, Math.min(buf.length - n, MAX_HEAD + 4096 - n));
      } catch (SocketTimeoutException e) {
        continue;
      }
      if (r < 0) {
        throw new BadRequest(
            n == 0
                ? "the client closed the connection without sending a request"
                : "the client closed the connection in the middle of the request head",
            text(buf, n));
      }
      if (onOctets != null) onOctets.chunk(buf, n, r);
      n += r;
    }
  }

  private static String text(byte[] b, int n) {
    return new String(b, 0, Math.min(n, 4096), StandardCharsets.ISO_8859_1);
  }

  /** Index just after CRLFCRLF (or LFLF, which lenient clients send), or -1. */
  private static int indexOfBlankLine(byte[] b, int from, int n) {
    for (int i = Math.max(0, from); i < n; i++) {
      if (b[i] == '\n') {
        if (i + 1 < n && b[i + 1] == '\n') return i + 2;
        if (i + 2 < n && b[i + 1] == '\r' && b[i + 2] == '\n') return i + 3;
      }
    }
    return -1;
  }

  static RequestHead parse(String raw, byte[] leftover) throws BadRequest {
    String[] lines = raw.split("\r?\n");
    String line = lines.length == 0 ? "" : lines[0];
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || !parts[2].startsWith("HTTP/") || parts[0].isEmpty()) {
      throw new BadRequest(
          "expected a request line 'METHOD target HTTP/1.1', observed '" + abbreviate(line) + "'",
          raw);
    }
    List<Header> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) continue;
      int c = lines[i].indexOf(':');
      if (c <= 0)
        throw new BadRequest("malformed header line: '" + abbreviate(lines[i]) + "'", raw);
      headers.add(new Header(lines[i].substring(0, c).trim(), lines[i].substring(c + 1).trim()));
    }
    return new RequestHead(parts[0], parts[1], parts[2], headers, raw, leftover);
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
