package org.wsconform.targets.faulty;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads client frames (RFC 6455 §5.2): the header whole, the payload in whatever pieces TCP
 * delivers, unmasked on the way. Handing out pieces rather than whole frames is what lets the
 * session fail fast on bad UTF-8 in the middle of a frame.
 *
 * <p>Syntax only: the one rule checked here is the one that makes a header unreadable (a 64-bit
 * length with the top bit set). What a frame may mean is the session's business.
 */
final class FrameReader {

  record Header(boolean fin, int rsv, int opcode, boolean masked, long length) {}

  private final InputStream in;
  private final byte[] mask = new byte[4];
  private boolean masked;
  private long remaining;
  private long position;

  FrameReader(InputStream in) {
    this.in = in;
  }

  /** The next frame's header, or null when the client closed TCP between frames. */
  Header next() throws IOException, FailTheConnection {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int second = readByte();
    masked = (second & 0x80) != 0;
    long length = second & 0x7F;
    if (length == 126) {
      length = readByte() << 8 | readByte();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = length << 8 | readByte();
      }
      if (length < 0) {
        throw new FailTheConnection(
            CloseStatus.PROTOCOL_ERROR,
            "64-bit payload length with the most significant bit set (5.2)");
      }
    }
    if (masked) {
      for (int i = 0; i < 4; i++) {
        mask[i] = (byte) readByte();
      }
    }
    remaining = length;
    position = 0;
    return new Header((first & 0x80) != 0, (first >> 4) & 0x7, first & 0x0F, masked, length);
  }

  /** Reads up to {@code length} payload bytes of the current frame, as many as have arrived. */
  int readPayload(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, (int) Math.min(length, remaining));
    if (n < 0) {
      throw new EOFException("connection closed in the middle of a frame");
    }
    if (masked) {
      for (int i = 0; i < n; i++) {
        buffer[offset + i] ^= mask[(int) ((position + i) & 3)];
      }
    }
    position += n;
    remaining -= n;
    return n;
  }

  /** The rest of the current frame's payload; only for control frames (at most 125 bytes). */
  byte[] readPayload() throws IOException {
    byte[] payload = new byte[(int) remaining];
    int offset = 0;
    while (offset < payload.length) {
      offset += readPayload(payload, offset, payload.length - offset);
    }
    return payload;
  }

  void skipPayload() throws IOException {
    byte[] scratch = new byte[8192];
    while (remaining > 0) {
      readPayload(scratch, 0, scratch.length);
    }
  }

  boolean payloadDone() {
    return remaining == 0;
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed in the middle of a frame header");
    }
    return b;
  }
}
