package org.wsconform.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A seeded random fuzzer for the response-head reader, for a bounded time: random octets and
 * mutations of a real 101 (flipped bits, cut, doubled and inserted ranges, bare LFs, endless and
 * huge lines, absurd status codes), delivered in random chunks with read timeouts in between, or
 * never ending. Every input must end in a ResponseHead or a BadResponse — no other exception —
 * within its deadline, and cost at most a bounded amount of memory however much arrives.
 */
class ResponseReaderFuzzTest {
  private static final long SEED = 0x6455_2026L;
  private static final long BUDGET_NANOS = 6_000_000_000L;
  private static final long DEADLINE_NANOS = 40_000_000L;

  /**
   * What one read may allocate, whatever arrives: its head buffer (at most 64 KiB, doubling), the
   * head's text, and the parse — a 64 KiB head of one-octet lines is 64 Ki strings, 5 to 10 MiB
   * depending on what the JIT has compiled by then. A bound, whatever arrives after the 64 KiB.
   */
  private static final long MAX_ALLOCATION = 16L << 20;

  private static final int WARM_UP = 300;
  private static final byte[] RESPONSE =
      ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1);

  @Test
  @Timeout(60)
  void everyInputEndsInAHeadOrABadResponseInTimeAndWithinBoundedMemory() throws Exception {
    Random rnd = new Random(SEED);
    long until = System.nanoTime() + BUDGET_NANOS;
    int runs = 0;
    int heads = 0;
    while (System.nanoTime() < until) {
      long inputSeed = rnd.nextLong();
      Random r = new Random(inputSeed);
      byte[] input = input(r);
      boolean endless = r.nextInt(8) == 0;
      Chunks in = new Chunks(input, r, endless);
      long t0 = System.nanoTime();
      long before = Allocation.soFar();
      try {
        ResponseHead h = ResponseReader.read(in, t0 + DEADLINE_NANOS, (b, off, len) -> {});
        heads++;
        // (a status that is not three digits, even negative, is read as given: the handshake
        // check then reports it as "expected 101, observed …", which is the verdict it deserves)
        assertThat(h.statusLine()).startsWith("HTTP/");
        assertThat(h.raw().length()).isLessThanOrEqualTo(ResponseReader.MAX_HEAD + 4096);
        assertThat(h.leftover().length).isLessThanOrEqualTo(input.length + 4096);
      } catch (ResponseReader.BadResponse expected) {
        assertThat(expected.getMessage()).isNotBlank();
        assertThat(expected.partial().length()).isLessThanOrEqualTo(ResponseReader.MAX_HEAD + 4096);
      } catch (IOException | RuntimeException e) {
        fail(
            "input seed "
                + inputSeed
                + " ("
                + input.length
                + " octets, endless="
                + endless
                + "): "
                + e,
            e);
      }
      long took = System.nanoTime() - t0;
      long cost = Allocation.soFar() - before;
      runs++;
      // the first inputs also load classes and compile code: measured only once that is done
      if (runs <= WARM_UP) continue;
      assertThat(took)
          .as("input seed %d took %d ms", inputSeed, took / 1_000_000)
          .isLessThan(DEADLINE_NANOS + 500_000_000L);
      assertThat(cost)
          .as("input seed %d allocated %d octets", inputSeed, cost)
          .isLessThan(MAX_ALLOCATION);
    }
    assertThat(runs).as("inputs tried").isGreaterThan(500);
    assertThat(heads).as("some inputs still parse").isPositive();
  }

  private static byte[] input(Random r) {
    switch (r.nextInt(6)) {
      case 0 -> {
        byte[] b = new byte[r.nextInt(9000)];
        r.nextBytes(b);
        return b;
      }
      case 1 -> {
        return ("HTTP/1.1 "
                + (r.nextBoolean() ? "99999999999999999999" : Integer.toString(r.nextInt()))
                + " X\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
      }
      case 2 -> {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("HTTP/1.1 101 OK\r\nX-Long: ".getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(new byte[r.nextInt(150_000)]);
        b.writeBytes("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
      }
      default -> {
        byte[] b = RESPONSE.clone();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) b = mutate(b, r);
        return b;
      }
    }
  }

  private static byte[] mutate(byte[] b, Random r) {
    if (b.length == 0) return b;
    int at = r.nextInt(b.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (r.nextInt(7)) {
      case 0 -> { // flip a bit
        byte[] c = b.clone();
        c[at] ^= (byte) (1 << r.nextInt(8));
        return c;
      }
      case 1 -> { // cut
        out.write(b, 0, at);
      }
      case 2 -> { // remove a range
        int len = r.nextInt(Math.min(40, b.length - at) + 1);
        out.write(b, 0, at);
        out.write(b, at + len, b.length - at - len);
      }
      case 3 -> { // double a range
        int len = r.nextInt(Math.min(60, b.length - at) + 1);
        out.write(b, 0, at + len);
        out.write(b, at, b.length - at);
      }
      case 4 -> { // insert random octets
        byte[] junk = new byte[r.nextInt(30)];
        r.nextBytes(junk);
        out.write(b, 0, at);
        out.writeBytes(junk);
        out.write(b, at, b.length - at);
      }
      case 5 -> { // bare LF line ends
        return new String(b, StandardCharsets.ISO_8859_1)
            .replace("\r\n", "\n")
            .getBytes(StandardCharsets.ISO_8859_1);
      }
      default -> { // frames after the head, as a server that pipelines would send them
        out.writeBytes(b);
        byte[] frames = new byte[r.nextInt(200)];
        r.nextBytes(frames);
        out.writeBytes(frames);
      }
    }
    return out.toByteArray();
  }

  /**
   * The input in random chunks, with read timeouts in between (as the harness's 100 ms SO_TIMEOUT
   * gives them); "endless" repeats it without ever ending, like a server that never stops talking.
   */
  private static final class Chunks extends InputStream {
    private final byte[] data;
    private final Random r;
    private final boolean endless;
    private int pos;

    Chunks(byte[] data, Random r, boolean endless) {
      this.data = data.length == 0 && endless ? new byte[] {'x'} : data;
      this.r = r;
      this.endless = endless;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (r.nextInt(10) == 0) throw new SocketTimeoutException("Read timed out");
      if (pos >= data.length) {
        if (!endless) return -1;
        pos = 0;
      }
      int n =
          Math.min(Math.min(len, data.length - pos), 1 + r.nextInt(r.nextBoolean() ? 16 : 70_000));
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
