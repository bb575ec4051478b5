package org.wsconform.deflate;

/**
 * A message the server sent with RSV1, as it was on the wire, for the cases that check how the
 * server compressed (its window, its context).
 *
 * @param binary opcode was binary
 * @param compressed the frames' payloads joined, without the {@code 00 00 ff ff} tail
 * @param frames how many frames carried it
 * @param inflated the message after inflating (what the case's events see)
 */
public record CompressedMessage(boolean binary, byte[] compressed, int frames, byte[] inflated) {}
