package org.wsconform.targets.faulty;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes server frames (RFC 6455 §5.2): always FIN=1, unmasked, minimal length, no RSV bit but RSV1
 * on a compressed message (RFC 7692 §6).
 */
final class FrameWriter {

  private final OutputStream out;

  FrameWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes one frame and flushes it: the client should see every answer at once. */
  void write(int opcode, byte[] payload, int length) throws IOException {
    frame(0x80 | opcode, payload, length);
  }

  /** A whole message compressed with permessage-deflate: one frame with RSV1 set. */
  void writeCompressed(int opcode, byte[] payload, int length) throws IOException {
    frame(0x80 | 0x40 | opcode, payload, length);
  }

  private void frame(int firstByte, byte[] payload, int length) throws IOException {
    out.write(firstByte);
    if (length <= 125) {
      out.write(length);
    } else if (length <= 0xFFFF) {
      out.write(126);
      out.write(length >>> 8);
      out.write(length);
    } else {
      out.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) ((long) length >>> shift));
      }
    }
    out.write(payload, 0, length);
    out.flush();
  }

  void close(int code) throws IOException {
    write(Opcode.CLOSE, new byte[] {(byte) (code >>> 8), (byte) code}, 2);
  }
}
