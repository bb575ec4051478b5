package org.wsconform.deflate;

/**
 * Compresses the messages the harness sends, honouring what was agreed for the client side
 * (RFC 7692 §7.2.1): raw deflate, ended by a sync flush whose {@code 00 00 ff ff} tail is removed.
 * One instance per connection; not thread-safe (the Fuzzer's reactor is its only user).
 */
public final class MessageDeflater {
  public MessageDeflater(Agreement agreement) {
    throw new UnsupportedOperationException("TODO");
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
    throw new UnsupportedOperationException("TODO");
  }

  /** Whether back-references are used (window 15) or only literals (a smaller agreed window). */
  public boolean usesBackReferences() {
    throw new UnsupportedOperationException("TODO");
  }

  public void close() {}
}
