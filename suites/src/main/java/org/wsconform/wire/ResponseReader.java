package org.wsconform.wire;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the server's response head under a deadline and a size limit (status line + headers ≤ 64
 * KiB), so that a server that trickles or never ends its headers cannot hang the harness. Octets
 * after the blank line are kept as {@link ResponseHead#leftover()}. Interim 1xx responses (other
 * than 101) before the final one are skipped, as RFC 9110 §15.2 requires of every client, and kept
 * as {@link ResponseHead#interim()}; they count against the same 64 KiB.
 */
public final class ResponseReader {
  public static final int MAX_HEAD = 64 * 1024;

  /** Interim heads kept as evidence; more are counted, not kept. */
  static final int MAX_INTERIM_KEPT = 8;

  /** The response could not be read or parsed; the message says what was seen. */
  public static final class BadResponse extends IOException {
    private final String partial;

    public BadResponse(String message, String partial) {
      super(message);
      this.partial = partial;
    }

    /** What had arrived before the problem, for the report. */
    public String partial() {
      return partial;
    }
  }

  private ResponseReader() {}

  /**
   * Reads from {@code in} until the end of the header block.
   *
   * @param onOctets called with each chunk read (for the wire log)
   * @param deadlineNanos System.nanoTime() deadline; the socket's SO_TIMEOUT must be short enough
   *     to re-check it (the caller sets it)
   */
  public static ResponseHead read(InputStream in, long deadlineNanos, ChunkListener onOctets)
      throws IOException {
    byte[] buf = new byte[4096];
    int n = 0;
    int scanFrom = 0;
    // octets of interim heads already consumed: they count against the same 64 KiB, so that a
    // server sending "100 Continue" forever is stopped like one sending header lines forever
    int consumed = 0;
    List<String> interim = new ArrayList<>();
    int interimCount = 0;
    while (true) {
      int end = indexOfBlankLine(buf, scanFrom, n);
      if (end >= 0) {
        byte[] leftover = Arrays.copyOfRange(buf, end, n);
        ResponseHead head = parse(new String(buf, 0, end, StandardCharsets.ISO_8859_1), leftover);
        if (!isInterim(head.status())) return head.withInterim(interim);
        // RFC 9110 §15.2: a client must parse any number of 1xx responses before the final one
        interimCount++;
        if (interim.size() < MAX_INTERIM_KEPT) interim.add(head.raw());
        System.arraycopy(buf, end, buf, 0, n - end);
        consumed += end;
        n -= end;
        scanFrom = 0;
        continue;
      }
      scanFrom = Math.max(0, n - 3);
      if (consumed + n >= MAX_HEAD) {
        throw new BadResponse(
            interimCount > 0
                ? interimCount
                    + " interim (1xx) responses and no final response within "
                    + MAX_HEAD
                    + " octets (RFC 9110 §15.2 allows any number; the harness stops at "
                    + MAX_HEAD
                    + " octets)"
                : "response head exceeds " + MAX_HEAD + " octets without a blank line",
            text(buf, n));
      }
      if (System.nanoTime() > deadlineNanos) {
        throw new BadResponse(
            interimCount > 0 && n == 0
                ? "no final response to the upgrade request before the deadline, after "
                    + interimCount
                    + " interim (1xx) responses (first: '"
                    + firstLine(interim.get(0))
                    + "')"
                : n == 0
                    ? "no response to the upgrade request before the deadline"
                    : "response head incomplete at the deadline (" + n + " octets received)",
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
        throw new BadResponse(
            n == 0
                ? "the server closed the connection without answering the upgrade request"
                    + (interimCount > 0
                        ? " (after " + interimCount + " interim (1xx) responses)"
                        : "")
                : "the server closed the connection in the middle of the response head",
            text(buf, n));
      }
      if (onOctets != null) onOctets.chunk(buf, n, r);
      n += r;
    }
  }

  /** 1xx other than 101: informational, to be skipped (101 is the one 1xx that ends an upgrade). */
  private static boolean isInterim(int status) {
    return status >= 100 && status < 200 && status != 101;
  }

  private static String firstLine(String raw) {
    int i = raw.indexOf('\n');
    return abbreviate((i < 0 ? raw : raw.substring(0, i)).strip());
  }

  /** Receives each chunk as it is read. */
  @FunctionalInterface
  public interface ChunkListener {
    void chunk(byte[] b, int off, int len);
  }

  private static String text(byte[] b, int n) {
    return new String(b, 0, Math.min(n, 4096), StandardCharsets.ISO_8859_1);
  }

  /** Index just after CRLFCRLF (or LFLF, which lenient servers send), or -1. */
  private static int indexOfBlankLine(byte[] b, int from, int n) {
    for (int i = Math.max(0, from); i < n; i++) {
      if (b[i] == '\n') {
        if (i + 1 < n && b[i + 1] == '\n') return i + 2;
        if (i + 2 < n && b[i + 1] == '\r' && b[i + 2] == '\n') return i + 3;
      }
    }
    return -1;
  }

  static ResponseHead parse(String raw, byte[] leftover) throws BadResponse {
    String[] lines = raw.split("\r?\n");
    String status = lines.length == 0 ? "" : lines[0];
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new BadResponse("not an HTTP status line: '" + abbreviate(status) + "'", raw);
    }
    int code;
    try {
      code = Integer.parseInt(parts[1].trim());
    } catch (NumberFormatException e) {
      throw new BadResponse("status code is not a number: '" + abbreviate(status) + "'", raw);
    }
    List<Header> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) continue;
      int c = lines[i].indexOf(':');
      if (c <= 0)
        throw new BadResponse("malformed header line: '" + abbreviate(lines[i]) + "'", raw);
      headers.add(new Header(lines[i].substring(0, c).trim(), lines[i].substring(c + 1).trim()));
    }
    return new ResponseHead(
        parts[0], code, parts.length > 2 ? parts[2] : "", headers, raw, leftover);
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
