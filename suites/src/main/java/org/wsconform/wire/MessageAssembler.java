package org.wsconform.wire;

import java.util.Arrays;

/**
 * The semantic layer above {@link FrameDecoder}: fragmentation order (§5.4) and UTF-8 of text
 * messages (§8.1), checked as each data frame arrives. Control frames pass through untouched.
 *
 * <p>A message is held in one buffer that grows as frames arrive and is handed over as it is when
 * it fills exactly (the common single-frame case: no copy at all). With {@code streamCompressed}, a
 * compressed message (RSV1 on its first frame, RFC 7692 §6) is not held at all: each frame's
 * payload is handed on as a {@link CompressedPart} for the caller to inflate as it arrives, so a
 * big compressed message is never in memory twice.
 */
public final class MessageAssembler {
  /** What one data frame did to the message in progress. */
  public sealed interface Step permits Partial, Complete, Broken, CompressedPart {}

  public record Partial() implements Step {}

  public record Complete(boolean binary, byte[] payload, boolean compressed) implements Step {}

  public record Broken(Violation violation) implements Step {}

  /**
   * One frame's payload of a compressed message (only with {@code streamCompressed}).
   *
   * @param first the message's first frame: a fresh message starts here
   * @param fin the message's last frame: inflate and deliver now
   */
  public record CompressedPart(boolean binary, byte[] payload, boolean first, boolean fin)
      implements Step {}

  private static final byte[] EMPTY = new byte[0];

  private final long maxMessage;
  private final boolean streamCompressed;
  private boolean open;
  private boolean binary;
  private boolean compressed;
  private byte[] data = EMPTY;
  private int size;
  private long compressedSize;
  private final Utf8Validator utf8 = new Utf8Validator();

  public MessageAssembler(long maxMessage) {
    this(maxMessage, false);
  }

  public MessageAssembler(long maxMessage, boolean streamCompressed) {
    this.maxMessage = maxMessage;
    this.streamCompressed = streamCompressed;
  }

  public boolean isOpen() {
    return open;
  }

  /**
   * Takes one data frame (opcode 0, 1 or 2).
   *
   * @param validateUtf8 false when the payload is compressed: UTF-8 is then checked after
   *     inflating, by the caller
   */
  public Step accept(Frame f, boolean validateUtf8) {
    boolean first = f.opcode() != Opcode.CONTINUATION;
    if (!first) {
      if (!open) {
        return new Broken(
            new Violation(
                Violation.Kind.CONTINUATION_WITHOUT_MESSAGE,
                CloseCode.PROTOCOL_ERROR,
                "continuation frame with no message to continue",
                "RFC 6455 §5.4"));
      }
    } else {
      if (open) {
        return new Broken(
            new Violation(
                Violation.Kind.DATA_FRAME_INSIDE_MESSAGE,
                CloseCode.PROTOCOL_ERROR,
                Opcode.name(f.opcode()) + " frame while a fragmented message is still open",
                "RFC 6455 §5.4"));
      }
      open = true;
      binary = f.opcode() == Opcode.BINARY;
      compressed = (f.rsv() & 4) != 0;
      data = EMPTY;
      size = 0;
      compressedSize = 0;
      utf8.reset();
    }
    byte[] p = f.payload();
    if (compressed && streamCompressed) {
      compressedSize += p.length;
      if (compressedSize > maxMessage) {
        open = false;
        return tooLarge();
      }
      if (f.fin()) open = false;
      return new CompressedPart(binary, p, first, f.fin());
    }
    if ((long) size + p.length > maxMessage) {
      open = false;
      data = EMPTY;
      return tooLarge();
    }
    append(p);
    if (!binary && validateUtf8 && !compressed && !utf8.update(p)) {
      return new Broken(invalidUtf8(utf8.failedAt()));
    }
    if (!f.fin()) return new Partial();
    open = false;
    if (!binary && validateUtf8 && !compressed && !utf8.isComplete()) {
      return new Broken(invalidUtf8(size));
    }
    byte[] payload = size == data.length ? data : Arrays.copyOf(data, size);
    data = EMPTY;
    size = 0;
    return new Complete(binary, payload, compressed);
  }

  private void append(byte[] p) {
    if (size == 0
        && data.length == 0) { // the first frame's payload is the message so far: keep it, no copy
      data = p;
      size = p.length;
      return;
    }
    if (size + p.length > data.length) {
      long grown = Math.max((long) size + p.length, Math.min((long) data.length * 2, maxMessage));
      data = Arrays.copyOf(data, (int) Math.max(grown, 256));
    }
    System.arraycopy(p, 0, data, size, p.length);
    size += p.length;
  }

  private Broken tooLarge() {
    return new Broken(
        new Violation(
            Violation.Kind.MESSAGE_TOO_LARGE,
            CloseCode.MESSAGE_TOO_BIG,
            "message larger than the harness limit of " + maxMessage + " octets",
            "RFC 6455 §10.4"));
  }

  public static Violation invalidUtf8(long at) {
    return new Violation(
        Violation.Kind.INVALID_UTF8_TEXT,
        CloseCode.INVALID_PAYLOAD,
        "text message is not valid UTF-8 (at octet " + at + ")",
        "RFC 6455 §8.1");
  }
}
