package org.wsconform.cases.limits;

import java.util.Arrays;

/**
 * A short pattern repeated to any length: slices of it, and a comparison of a received message with
 * it, without ever building the whole message.
 */
final class Repeating {
  private final byte[] pattern;

  /** Whole periods of the pattern, about 64 KiB: the unit of comparison. */
  private final byte[] template;

  Repeating(byte[] pattern) {
    if (pattern.length == 0)
      throw new IllegalArgumentException("an empty pattern repeats to nothing");
    this.pattern = pattern.clone();
    this.template = slice(0, (65536 / pattern.length) * pattern.length);
  }

  /** Octets {@code from} … {@code from + n - 1} of the pattern repeated without end. */
  byte[] slice(long from, int n) {
    byte[] out = new byte[n];
    int p = pattern.length;
    int phase = (int) (from % p);
    int first = Math.min(n, p);
    for (int i = 0; i < first; i++) out[i] = pattern[(phase + i) % p];
    // doubling copies of whole periods keep the phase
    for (int filled = first; filled < n; filled *= 2) {
      System.arraycopy(out, 0, out, filled, Math.min(filled, n - filled));
    }
    return out;
  }

  /** The first octet at which {@code message} differs from the pattern repeated, or -1. */
  long firstDifference(byte[] message) {
    for (int off = 0; off < message.length; off += template.length) {
      int n = Math.min(template.length, message.length - off);
      int at = Arrays.mismatch(message, off, off + n, template, 0, n);
      if (at >= 0) return off + at;
    }
    return -1;
  }
}
