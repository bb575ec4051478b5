package org.wsconform.wire;

/**
 * A rule the peer broke, as a value: what, the close code a conformant endpoint fails the
 * connection with, a short lower-case reason, and the RFC section that states the rule.
 */
public record Violation(Kind kind, int closeCode, String message, String rfc) {

  public enum Kind {
    RSV_WITHOUT_EXTENSION,
    RESERVED_OPCODE,
    FRAGMENTED_CONTROL,
    CONTROL_TOO_LONG,
    MASKED_SERVER_FRAME,
    UNMASKED_CLIENT_FRAME,
    NON_MINIMAL_LENGTH,
    LENGTH_TOP_BIT,
    FRAME_TOO_LARGE,
    CLOSE_PAYLOAD_ONE_OCTET,
    INVALID_CLOSE_CODE,
    INVALID_CLOSE_REASON,
    COMPRESSED_CONTROL,
    COMPRESSED_CONTINUATION,
    CONTINUATION_WITHOUT_MESSAGE,
    DATA_FRAME_INSIDE_MESSAGE,
    INVALID_UTF8_TEXT,
    MESSAGE_TOO_LARGE,
    BAD_COMPRESSED_DATA
  }

  /** Violations after which the octet stream cannot be decoded any further. */
  public boolean isFatal() {
    return kind == Kind.LENGTH_TOP_BIT
        || kind == Kind.FRAME_TOO_LARGE
        || kind == Kind.MESSAGE_TOO_LARGE;
  }

  @Override
  public String toString() {
    return message + " (" + closeCode + ", " + rfc + ")";
  }
}
