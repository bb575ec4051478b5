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
 * @param maskKey the masking key as the header carried it (big-endian); 0 when unmasked. Kept so
 *     that a client's keys can be checked for freshness (RFC 6455 §5.3)
 */
public record DecodedFrame(
    Frame frame,
    boolean masked,
    int headerLength,
    long declaredLength,
    List<Violation> violations,
    int maskKey) {

  public DecodedFrame(
      Frame frame,
      boolean masked,
      int headerLength,
      long declaredLength,
      List<Violation> violations) {
    this(frame, masked, headerLength, declaredLength, violations, 0);
  }

  public boolean isClean() {
    return violations.isEmpty();
  }

  public boolean isFatal() {
    return violations.stream().anyMatch(Violation::isFatal);
  }
}
