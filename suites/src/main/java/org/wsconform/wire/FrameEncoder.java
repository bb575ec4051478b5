package org.wsconform.wire;

/**
 * Writes exactly the frame it is given, never validating it (§5.2 layout). Netty's and Jetty's
 * encoders refuse invalid frames, which is why a conformance harness needs its own.
 */
public final class FrameEncoder {
  private FrameEncoder() {}

  /** Header length for a payload length under the given encoding. */
  public static int headerLength(long length, LengthEncoding enc, boolean masked) {
    int base =
        switch (lengthField(length, enc)) {
          case 126 -> 4;
          case 127 -> 10;
          default -> 2;
        };
    return base + (masked ? 4 : 0);
  }

  private static int lengthField(long length, LengthEncoding enc) {
    return switch (enc) {
      case FORCE_16 -> 126;
      case FORCE_64 -> 127;
      case MINIMAL -> length <= 125 ? (int) length : length <= 0xFFFF ? 126 : 127;
    };
  }

  /**
   * Encodes header and (masked) payload into one array.
   *
   * @param maskKey the key to use when {@code opts.masked()} (the caller picks the random one)
   */
  public static byte[] encode(Frame f, SendOptions opts, int maskKey) {
    byte[] payload = f.payload();
    long declared = opts.declaredLength() != null ? opts.declaredLength() : payload.length;
    int field = lengthField(declared, opts.lengthEncoding());
    int hl = headerLength(declared, opts.lengthEncoding(), opts.masked());
    byte[] out = new byte[hl + payload.length];
    out[0] = (byte) ((f.fin() ? 0x80 : 0) | (f.rsv() << 4) | f.opcode());
    out[1] = (byte) ((opts.masked() ? 0x80 : 0) | field);
    int p = 2;
    if (field == 126) {
      out[p++] = (byte) (declared >>> 8);
      out[p++] = (byte) declared;
    } else if (field == 127) {
      for (int s = 56; s >= 0; s -= 8) out[p++] = (byte) (declared >>> s);
    }
    if (opts.masked()) {
      out[p++] = (byte) (maskKey >>> 24);
      out[p++] = (byte) (maskKey >>> 16);
      out[p++] = (byte) (maskKey >>> 8);
      out[p++] = (byte) maskKey;
      Masking.mask(maskKey, 0, payload, 0, out, p, payload.length);
    } else {
      System.arraycopy(payload, 0, out, p, payload.length);
    }
    return out;
  }
}
