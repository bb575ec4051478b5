package org.wsconform.cases.limits;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import org.wsconform.session.FrameStream;
import org.wsconform.session.Role;
import org.wsconform.session.Session;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;

/**
 * Big payloads without big arrays: messages of megabytes written as they go out, from a {@link
 * Repeating} pattern or one repeated octet, for 9.* ({@link Limits}) and the declared limits
 * ({@link DeclaredLimits}).
 */
final class BigMessages {
  /** Masking keys of the frames this class encodes itself (RFC 6455 §5.3: unpredictable). */
  private static final SecureRandom MASKS = new SecureRandom();

  /**
   * A streamed frame's payload goes out in parts of this size: the most the harness holds of it.
   */
  static final int STREAM_PART = 1 << 20;

  private BigMessages() {}

  /**
   * Autobahn's sendMessage with a fragment size, for a message of one repeated octet: the same
   * frames (a length that is a multiple of the fragment size ends with an empty FIN continuation
   * frame, so 9.3.1 is 1 text and 65536 continuation frames), each masked with a fresh key, written
   * in batches of about 1 MiB as Twisted coalesces them. One wire-log note stands for the frames:
   * 65537 frame rows would push the close handshake out of the log, and Autobahn logs none.
   */
  static void sendFragmented(Session f, int opcode, int size, int fragment, byte fill) {
    if (size <= fragment) {
      streamFrame(f, opcode, size, new Repeating(new byte[] {fill}));
      return;
    }
    int frames = size / fragment + 1;
    int lastLength = size % fragment;
    // a client masks every frame with a fresh key; the server side of a client test masks none
    boolean masked = f.role() == Role.CLIENT;
    SendOptions options = masked ? SendOptions.DEFAULT : SendOptions.DEFAULT.unmasked();
    f.log()
        .note(
            Opcode.name(opcode)
                + " message of "
                + size
                + " octets (0x"
                + String.format("%02x", fill & 0xff)
                + " repeated) sent as "
                + frames
                + " frames: 1 "
                + Opcode.name(opcode)
                + " and "
                + (frames - 1)
                + " continuation frames of "
                + fragment
                + " octets, the last (FIN) of "
                + lastLength
                + (masked ? ", each with a fresh mask" : ", unmasked")
                + "; the frames are not logged one by one");
    byte[] part = new byte[fragment];
    Arrays.fill(part, fill);
    ByteArrayOutputStream batch = new ByteArrayOutputStream(STREAM_PART + fragment + 14);
    // the keys are drawn in bulk: one SecureRandom call per frame costs more than the frame
    ByteBuffer keys = ByteBuffer.allocate(0);
    for (int i = 0; i < frames; i++) {
      if (masked && !keys.hasRemaining()) {
        byte[] k = new byte[4 * Math.min(4096, frames - i)];
        MASKS.nextBytes(k);
        keys = ByteBuffer.wrap(k);
      }
      boolean last = i == frames - 1;
      byte[] payload = last ? Arrays.copyOf(part, lastLength) : part;
      Frame frame = new Frame(last, 0, i == 0 ? opcode : Opcode.CONTINUATION, payload);
      byte[] wire = FrameEncoder.encode(frame, options, masked ? keys.getInt() : 0);
      batch.write(wire, 0, wire.length);
      if (batch.size() >= STREAM_PART || last) {
        f.sendOctets(batch.toByteArray(), false);
        batch.reset();
      }
    }
  }

  /**
   * Writes one unfragmented frame of {@code length} octets of the repeating pattern: the header,
   * then the payload in {@link #STREAM_PART} parts made as they go out.
   */
  static void streamFrame(Session f, int opcode, long length, Repeating pattern) {
    streamFrame(f, true, opcode, length, pattern, 0);
  }

  /** One frame of a message whose payload is the pattern from octet {@code from} on. */
  static void streamFrame(
      Session f, boolean fin, int opcode, long length, Repeating pattern, long from) {
    FrameStream s = f.streamFrame(fin, 0, opcode, length);
    for (long off = 0; off < length; off += STREAM_PART) {
      s.send(pattern.slice(from + off, (int) Math.min(STREAM_PART, length - off)));
    }
  }
}
