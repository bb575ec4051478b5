package org.wsconform.deflate;

import org.wsconform.wire.Violation;

/**
 * Inflates the server's compressed messages (RFC 7692 §7.2.2): the frames' payloads are fed as
 * they arrive, {@code 00 00 ff ff} is appended at the end of the message, the context is kept
 * across messages unless {@code server_no_context_takeover} was agreed. Output is bounded: a
 * message inflating beyond the limit (a deflate bomb) stops with a 1009 violation, and
 * corrupt data with a 1007 one ({@link Violation.Kind#BAD_COMPRESSED_DATA}).
 */
public final class MessageInflater {
  /** One message's result. */
  public sealed interface Result permits Inflated, Failed {}

  public record Inflated(byte[] payload) implements Result {}

  public record Failed(Violation violation) implements Result {}

  /**
   * @param noContextTakeover a fresh context per message (server_no_context_takeover agreed)
   * @param maxMessage        the largest inflated message accepted (RunSettings.maxMessage)
   */
  public MessageInflater(boolean noContextTakeover, long maxMessage) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Feeds one frame's payload of the current message; a violation ends the message (null = fine). */
  public Violation feed(byte[] b, int off, int len) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Ends the current message (appends the tail) and returns it; the next feed starts a new one. */
  public Result finish() {
    throw new UnsupportedOperationException("TODO");
  }

  /** A whole message at once. */
  public Result inflate(byte[] compressed) {
    Violation v = feed(compressed, 0, compressed.length);
    return v != null ? new Failed(v) : finish();
  }

  public void close() {}
}
