package org.wsconform.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A seeded random fuzzer for the frame decoder and the message assembler above it, for a bounded
 * time: streams of frames of every shape (reserved opcodes, RSV bits, masks, non-minimal and
 * impossible lengths, fragments, invalid UTF-8, headers declaring 2^63−1, 4 GiB or just under the
 * limit and then little or nothing), mutated, and fed in random chunks. Nothing may throw; a frame
 * has exactly its declared payload; after a fatal violation nothing more is decoded; and the memory
 * decoding costs grows with the octets that arrived, never with what a header declares.
 */
class FrameDecoderFuzzTest {
  private static final long SEED = 0x6455_0001L;
  private static final long BUDGET_NANOS = 8_000_000_000L;
  private static final int MAX_MESSAGE = 1 << 20;
  private static final int WARM_UP = 30;

  @Test
  @Timeout(60)
  void everyStreamDecodesToFramesAndViolationsWithoutThrowingOrOverAllocating() {
    Random rnd = new Random(SEED);
    long until = System.nanoTime() + BUDGET_NANOS;
    int streams = 0;
    long frames = 0;
    long fatal = 0;
    while (System.nanoTime() < until) {
      long streamSeed = rnd.nextLong();
      Random r = new Random(streamSeed);
      byte[] stream = stream(r);
      // the harness's own limit (256 MiB) now and then: a header just under it must cost nothing up
      // front
      long limit = r.nextInt(4) == 0 ? 256L << 20 : MAX_MESSAGE;
      long before = Allocation.soFar();
      long t0 = System.nanoTime();
      long framesBefore = frames;
      try {
        FrameDecoder d =
            new FrameDecoder(
                r.nextBoolean() ? FrameDecoder.Sender.SERVER : FrameDecoder.Sender.CLIENT, limit);
        d.deflateNegotiated(r.nextInt(4) == 0);
        MessageAssembler a = new MessageAssembler(MAX_MESSAGE);
        boolean stopped = false;
        int pos = 0;
        while (pos < stream.length) {
          int n = Math.min(stream.length - pos, 1 + r.nextInt(r.nextBoolean() ? 8 : 70_000));
          d.feed(stream, pos, n);
          pos += n;
          DecodedFrame f;
          while ((f = d.next()) != null) {
            assertThat(stopped)
                .as("a frame after a fatal violation (stream seed %d)", streamSeed)
                .isFalse();
            frames++;
            if (f.isFatal()) {
              stopped = true;
              fatal++;
              assertThat(f.violations()).isNotEmpty();
              continue;
            }
            assertThat((long) f.frame().payload().length).isEqualTo(f.declaredLength());
            int op = f.frame().opcode();
            if (op <= Opcode.BINARY) a.accept(f.frame(), true);
          }
        }
      } catch (RuntimeException | AssertionError e) {
        fail("stream seed " + streamSeed + " (" + stream.length + " octets): " + e, e);
      }
      long cost = Allocation.soFar() - before;
      streams++;
      // the first streams also load classes and compile code: measured only once that is done
      if (streams <= WARM_UP) continue;
      // buffers double and payloads are copied out and into messages: a few times what arrived,
      // plus each frame's own objects (its violations and their texts); never what a header
      // declares
      long decoded = frames - framesBefore;
      assertThat(cost)
          .as(
              "stream seed %d: %d octets fed, %d frames, %d allocated",
              streamSeed, stream.length, decoded, cost)
          .isLessThan(8L * stream.length + 2048L * decoded + (4L << 20));
      assertThat(System.nanoTime() - t0)
          .as("stream seed %d", streamSeed)
          .isLessThan(2_000_000_000L);
    }
    assertThat(streams).as("streams tried").isGreaterThan(300);
    assertThat(frames).isPositive();
    assertThat(fatal).isPositive();
  }

  private static byte[] stream(Random r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = 1 + r.nextInt(12);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(10)) {
        case 0 -> { // junk
          byte[] j = new byte[r.nextInt(300)];
          r.nextBytes(j);
          out.writeBytes(j);
        }
        case 1 -> out.writeBytes(hugeHeader(r)); // then little or nothing of its payload
        default -> out.writeBytes(frame(r));
      }
    }
    byte[] b = out.toByteArray();
    if (r.nextInt(3) == 0 && b.length > 0) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
    return b;
  }

  private static byte[] hugeHeader(Random r) {
    long[] lengths = {
      Long.MAX_VALUE,
      1L << 32,
      (256L << 20) - 1,
      (255L << 20),
      MAX_MESSAGE + 1L,
      MAX_MESSAGE - 1L,
      -1L
    };
    long len = lengths[r.nextInt(lengths.length)];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x82);
    out.write(127);
    for (int i = 7; i >= 0; i--) out.write((int) (len >>> (8 * i)));
    byte[] some = new byte[r.nextInt(2000)];
    r.nextBytes(some);
    out.writeBytes(some);
    return out.toByteArray();
  }

  private static byte[] frame(Random r) {
    int opcode = r.nextInt(5) == 0 ? r.nextInt(16) : new int[] {0, 1, 2, 8, 9, 10}[r.nextInt(6)];
    boolean fin = r.nextInt(4) != 0;
    int rsv = r.nextInt(6) == 0 ? r.nextInt(8) : 0;
    int size =
        switch (r.nextInt(10)) {
          case 0 -> 70_000 + r.nextInt(200_000); // big enough to be filled in place
          case 1, 2 -> 126 + r.nextInt(2000);
          default -> r.nextInt(126);
        };
    byte[] payload = new byte[size];
    if (opcode == Opcode.TEXT || opcode == Opcode.CONTINUATION) {
      for (int i = 0; i < size; i++) payload[i] = (byte) ('a' + r.nextInt(26));
      if (size > 0 && r.nextInt(5) == 0)
        payload[r.nextInt(size)] = (byte) (0x80 | r.nextInt(0x80)); // invalid UTF-8
    } else {
      r.nextBytes(payload);
    }
    boolean masked = r.nextBoolean();
    LengthEncoding enc =
        switch (r.nextInt(8)) {
          case 0 -> LengthEncoding.FORCE_16;
          case 1 -> LengthEncoding.FORCE_64;
          default -> LengthEncoding.MINIMAL;
        };
    SendOptions o = SendOptions.DEFAULT.withLengthEncoding(enc);
    if (!masked) o = o.unmasked();
    return FrameEncoder.encode(new Frame(fin, rsv, opcode, payload), o, r.nextInt());
  }
}
