package org.wsconform.wire;

import java.io.ByteArrayOutputStream;

/**
 * The semantic layer above {@link FrameDecoder}: fragmentation order (§5.4) and UTF-8 of text
 * messages (§8.1), checked as each data frame arrives. Control frames pass through untouched.
 */
public final class MessageAssembler {
  /** What one data frame did to the message in progress. */
  public sealed interface Step permits Partial, Complete, Broken {}

  public record Partial() implements Step {}

  public record Complete(boolean binary, byte[] payload, boolean compressed) implements Step {}

  public record Broken(Violation violation) implements Step {}

  private final long maxMessage;
  private boolean open;
  private boolean binary;
  private boolean compressed;
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private final Utf8Validator utf8 = new Utf8Validator();

  public MessageAssembler(long maxMessage) {
    this.maxMessage = maxMessage;
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
    if (f.opcode() == Opcode.CONTINUATION) {
      if (!open) {
        return new Broken(new Violation(Violation.Kind.CONTINUATION_WITHOUT_MESSAGE, CloseCode.PROTOCOL_ERROR,
            "continuation frame with no message to continue", "RFC 6455 §5.4"));
      }
    } else {
      if (open) {
        return new Broken(new Violation(Violation.Kind.DATA_FRAME_INSIDE_MESSAGE, CloseCode.PROTOCOL_ERROR,
            Opcode.name(f.opcode()) + " frame while a fragmented message is still open", "RFC 6455 §5.4"));
      }
      open = true;
      binary = f.opcode() == Opcode.BINARY;
      compressed = (f.rsv() & 4) != 0;
      data.reset();
      utf8.reset();
    }
    if ((long) data.size() + f.payload().length > maxMessage) {
      return new Broken(new Violation(Violation.Kind.MESSAGE_TOO_LARGE, CloseCode.MESSAGE_TOO_BIG,
          "message larger than the harness limit of " + maxMessage + " octets", "RFC 6455 §10.4"));
    }
    data.write(f.payload(), 0, f.payload().length);
    if (!binary && validateUtf8 && !compressed && !utf8.update(f.payload())) {
      return new Broken(invalidUtf8(utf8.failedAt()));
    }
    if (!f.fin()) return new Partial();
    open = false;
    if (!binary && validateUtf8 && !compressed && !utf8.isComplete()) {
      return new Broken(invalidUtf8(data.size()));
    }
    byte[] payload = data.toByteArray();
    data.reset();
    return new Complete(binary, payload, compressed);
  }

  public static Violation invalidUtf8(long at) {
    return new Violation(Violation.Kind.INVALID_UTF8_TEXT, CloseCode.INVALID_PAYLOAD,
        "text message is not valid UTF-8 (at octet " + at + ")", "RFC 6455 §8.1");
  }
}
