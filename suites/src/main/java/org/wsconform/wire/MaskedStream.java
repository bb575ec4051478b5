package org.wsconform.wire;

/**
 * The payload of one frame sent in parts (a header that declares the whole length, then the payload
 * across pauses): masking continues across the parts at the key phase where the last part stopped
 * (RFC 6455 §5.3 counts octets from the start of the payload).
 */
public final class MaskedStream {
  private final int key;
  private long sent;

  public MaskedStream(int key) {
    this.key = key;
  }

  /** The next part, masked into a new array. */
  public byte[] mask(byte[] part) {
    byte[] masked = new byte[part.length];
    Masking.mask(key, (int) (sent & 3), part, 0, masked, 0, part.length);
    sent += part.length;
    return masked;
  }
}
