package org.wsconform.deflate;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Violation;

/**
 * Inflates the server's compressed messages (RFC 7692 §7.2.2): the frames' payloads are fed as they
 * arrive, {@code 00 00 ff ff} is appended at the end of the message, the context is kept across
 * messages unless {@code server_no_context_takeover} was agreed. Output is bounded: a message
 * inflating beyond the limit (a deflate bomb) stops with a 1009 violation before more than the
 * limit is allocated, and corrupt data with a 1007 one ({@link
 * Violation.Kind#BAD_COMPRESSED_DATA}).
 *
 * <p>java.util.zip's Inflater accepts every window size (8–15 bits) a server may use, so no window
 * needs to be set. One Inflater and one output buffer serve the whole connection.
 */
public final class MessageInflater {
  private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

  /** One message's result. */
  public sealed interface Result permits Inflated, Failed {}

  public record Inflated(byte[] payload) implements Result {}

  public record Failed(Violation violation) implements Result {}

  private final Inflater inflater = new Inflater(true);
  private final boolean noContextTakeover;
  private final long maxMessage;
  private byte[] out = new byte[8192];
  private int n;
  private boolean started;
  private boolean ended; // a block with BFINAL set ended the deflate stream inside this message

  /**
   * @param noContextTakeover a fresh context per message (server_no_context_takeover agreed)
   * @param maxMessage the largest inflated message accepted (RunSettings.maxMessage)
   */
  public MessageInflater(boolean noContextTakeover, long maxMessage) {
    this.noContextTakeover = noContextTakeover;
    this.maxMessage = maxMessage;
  }

  /**
   * Feeds one frame's payload of the current message; a violation ends the message (null = fine).
   */
  public Violation feed(byte[] b, int off, int len) {
    if (!started) {
      started = true;
      n = 0;
      if (noContextTakeover) inflater.reset();
    }
    if (ended) return null; // data after the final block is ignored, as zlib does
    inflater.setInput(b, off, len);
    try {
      while (true) {
        if (n == out.length) {
          if (n > maxMessage) return tooLarge();
          out = Arrays.copyOf(out, (int) Math.min(Math.max(out.length * 2L, 8192), maxMessage + 1));
        }
        int k = inflater.inflate(out, n, out.length - n);
        n += k;
        if (n > maxMessage) return tooLarge();
        if (inflater.finished()) {
          ended = true;
          return null;
        }
        if (inflater.needsDictionary()) return corrupt("a preset dictionary is asked for");
        if (k == 0) {
          if (inflater.needsInput()) return null;
          if (n < out.length) return corrupt("the inflater made no progress");
        }
      }
    } catch (DataFormatException e) {
      return corrupt(e.getMessage());
    }
  }

  /** Ends the current message (appends the tail) and returns it; the next feed starts a new one. */
  public Result finish() {
    Violation v = feed(TAIL, 0, TAIL.length);
    boolean streamEnded = ended;
    started = false;
    ended = false;
    if (v != null) {
      inflater.reset();
      return new Failed(v);
    }
    // after a final block zlib's stream is over: the next message starts a fresh one
    if (streamEnded) inflater.reset();
    byte[] payload = Arrays.copyOf(out, n);
    if (out.length > (1 << 20)) out = new byte[8192]; // give a big message's buffer back
    return new Inflated(payload);
  }

  /** A whole message at once. */
  public Result inflate(byte[] compressed) {
    Violation v = feed(compressed, 0, compressed.length);
    if (v != null) {
      started = false;
      ended = false;
      inflater.reset();
      return new Failed(v);
    }
    return finish();
  }

  /** Forgets the message in progress after a violation (the connection is failing anyway). */
  public void abort() {
    started = false;
    ended = false;
    inflater.reset();
  }

  private Violation tooLarge() {
    return new Violation(
        Violation.Kind.MESSAGE_TOO_LARGE,
        CloseCode.MESSAGE_TOO_BIG,
        "compressed message inflates to more than the harness limit of " + maxMessage + " octets",
        "RFC 7692 §7.2.2, RFC 6455 §10.4");
  }

  private static Violation corrupt(String why) {
    return new Violation(
        Violation.Kind.BAD_COMPRESSED_DATA,
        CloseCode.INVALID_PAYLOAD,
        "compressed message cannot be inflated (" + why + ")",
        "RFC 7692 §7.2.2");
  }

  /** Frees zlib's native memory now rather than at garbage collection. */
  public void close() {
    inflater.end();
  }
}
