package org.wsconform.session;

import org.wsconform.wire.FrameDecoder;
import org.wsconform.wire.SendOptions;

/**
 * Which end of the connection the harness plays. RFC 6455 §5.1: a client masks every frame it sends
 * and a server masks none, and each fails the connection (1002) on a frame masked the other way.
 * Fragmentation, UTF-8 and close rules are the same both ways, so the role decides only the
 * masking: what the decoder requires of the peer and what the harness sends by default.
 */
public enum Role {
  /**
   * The harness is the client: it masks what it sends and requires unmasked frames from the server.
   */
  CLIENT(FrameDecoder.Sender.SERVER, "the server"),
  /**
   * The harness is the server: it sends unmasked frames and requires masked frames from the client.
   */
  SERVER(FrameDecoder.Sender.CLIENT, "the client");

  private final FrameDecoder.Sender peerSender;
  private final String peer;

  Role(FrameDecoder.Sender peerSender, String peer) {
    this.peerSender = peerSender;
    this.peer = peer;
  }

  /** The side whose frames the decoder reads: the other end. */
  public FrameDecoder.Sender peerSender() {
    return peerSender;
  }

  /** The other end in words, for the wire log ("the server"). */
  public String peer() {
    return peer;
  }

  /**
   * The options a frame really goes out with. A client keeps them as they are. A server sends
   * unmasked unless the options chose a key ({@link SendOptions#withMask}): the fuzzing send is
   * never refused, so a case can still make a server mask on purpose.
   */
  SendOptions outgoing(SendOptions o) {
    if (this == CLIENT || !o.masked() || o.mask() != null) return o;
    return o.unmasked();
  }

  /** Whether the harness masks a frame it sends when nothing says otherwise. */
  boolean masks() {
    return this == CLIENT;
  }
}
