package org.wsconform.deflate;

/**
 * A small pure-Java RFC 1951 decoder (stored, fixed and dynamic Huffman blocks) that notes every
 * back-reference's distance, so that a case can check what the server agreed to: after
 * {@code server_max_window_bits=N} no distance exceeds 2^N, and after
 * {@code server_no_context_takeover} no distance reaches before the message's start.
 * java.util.zip.Inflater cannot say this. Slower than zlib: only for the cases that check.
 *
 * <p>Like a permessage-deflate receiver, it keeps the history across messages until
 * {@link #reset()}, so a reference into an earlier message is decoded, and reported.
 */
public final class TracingInflater {
  /**
   * What one message's data did.
   *
   * @param payload          the inflated octets
   * @param maxDistance      the largest back-reference distance used (0 when none)
   * @param reachBeforeStart how many octets before the message's first octet the farthest
   *                         reference reached (0 when all stayed inside the message)
   * @param storedBlocks     blocks of type 00
   * @param fixedBlocks      blocks of type 01
   * @param dynamicBlocks    blocks of type 10
   * @param backReferences   how many back-references were decoded
   */
  public record Trace(byte[] payload, int maxDistance, long reachBeforeStart, int storedBlocks, int fixedBlocks,
      int dynamicBlocks, long backReferences) {}

  /** Corrupt or truncated deflate data, with the bit position where decoding failed. */
  public static final class DataError extends Exception {
    public DataError(String message) {
      super(message);
    }
  }

  /** @param maxOutput the largest message it inflates (a deflate bomb stops with a DataError) */
  public TracingInflater(long maxOutput) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Inflates one permessage-deflate message (the {@code 00 00 ff ff} tail is appended here). */
  public Trace inflateMessage(byte[] compressed) throws DataError {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Inflates raw deflate data as it is (no tail appended), up to its final block or its end,
   * within the same history.
   */
  public Trace inflateRaw(byte[] data, int off, int len) throws DataError {
    throw new UnsupportedOperationException("TODO");
  }

  /** Forgets the history: the next message starts with an empty window. */
  public void reset() {
    throw new UnsupportedOperationException("TODO");
  }
}
