package org.wsconform.deflate;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses the messages the harness sends, honouring what was agreed for the client side
 * (RFC 7692 §7.2.1): raw deflate ended by a sync flush whose {@code 00 00 ff ff} tail is removed,
 * the context kept across messages unless {@code client_no_context_takeover} was agreed.
 *
 * <p>The window: java.util.zip's Deflater always uses a 32 KiB window (zlib's windowBits 15 is
 * fixed in the JDK), so it is only used as it is when the agreed client window is 15. For a
 * smaller agreed window we keep Deflater but with the HUFFMAN_ONLY strategy: literals only, no
 * back-reference at all, which is valid under every window size and still compresses text about
 * 1.6:1. We chose this over JZlib (which can set any window) because it keeps the JDK's native,
 * fast zlib on the hot path (12.* and 13.* compress ~11 GB) and adds no dependency; the cost is
 * a poorer ratio only in the rare sessions where a server limits our window.
 *
 * <p>Cheap on purpose (issue 8: the harness must use at most half the server's CPU): the fastest
 * level, one Deflater for the whole connection (reset, never re-created), one reused output
 * buffer, and one copy into the exact-length payload.
 *
 * <p>One instance per connection; not thread-safe (the Fuzzer's reactor is its only user).
 */
public final class MessageDeflater {
  private final Deflater deflater;
  private final boolean noContextTakeover;
  private final boolean backReferences;
  private byte[] out = new byte[8192];

  public MessageDeflater(Agreement agreement) {
    this.noContextTakeover = agreement.clientNoContextTakeover();
    this.backReferences = agreement.clientMaxWindowBits() == 15;
    this.deflater = new Deflater(Deflater.BEST_SPEED, true);
    if (!backReferences) deflater.setStrategy(Deflater.HUFFMAN_ONLY);
  }

  /** The compressed payload of one message (without the {@code 00 00 ff ff} tail). */
  public byte[] compress(byte[] message) {
    return compress(message, 0, message.length, 0);
  }

  /**
   * As {@link #compress(byte[])}, but with a sync flush after every {@code blockSize} input octets
   * (0 = one flush at the end), so the message is several deflate blocks that can be split
   * across frames at block boundaries.
   */
  public byte[] compress(byte[] message, int off, int len, int blockSize) {
    if (noContextTakeover) deflater.reset();
    int n = 0;
    int step = blockSize > 0 ? blockSize : Math.max(len, 1);
    int p = off;
    int end = off + len;
    do {
      int chunk = Math.min(step, end - p);
      deflater.setInput(message, p, chunk);
      p += chunk;
      n = flush(n);
    } while (p < end);
    // a sync flush ends with an empty stored block; RFC 7692 §7.2.1 removes its 00 00 ff ff
    if (n >= 4 && out[n - 4] == 0 && out[n - 3] == 0 && out[n - 2] == (byte) 0xff && out[n - 1] == (byte) 0xff) n -= 4;
    byte[] payload = Arrays.copyOf(out, n);
    if (out.length > (1 << 20)) out = new byte[8192]; // give a big message's buffer back
    return payload;
  }

  /** Deflates all pending input with SYNC_FLUSH into {@link #out} from {@code n}; the new length. */
  private int flush(int n) {
    while (true) {
      if (out.length - n < 64) out = Arrays.copyOf(out, out.length * 2);
      int k = deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
      n += k;
      // SYNC_FLUSH is complete once deflate leaves room in the buffer (java.util.zip.Deflater#deflate)
      if (n < out.length && deflater.needsInput()) return n;
    }
  }

  /** Whether back-references are used (window 15) or only literals (a smaller agreed window). */
  public boolean usesBackReferences() {
    return backReferences;
  }

  /** Frees zlib's native memory now rather than at garbage collection. */
  public void close() {
    deflater.end();
  }
}
