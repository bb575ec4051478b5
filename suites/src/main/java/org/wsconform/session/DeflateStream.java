package org.wsconform.session;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.wsconform.deflate.Agreement;
import org.wsconform.deflate.CompressedMessage;
import org.wsconform.deflate.MessageDeflater;
import org.wsconform.deflate.MessageInflater;
import org.wsconform.judge.Event;
import org.wsconform.wire.MessageAssembler;
import org.wsconform.wire.Utf8Validator;
import org.wsconform.wire.Violation;

/**
 * permessage-deflate on one connection (RFC 7692): the compressor the session's messages go
 * through, and the peer's compressed messages inflated frame by frame as they arrive. The window
 * and context parameters are read as the client's side of the agreement: a server-role session will
 * have to swap them.
 */
final class DeflateStream {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Inbox inbox;
  private final CloseHandshake close;
  private final Agreement agreement;
  private final MessageDeflater deflater;
  private final MessageInflater inflater;

  /** The compressed frames of the message in progress, kept only for the compressed hook. */
  private ByteArrayOutputStream compressedParts;

  private int compressedFrames;

  private final CompressionTally tally;

  /** Compressed octets of the message in progress, for the tally. */
  private long compressedOctets;

  DeflateStream(
      Inbox inbox, CloseHandshake close, Agreement a, long maxMessage, CompressionTally tally) {
    this.tally = tally;
    this.inbox = inbox;
    this.close = close;
    this.agreement = a;
    this.deflater = new MessageDeflater(a);
    this.inflater = new MessageInflater(a.serverNoContextTakeover(), maxMessage);
  }

  Agreement agreement() {
    return agreement;
  }

  MessageDeflater deflater() {
    return deflater;
  }

  /** Where the first 8-octet word with a non-ASCII octet starts (the length when there is none). */
  static int asciiPrefix(byte[] b) {
    int i = 0;
    for (; i + 8 <= b.length; i += 8) {
      if (((long) LONGS.get(b, i) & 0x8080808080808080L) != 0) return i;
    }
    return i;
  }

  /**
   * A frame of a compressed message (RFC 7692 §6.2): inflated as it arrives; at the last frame the
   * tail is appended, a text message's UTF-8 is checked on the inflated octets, and the message is
   * delivered. Only reached with an agreement: without one RSV1 is a violation in the decoder, and
   * the frame never gets here.
   *
   * @param compressedHook called with the message as it was on the wire, or null
   */
  void onCompressedPart(
      MessageAssembler.CompressedPart part, Consumer<CompressedMessage> compressedHook) {
    if (close.failedByMe()) return; // the connection is failing: no more messages, and no inflating
    if (compressedHook != null) {
      if (part.first()) {
        compressedParts = new ByteArrayOutputStream();
        compressedFrames = 0;
      }
      compressedParts.write(part.payload(), 0, part.payload().length);
      compressedFrames++;
    }
    if (part.first()) compressedOctets = 0;
    compressedOctets += part.payload().length;
    Violation v = inflater.feed(part.payload(), 0, part.payload().length);
    if (v != null) {
      inflater.abort();
      inbox.violation(v);
      return;
    }
    if (!part.fin()) return;
    MessageInflater.Result r = inflater.finish();
    if (r instanceof MessageInflater.Failed failed) {
      inbox.violation(failed.violation());
      return;
    }
    byte[] payload = ((MessageInflater.Inflated) r).payload();
    if (!part.binary()) {
      // ASCII needs no state: the validator starts at the first word holding a high bit
      int skip = asciiPrefix(payload);
      Utf8Validator u = new Utf8Validator();
      if (!(u.update(payload, skip, payload.length - skip) && u.isComplete())) {
        inbox.violation(
            MessageAssembler.invalidUtf8(u.isFailed() ? skip + u.failedAt() : payload.length));
        return;
      }
    }
    tally.received(payload.length, compressedOctets);
    if (compressedHook != null) {
      byte[] wire = compressedParts.toByteArray();
      compressedParts = null;
      compressedHook.accept(new CompressedMessage(part.binary(), wire, compressedFrames, payload));
      if (close.failedByMe()) return; // the hook found a violation: the message is not delivered
    }
    inbox.deliver(Event.message(payload, part.binary()));
  }

  void close() {
    deflater.close();
    inflater.close();
  }
}
