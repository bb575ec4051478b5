package org.wsconform.session;

import java.security.SecureRandom;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.Hex;
import org.wsconform.wire.MaskedStream;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.WireLog;

/**
 * The payload of one frame whose header went out alone ({@link Session#streamFrame}), sent in
 * parts, each its own write: Autobahn 6.4.3/6.4.4 stream a single frame across pauses, so a server
 * can be seen failing fast in the middle of a frame. Masking, when the role masks, continues across
 * parts.
 */
public final class FrameStream {
  private static final SecureRandom MASKS = new SecureRandom();

  private final Session session;
  private final MaskedStream masking;

  private FrameStream(Session session, MaskedStream masking) {
    this.session = session;
    this.masking = masking;
  }

  /**
   * Writes {@code header} declaring {@code length} octets, and returns the stream of its payload.
   */
  static FrameStream start(Session session, boolean masked, Frame header, long length) {
    int key = MASKS.nextInt();
    SendOptions o = masked ? SendOptions.DEFAULT.withMask(key) : SendOptions.DEFAULT.unmasked();
    byte[] octets = FrameEncoder.encode(header, o.withDeclaredLength(length), key);
    session
        .log()
        .add(
            WireLog.Kind.TF,
            Opcode.name(header.opcode())
                + " fin="
                + (header.fin() ? 1 : 0)
                + " rsv="
                + header.rsv()
                + " header only, declares "
                + length
                + " octets, payload streamed in parts; "
                + (masked ? "mask=" + String.format("%08x", key) : "unmasked"),
            (int) Math.min(length, Integer.MAX_VALUE),
            null);
    session.sendOctets(octets, true);
    return new FrameStream(session, masked ? new MaskedStream(key) : null);
  }

  public void send(byte[] part) {
    byte[] wire = masking == null ? part.clone() : masking.mask(part);
    session
        .log()
        .note("frame payload part of " + part.length + " octets: " + Hex.preview(part, 32));
    session.sendOctets(wire, true);
  }
}
