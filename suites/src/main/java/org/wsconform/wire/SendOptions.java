package org.wsconform.wire;

/**
 * How one frame goes onto the wire.
 *
 * @param masked whether the MASK bit is set (a client MUST mask, §5.1; we can choose not to)
 * @param mask the masking key; null = a fresh random key per frame (Autobahn's default)
 * @param lengthEncoding minimal or forced 16/64-bit
 * @param declaredLength the length to write in the header when it should differ from the payload's
 *     real length; null = the real length
 * @param chopSize > 0: write the frame's octets in writes of this many bytes, flushing and yielding
 *     between them (Autobahn's chopsize); 0 = one write
 * @param sync write this frame on its own, not coalesced with the frames around it
 */
public record SendOptions(
    boolean masked,
    Integer mask,
    LengthEncoding lengthEncoding,
    Long declaredLength,
    int chopSize,
    boolean sync) {

  public static final SendOptions DEFAULT =
      new SendOptions(true, null, LengthEncoding.MINIMAL, null, 0, false);

  public static SendOptions chopped(int chopSize) {
    return DEFAULT.withChopSize(chopSize);
  }

  public static SendOptions synced() {
    return DEFAULT.withSync(true);
  }

  public SendOptions withChopSize(int c) {
    return new SendOptions(masked, mask, lengthEncoding, declaredLength, c, sync);
  }

  public SendOptions withSync(boolean s) {
    return new SendOptions(masked, mask, lengthEncoding, declaredLength, chopSize, s);
  }

  public SendOptions withMask(Integer m) {
    return new SendOptions(masked, m, lengthEncoding, declaredLength, chopSize, sync);
  }

  public SendOptions unmasked() {
    return new SendOptions(false, null, lengthEncoding, declaredLength, chopSize, sync);
  }

  public SendOptions withLengthEncoding(LengthEncoding e) {
    return new SendOptions(masked, mask, e, declaredLength, chopSize, sync);
  }

  public SendOptions withDeclaredLength(Long d) {
    return new SendOptions(masked, mask, lengthEncoding, d, chopSize, sync);
  }
}
