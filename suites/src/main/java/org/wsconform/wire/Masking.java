package org.wsconform.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * RFC 6455 §5.3 masking. The 32-bit key is widened to a 64-bit word and XORed eight octets at a
 * time, then the tail octet by octet: Netty's trick, tuned further because the harness must never
 * be the bottleneck on 16 MiB messages (scripts/bench-codec compares the two):
 *
 * <ul>
 *   <li>the words are read and written in the machine's own byte order, with the key word turned to
 *       match, so no byte swap is spent on each word (XOR does not care about order as long as
 *       payload and key agree);
 *   <li>the main loop takes 64 octets per turn, eight independent words, which C2 does not do by
 *       itself for view-handle accesses: it roughly doubles the rate on 64 KiB and 16 MiB payloads.
 * </ul>
 */
public final class Masking {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
  private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

  private Masking() {}

  /**
   * XORs {@code len} octets of {@code src} from {@code srcOff} into {@code dst} at {@code dstOff}
   * with the key, where the first octet is at position {@code phase} (0–3) of the key. {@code src}
   * and {@code dst} may be the same array at the same offset (masking in place).
   */
  public static void mask(
      int key, int phase, byte[] src, int srcOff, byte[] dst, int dstOff, int len) {
    int rotated = Integer.rotateLeft(key, 8 * (phase & 3));
    long wide = ((long) rotated << 32) | (rotated & 0xffffffffL);
    if (LITTLE_ENDIAN) wide = Long.reverseBytes(wide);
    int i = 0;
    for (; i + 64 <= len; i += 64) {
      int s = srcOff + i;
      int d = dstOff + i;
      // Each word is read before it is written, so masking in place is safe.
      LONGS.set(dst, d, (long) LONGS.get(src, s) ^ wide);
      LONGS.set(dst, d + 8, (long) LONGS.get(src, s + 8) ^ wide);
      LONGS.set(dst, d + 16, (long) LONGS.get(src, s + 16) ^ wide);
      LONGS.set(dst, d + 24, (long) LONGS.get(src, s + 24) ^ wide);
      LONGS.set(dst, d + 32, (long) LONGS.get(src, s + 32) ^ wide);
      LONGS.set(dst, d + 40, (long) LONGS.get(src, s + 40) ^ wide);
      LONGS.set(dst, d + 48, (long) LONGS.get(src, s + 48) ^ wide);
      LONGS.set(dst, d + 56, (long) LONGS.get(src, s + 56) ^ wide);
    }
    for (; i + 8 <= len; i += 8) {
      LONGS.set(dst, dstOff + i, (long) LONGS.get(src, srcOff + i) ^ wide);
    }
    if (i + 4 <= len) {
      // i is a multiple of 8 here, so the word's first four octets are the key's four in order.
      INTS.set(dst, dstOff + i, (int) INTS.get(src, srcOff + i) ^ (int) wide);
      i += 4;
    }
    // The rotated key already holds the phase: octet i takes its octet i mod 4.
    for (; i < len; i++) {
      int shift = 24 - 8 * (i & 3);
      dst[dstOff + i] = (byte) (src[srcOff + i] ^ (rotated >>> shift));
    }
  }

  /** Masks (or unmasks) in place from key phase 0. */
  public static void maskInPlace(int key, byte[] b, int off, int len) {
    mask(key, 0, b, off, b, off, len);
  }
}
