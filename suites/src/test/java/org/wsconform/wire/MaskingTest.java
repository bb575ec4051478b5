package org.wsconform.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time masking against the RFC's definition: octet i XOR key octet (i + phase) mod 4.
 */
class MaskingTest {
  private static final long SEED = 6455L;

  private static byte[] naive(int key, int phase, byte[] src, int off, int len) {
    byte[] k = {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
    byte[] out = new byte[len];
    for (int i = 0; i < len; i++) out[i] = (byte) (src[off + i] ^ k[(i + phase) % 4]);
    return out;
  }

  @Test
  void equalsNaiveXorForSmallLengthsEveryPhase() {
    Random r = new Random(SEED);
    for (int len = 0; len <= 70; len++) {
      for (int phase = 0; phase < 4; phase++) {
        for (int round = 0; round < 3; round++) {
          int key = r.nextInt();
          int srcOff = r.nextInt(5);
          int dstOff = r.nextInt(5);
          byte[] src = new byte[srcOff + len + 3];
          r.nextBytes(src);
          byte[] dst = new byte[dstOff + len + 3];
          Masking.mask(key, phase, src, srcOff, dst, dstOff, len);
          byte[] got = Arrays.copyOfRange(dst, dstOff, dstOff + len);
          assertThat(got)
              .as("len=%d phase=%d key=%08x", len, phase, key)
              .isEqualTo(naive(key, phase, src, srcOff, len));
          // nothing written outside [dstOff, dstOff+len)
          for (int i = 0; i < dstOff; i++) assertThat(dst[i]).isZero();
          for (int i = dstOff + len; i < dst.length; i++) assertThat(dst[i]).isZero();
        }
      }
    }
  }

  @Test
  void equalsNaiveXorForLargeSizes() {
    Random r = new Random(SEED + 1);
    for (int len : new int[] {125, 126, 4096, 65535, 65536, 65537, 1 << 20}) {
      for (int phase = 0; phase < 4; phase++) {
        int key = r.nextInt();
        byte[] src = new byte[len];
        r.nextBytes(src);
        byte[] dst = new byte[len];
        Masking.mask(key, phase, src, 0, dst, 0, len);
        assertThat(dst).as("len=%d phase=%d", len, phase).isEqualTo(naive(key, phase, src, 0, len));
      }
    }
  }

  @Test
  void phaseMeansContinuingTheKeyAcrossChunks() {
    Random r = new Random(SEED + 2);
    int key = r.nextInt();
    byte[] src = new byte[1000];
    r.nextBytes(src);
    byte[] whole = new byte[src.length];
    Masking.mask(key, 0, src, 0, whole, 0, src.length);
    byte[] pieces = new byte[src.length];
    int pos = 0;
    for (int chunk : new int[] {1, 2, 3, 5, 7, 11, 13, 17, 19, 23}) {
      Masking.mask(key, pos & 3, src, pos, pieces, pos, chunk);
      pos += chunk;
    }
    Masking.mask(key, pos & 3, src, pos, pieces, pos, src.length - pos);
    assertThat(pieces).isEqualTo(whole);
  }

  @Test
  void maskTwiceIsIdentity() {
    Random r = new Random(SEED + 3);
    for (int len : new int[] {0, 1, 7, 8, 9, 63, 64, 65, 1 << 20}) {
      int key = r.nextInt();
      byte[] original = new byte[len];
      r.nextBytes(original);
      byte[] b = original.clone();
      Masking.maskInPlace(key, b, 0, len);
      if (len >= 8 && key != 0) assertThat(b).isNotEqualTo(original);
      Masking.maskInPlace(key, b, 0, len);
      assertThat(b).as("len=%d", len).isEqualTo(original);
    }
  }

  @Test
  void inPlaceWithOffsetLeavesTheRestAlone() {
    byte[] b = Hex.parse("aaaa 48656c6c6f bbbb");
    Masking.maskInPlace(0x37fa213d, b, 2, 5);
    assertThat(b).isEqualTo(Hex.parse("aaaa 7f9f4d5158 bbbb"));
  }

  @Test
  void rfcExampleKey() {
    byte[] out = new byte[5];
    Masking.mask(0x37fa213d, 0, "Hello".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 5);
    assertThat(out).isEqualTo(Hex.parse("7f9f4d5158"));
  }
}
