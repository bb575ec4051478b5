package org.wsconform.wire;

import java.util.List;

/**
 * A frame as it arrived, with what the decoder noticed about its encoding.
 *
 * @param frame the frame, payload unmasked; null when decoding had to stop (fatal)
 * @param masked whether the MASK bit was set
 * @param headerLength octets in the header
 * @param declaredLength the length the header declared
 * @param violations rule violations of this frame, in RFC order; empty when it is clean
 */
public record DecodedFrame(
    Frame frame,
    boolean masked,
    int headerLength,
    long declaredLength,
    List<Violation> violations) {

  public boolean isClean() {
    return violations.isEmpty();
  }

  public boolean isFatal() {
    return violations.stream().anyMatch(Violation::isFatal);
  }
}
