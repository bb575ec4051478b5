package org.wsconform.deflate;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses the messages the harness sends, honouring what was agreed for the client side (RFC
 * 7692 §7.2.1): raw deflate ended by a sync flush whose {@code 00 00 ff ff} tail is removed, the
 * context kept across messages unless {@code client_no_context_takeover} was agreed.
 *
 * <p>The window: java.util.zip's Deflater always uses a 32 KiB window (zlib's windowBits 15 is
 * fixed in the JDK), so it is only used as it is when the agreed client window is 15. For a smaller
 * agreed window we keep Deflater but with the HUFFMAN_ONLY strategy: literals only, no
 * back-reference at all, which is valid under every window size and still compresses text about
 * 1.6:1. We chose this over JZlib (which can set any window) because it keeps the JDK's native,
 * fast zlib on the hot path (12.* and 13.* compress ~11 GB) and adds no dependency; the cost is a
 * poorer ratio only in the rare sessions where a server limits our window.
 *
 * <p>Cheap on purpose (issue 8: the harness must use at most half the server's CPU): the fastest
 * level, one Deflater for the whole connection (reset, never re-created), one reused output buffer,
 * and one copy into the exact-length payload. And where back-references do not pay: when a message
 * of at least {@value #PROBE_MIN} octets shrinks by less than a third at level 1 (a bitmap, a PDF),
 * the following messages are Huffman-coded only, which costs a third of level 1's CPU on such data
 * for a ratio only a few percent worse; every {@value #PROBE_EVERY}th message tries level 1 again.
 * The choice depends only on the messages, so a sequence compresses the same way every time.
 *
 * <p>One instance per connection; not thread-safe (the session's reactor is its only user).
 */
public final class MessageDeflater {
  private final Deflater deflater;
  private final boolean noContextTakeover;
  private final boolean backReferences;
  private byte[] out = new byte[8192];
  static final int PROBE_MIN = 1024;
  static final int PROBE_EVERY = 64;
  private boolean literalsOnly;
  private int sinceProbe;

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
   * (0 = one flush at the end), so the message is several deflate blocks that can be split across
   * frames at block boundaries.
   */
  public byte[] compress(byte[] message, int off, int len, int blockSize) {
    if (noContextTakeover) deflater.reset();
    int n = 0;
    if (backReferences && literalsOnly && ++sinceProbe >= PROBE_EVERY) literals(false);
    if (literalsOnly != strategyHuffman) n = applyStrategy();
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
    if (n >= 4
        && out[n - 4] == 0
        && out[n - 3] == 0
        && out[n - 2] == (byte) 0xff
        && out[n - 1] == (byte) 0xff) n -= 4;
    if (n == 0) {
      // zlib writes nothing for an empty message right after a sync flush, but an empty payload
      // plus the receiver's 00 00 ff ff is not deflate data: one 00 octet makes it an empty
      // stored block (RFC 7692 §7.2.3.6), valid at the byte boundary the last flush left
      if (out.length == 0) out = new byte[8192];
      out[0] = 0;
      n = 1;
    }
    if (backReferences && !literalsOnly && len >= PROBE_MIN && 3L * n > 2L * len)
      literals(true); // from the next message on
    byte[] payload = Arrays.copyOf(out, n);
    if (out.length > (1 << 20)) out = new byte[8192]; // give a big message's buffer back
    return payload;
  }

  /**
   * Deflates all pending input with SYNC_FLUSH into {@link #out} from {@code n}; the new length.
   */
  private int flush(int n) {
    while (true) {
      if (out.length - n < 64) out = Arrays.copyOf(out, out.length * 2);
      int k = deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
      n += k;
      // complete once a call has nothing more to give: a repeated SYNC_FLUSH with no new input
      // writes nothing (zlib), while a call that only applied new parameters may have stopped
      // short of the flush
      if (k == 0 && deflater.needsInput()) return n;
    }
  }

  private void literals(boolean on) {
    literalsOnly = on;
    sinceProbe = 0;
  }

  /**
   * Switches the Deflater's strategy at the start of a message, before its input is set, so that
   * the whole message is coded the new way (the JDK applies new parameters in a deflate call of
   * their own; with input pending zlib would code part of it the old way). After the previous
   * message's sync flush nothing is pending, so this writes nothing, but whatever it writes is
   * kept.
   */
  private int applyStrategy() {
    strategyHuffman = literalsOnly;
    deflater.setStrategy(literalsOnly ? Deflater.HUFFMAN_ONLY : Deflater.DEFAULT_STRATEGY);
    deflater.setInput(NO_INPUT);
    return flush(0);
  }

  private boolean strategyHuffman;

  private static final byte[] NO_INPUT = new byte[0];

  /** Whether back-references may be used (window 15) or only literals (a smaller agreed window). */
  public boolean usesBackReferences() {
    return backReferences;
  }

  /**
   * Whether the next message is Huffman-coded only (a small window, or data level 1 did not
   * shrink).
   */
  public boolean literalsOnly() {
    return !backReferences || literalsOnly;
  }

  /** Frees zlib's native memory now rather than at garbage collection. */
  public void close() {
    deflater.end();
  }
}
