package org.wsconform.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsconform.wire.Hex;
import org.wsconform.wire.Violation;

/**
 * The compressor, the bounded inflater and the tracing decoder: RFC 7692 §7.2.3's golden bytes, and
 * agreement with java.util.zip (zlib) on every level and strategy.
 */
class DeflateCodecTest {
  private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);
  // RFC 7692 §7.2.3.1: one fixed-Huffman block, tail removed
  private static final String HELLO_FIXED = "f2 48 cd c9 c9 07 00";
  // §7.2.3.2: the second "Hello" with the LZ77 window shared: a literal 'H', then 4 octets from
  // distance 5 (the "ello" of the first message)
  private static final String HELLO_AGAIN = "f2 00 11 00 00";
  // §7.2.3.3: a stored block (no compression)
  private static final String HELLO_STORED = "00 05 00 fa ff 48 65 6c 6c 6f 00";
  // §7.2.3.4: BFINAL set on the block
  private static final String HELLO_BFINAL = "f3 48 cd c9 c9 07 00 00";
  // §7.2.3.5: two blocks, "He" then "llo", with an empty stored block between them
  private static final String HELLO_TWO_BLOCKS = "f2 48 05 00 00 00 ff ff ca c9 c9 07 00";

  private static byte[] h(String hex) {
    return Hex.parse(hex);
  }

  private static byte[] inflated(MessageInflater.Result r) {
    assertThat(r).isInstanceOf(MessageInflater.Inflated.class);
    return ((MessageInflater.Inflated) r).payload();
  }

  // ---------------------------------------------------------------- RFC 7692 §7.2.3 golden bytes

  @Test
  void compressorWritesTheRfcBytesForHelloAndSharesTheWindowForTheSecond() {
    MessageDeflater d = new MessageDeflater(Agreement.DEFAULT);
    assertThat(d.compress(HELLO)).isEqualTo(h(HELLO_FIXED));
    assertThat(d.compress(HELLO)).isEqualTo(h(HELLO_AGAIN));
  }

  @Test
  void compressorWithClientNoContextTakeoverStartsEveryMessageAfresh() {
    MessageDeflater d = new MessageDeflater(new Agreement(false, true, 15, 15));
    assertThat(d.compress(HELLO)).isEqualTo(h(HELLO_FIXED));
    assertThat(d.compress(HELLO)).isEqualTo(h(HELLO_FIXED));
  }

  @ParameterizedTest
  @ValueSource(strings = {HELLO_FIXED, HELLO_STORED, HELLO_BFINAL, HELLO_TWO_BLOCKS})
  void everyRfcExampleInflatesToHello(String hex) throws Exception {
    assertThat(inflated(new MessageInflater(false, 1000).inflate(h(hex)))).isEqualTo(HELLO);
    assertThat(new TracingInflater(1000).inflateMessage(h(hex)).payload()).isEqualTo(HELLO);
  }

  @Test
  void rfcExamplesHaveTheBlocksTheRfcDescribes() throws Exception {
    TracingInflater.Trace fixed = new TracingInflater(100).inflateMessage(h(HELLO_FIXED));
    assertThat(fixed.fixedBlocks()).isEqualTo(1);
    assertThat(fixed.storedBlocks()).isEqualTo(1); // the 00 00 ff ff appended on receive
    TracingInflater.Trace stored = new TracingInflater(100).inflateMessage(h(HELLO_STORED));
    assertThat(stored.storedBlocks()).isEqualTo(2);
    assertThat(stored.fixedBlocks()).isZero();
    TracingInflater.Trace two = new TracingInflater(100).inflateMessage(h(HELLO_TWO_BLOCKS));
    assertThat(two.fixedBlocks()).isEqualTo(2);
    assertThat(two.storedBlocks()).isEqualTo(2);
    TracingInflater.Trace last = new TracingInflater(100).inflateMessage(h(HELLO_BFINAL));
    assertThat(last.blocks()).isEqualTo(1); // the tail after the final block is not decoded
  }

  @Test
  void theSecondHelloReachesFiveOctetsIntoTheFirstMessage() throws Exception {
    TracingInflater t = new TracingInflater(100);
    TracingInflater.Trace first = t.inflateMessage(h(HELLO_FIXED));
    assertThat(first.maxDistance()).isZero();
    assertThat(first.backReferences()).isZero();
    TracingInflater.Trace second = t.inflateMessage(h(HELLO_AGAIN));
    assertThat(second.payload()).isEqualTo(HELLO);
    assertThat(second.maxDistance()).isEqualTo(5);
    assertThat(second.reachBeforeStart()).isEqualTo(4);
    assertThat(second.backReferences()).isEqualTo(1);

    MessageInflater m = new MessageInflater(false, 100);
    assertThat(inflated(m.inflate(h(HELLO_FIXED)))).isEqualTo(HELLO);
    assertThat(inflated(m.inflate(h(HELLO_AGAIN)))).isEqualTo(HELLO);
  }

  @Test
  void withoutContextTakeoverAReferenceIntoThePreviousMessageIsCorruptData() throws Exception {
    MessageInflater m = new MessageInflater(true, 100);
    assertThat(inflated(m.inflate(h(HELLO_FIXED)))).isEqualTo(HELLO);
    MessageInflater.Result r = m.inflate(h(HELLO_AGAIN));
    assertThat(r).isInstanceOf(MessageInflater.Failed.class);
    Violation v = ((MessageInflater.Failed) r).violation();
    assertThat(v.kind()).isEqualTo(Violation.Kind.BAD_COMPRESSED_DATA);
    assertThat(v.closeCode()).isEqualTo(1007);
    assertThat(v.rfc()).contains("RFC 7692");

    TracingInflater t = new TracingInflater(100);
    t.inflateMessage(h(HELLO_FIXED));
    t.reset();
    assertThatThrownBy(() -> t.inflateMessage(h(HELLO_AGAIN)))
        .isInstanceOf(TracingInflater.DataError.class)
        .hasMessageContaining("distance 5 reaches before the start");
  }

  @Test
  void afterAFinalBlockTheNextMessageStartsAFreshStream() throws Exception {
    MessageInflater m = new MessageInflater(false, 100);
    assertThat(inflated(m.inflate(h(HELLO_BFINAL)))).isEqualTo(HELLO);
    assertThat(inflated(m.inflate(h(HELLO_FIXED)))).isEqualTo(HELLO);
  }

  @Test
  void fragmentsAreFedAsTheyArrive() {
    // RFC 7692 §7.2.3.1: the compressed data split across two frames
    MessageInflater m = new MessageInflater(false, 100);
    assertThat(m.feed(h("f2 48 cd"), 0, 3)).isNull();
    assertThat(m.feed(h("c9 c9 07 00"), 0, 4)).isNull();
    assertThat(inflated(m.finish())).isEqualTo(HELLO);
  }

  @Test
  void anEmptyMessageRoundTrips() throws Exception {
    MessageDeflater d = new MessageDeflater(Agreement.DEFAULT);
    byte[] c = d.compress(new byte[0]);
    assertThat(c.length).isLessThanOrEqualTo(2);
    assertThat(inflated(new MessageInflater(false, 10).inflate(c))).isEmpty();
    assertThat(new TracingInflater(10).inflateMessage(c).payload()).isEmpty();
    // after a message, with the context kept, and with a small window: still one valid octet
    for (Agreement a :
        List.of(
            Agreement.DEFAULT,
            new Agreement(false, false, 15, 10),
            new Agreement(false, true, 15, 15))) {
      MessageDeflater k = new MessageDeflater(a);
      MessageInflater m = new MessageInflater(false, 100);
      TracingInflater t = new TracingInflater(100);
      for (byte[] msg : List.of(new byte[0], HELLO, new byte[0], new byte[0], HELLO, new byte[0])) {
        byte[] z = k.compress(msg);
        assertThat(z).as("%s", a).isNotEmpty();
        assertThat(inflated(m.inflate(z))).isEqualTo(msg);
        assertThat(t.inflateMessage(z).payload()).isEqualTo(msg);
      }
    }
    // RFC 7692 §7.2.3.6: a single 00 is an empty message
    assertThat(inflated(new MessageInflater(false, 10).inflate(h("00")))).isEmpty();
  }

  // ---------------------------------------------------------------- limits and corruption

  @Test
  void aDeflateBombStopsAtTheLimitWith1009() {
    byte[] zeros = new byte[64 << 20];
    Deflater z = new Deflater(9, true);
    z.setInput(zeros);
    byte[] buf = new byte[1 << 20];
    int n = z.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
    assertThat(n).isLessThan(buf.length); // 64 MiB of zeros is ~64 KiB compressed
    MessageInflater m = new MessageInflater(false, 1 << 20);
    MessageInflater.Result r = m.inflate(Arrays.copyOf(buf, n));
    assertThat(r).isInstanceOf(MessageInflater.Failed.class);
    Violation v = ((MessageInflater.Failed) r).violation();
    assertThat(v.closeCode()).isEqualTo(1009);
    assertThat(v.message()).contains("more than the harness limit of 1048576 octets");
    assertThatThrownBy(() -> new TracingInflater(1 << 20).inflateMessage(Arrays.copyOf(buf, n)))
        .hasMessageContaining("exceeds the limit");
  }

  @Test
  void aMessageExactlyAtTheLimitIsAccepted() {
    byte[] data = new byte[1000];
    new Random(1).nextBytes(data);
    byte[] c = new MessageDeflater(Agreement.DEFAULT).compress(data);
    assertThat(inflated(new MessageInflater(false, 1000).inflate(c))).isEqualTo(data);
    assertThat(new MessageInflater(false, 999).inflate(c))
        .isInstanceOf(MessageInflater.Failed.class);
  }

  @Test
  void corruptDataIs1007() {
    // block type 3 is reserved (RFC 1951 §3.2.3)
    MessageInflater.Result r = new MessageInflater(false, 100).inflate(h("ff ff ff"));
    assertThat(((MessageInflater.Failed) r).violation().kind())
        .isEqualTo(Violation.Kind.BAD_COMPRESSED_DATA);
    assertThatThrownBy(() -> new TracingInflater(100).inflateMessage(h("07")))
        .isInstanceOf(TracingInflater.DataError.class)
        .hasMessageContaining("invalid block type 3");
    assertThatThrownBy(() -> new TracingInflater(100).inflateMessage(h("00 05 00 fb ff 48")))
        .hasMessageContaining("does not match NLEN");
  }

  @Test
  void afterCorruptDataTheInflaterStartsOverCleanly() {
    MessageInflater m = new MessageInflater(false, 100);
    assertThat(m.inflate(h("ff ff ff"))).isInstanceOf(MessageInflater.Failed.class);
    assertThat(inflated(m.inflate(h(HELLO_FIXED)))).isEqualTo(HELLO);
  }

  // ---------------------------------------------------------------- windows

  @Test
  void aSmallerAgreedClientWindowMeansLiteralsOnly() throws Exception {
    byte[] text = repetitiveText(50_000, 3);
    MessageDeflater d = new MessageDeflater(new Agreement(false, false, 15, 9));
    assertThat(d.usesBackReferences()).isFalse();
    TracingInflater t = new TracingInflater(1 << 20);
    for (int i = 0; i < 3; i++) {
      byte[] c = d.compress(text);
      assertThat(c.length).isLessThan(text.length * 3 / 4); // Huffman-only still compresses text
      TracingInflater.Trace tr = t.inflateMessage(c);
      assertThat(tr.payload()).isEqualTo(text);
      assertThat(tr.backReferences()).isZero();
    }
  }

  @Test
  void dataLevelOneCannotShrinkIsHuffmanCodedUntilTheNextProbe() throws Exception {
    Random r = new Random(8);
    for (boolean noContext : new boolean[] {true, false}) {
      MessageDeflater d = new MessageDeflater(new Agreement(false, noContext, 15, 15));
      TracingInflater t = new TracingInflater(1 << 20);
      MessageInflater m = new MessageInflater(false, 1 << 20);
      assertThat(d.literalsOnly()).isFalse();
      byte[] noise = randomBytes(r, 5000);
      check(d, t, m, noise);
      assertThat(d.literalsOnly()).as("after incompressible data").isTrue();
      byte[] text = repetitiveText(5000, 2);
      for (int i = 1; i < MessageDeflater.PROBE_EVERY; i++) {
        assertThat(check(d, t, m, text).backReferences()).isZero();
      }
      // the probe: level 1 again, and text keeps it
      assertThat(check(d, t, m, text).backReferences()).isPositive();
      assertThat(d.literalsOnly()).isFalse();
      assertThat(check(d, t, m, text).backReferences()).isPositive();
      // short messages say nothing about the data
      check(d, t, m, randomBytes(r, MessageDeflater.PROBE_MIN - 1));
      assertThat(d.literalsOnly()).isFalse();
    }
  }

  private static TracingInflater.Trace check(
      MessageDeflater d, TracingInflater t, MessageInflater m, byte[] msg) throws Exception {
    byte[] c = d.compress(msg);
    TracingInflater.Trace tr = t.inflateMessage(c);
    assertThat(tr.payload()).isEqualTo(msg);
    assertThat(inflated(m.inflate(c))).isEqualTo(msg);
    return tr;
  }

  @Test
  void withContextTakeoverTheCompressorReachesIntoEarlierMessages() throws Exception {
    byte[] text = repetitiveText(2000, 5);
    MessageDeflater keep = new MessageDeflater(Agreement.DEFAULT);
    MessageDeflater fresh = new MessageDeflater(new Agreement(false, true, 15, 15));
    TracingInflater tk = new TracingInflater(1 << 20);
    TracingInflater tf = new TracingInflater(1 << 20);
    tk.inflateMessage(keep.compress(text));
    tf.inflateMessage(fresh.compress(text));
    TracingInflater.Trace k = tk.inflateMessage(keep.compress(text));
    TracingInflater.Trace f = tf.inflateMessage(fresh.compress(text));
    assertThat(k.payload()).isEqualTo(text);
    assertThat(f.payload()).isEqualTo(text);
    assertThat(k.reachBeforeStart()).isPositive();
    assertThat(f.reachBeforeStart()).isZero();
  }

  @Test
  void theTraceNamesTheFarthestDistance() throws Exception {
    // 20000 random octets twice: the second copy can only come from distance 20000
    byte[] block = new byte[20_000];
    new Random(7).nextBytes(block);
    byte[] data = new byte[40_000];
    System.arraycopy(block, 0, data, 0, 20_000);
    System.arraycopy(block, 0, data, 20_000, 20_000);
    TracingInflater.Trace t =
        new TracingInflater(1 << 20)
            .inflateMessage(new MessageDeflater(Agreement.DEFAULT).compress(data));
    assertThat(t.payload()).isEqualTo(data);
    assertThat(t.maxDistance()).isEqualTo(20_000);
    assertThat(t.fitsWindow(15)).isTrue();
    assertThat(t.fitsWindow(14)).isFalse();
    assertThat(t.reachBeforeStart()).isZero();
  }

  @Test
  void severalBlocksAcrossFragmentsInflateAsOneMessage() throws Exception {
    byte[] text = repetitiveText(10_000, 11);
    byte[] c = new MessageDeflater(Agreement.DEFAULT).compress(text, 0, text.length, 1000);
    TracingInflater.Trace t = new TracingInflater(1 << 20).inflateMessage(c);
    assertThat(t.payload()).isEqualTo(text);
    assertThat(t.storedBlocks()).isEqualTo(10); // one empty stored block per sync flush
    MessageInflater m = new MessageInflater(false, 1 << 20);
    for (int i = 0; i < c.length; i += 100) {
      assertThat(m.feed(c, i, Math.min(100, c.length - i))).isNull();
    }
    assertThat(inflated(m.finish())).isEqualTo(text);
  }

  // ---------------------------------------------------------------- agreement with zlib

  @Test
  void theTracingDecoderAgreesWithZlibOnEveryLevelAndStrategy() throws Exception {
    Random r = new Random(42);
    int[] strategies = {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY};
    for (int kind = 0; kind < 4; kind++) {
      byte[] data =
          switch (kind) {
            case 0 -> randomBytes(r, 70_000);
            case 1 -> repetitiveText(120_000, r.nextInt());
            case 2 -> new byte[100_000]; // long runs: distance 1 references
            default -> skewed(r, 90_000);
          };
      for (int level = 0; level <= 9; level++) {
        for (int strategy : strategies) {
          for (boolean wrapFinal : new boolean[] {true, false}) {
            byte[] c = zlib(data, level, strategy, wrapFinal);
            TracingInflater.Trace t = new TracingInflater(1 << 20).inflateRaw(c, 0, c.length);
            assertThat(t.payload())
                .as("kind %d level %d strategy %d", kind, level, strategy)
                .isEqualTo(data);
            assertThat(t.payload()).isEqualTo(zlibInflate(c, data.length));
            assertThat(t.maxDistance()).isLessThanOrEqualTo(1 << 15);
            if (strategy == Deflater.HUFFMAN_ONLY || level == 0)
              assertThat(t.backReferences()).isZero();
          }
        }
      }
    }
  }

  @Test
  void aStreamOfMessagesWithContextDecodesLikeZlib() throws Exception {
    Random r = new Random(3);
    MessageDeflater d = new MessageDeflater(Agreement.DEFAULT);
    TracingInflater t = new TracingInflater(1 << 20);
    MessageInflater m = new MessageInflater(false, 1 << 20);
    for (int i = 0; i < 200; i++) {
      byte[] msg = repetitiveText(r.nextInt(3000), i % 7);
      byte[] c = d.compress(msg);
      assertThat(t.inflateMessage(c).payload()).isEqualTo(msg);
      assertThat(inflated(m.inflate(c))).isEqualTo(msg);
    }
  }

  private static byte[] zlib(byte[] data, int level, int strategy, boolean finish) {
    Deflater z = new Deflater(level, true);
    z.setStrategy(strategy);
    z.setInput(data);
    if (finish) z.finish();
    byte[] out = new byte[data.length * 2 + 1024];
    int n = 0;
    while (true) {
      int k = z.deflate(out, n, out.length - n, finish ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
      n += k;
      if (finish ? z.finished() : k == 0 && z.needsInput()) break;
    }
    z.end();
    return Arrays.copyOf(out, n);
  }

  private static byte[] zlibInflate(byte[] c, int size) throws Exception {
    Inflater i = new Inflater(true);
    i.setInput(c);
    byte[] out = new byte[size];
    int n = 0;
    while (n < size) {
      int k = i.inflate(out, n, size - n);
      if (k == 0) break;
      n += k;
    }
    i.end();
    return Arrays.copyOf(out, n);
  }

  private static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] skewed(Random r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (r.nextGaussian() * 6);
    return b;
  }

  static byte[] repetitiveText(int n, int seed) {
    String[] words = {
      "permessage",
      "deflate",
      "window",
      "the",
      "server",
      "echo",
      "frame",
      "{\"id\":",
      "message",
      "\n"
    };
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder(n + 16);
    while (sb.length() < n) sb.append(words[r.nextInt(words.length)]).append(' ');
    return sb.substring(0, n).getBytes(StandardCharsets.US_ASCII);
  }
}
