package org.wsconform.session;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.wsconform.wire.DecodedFrame;
import org.wsconform.wire.FrameDecoder;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * The reader thread: reads the peer's octets, decodes them here, and hands each complete frame to
 * the reactor, waiting on {@link Backpressure} when the reactor falls behind. When TCP is gone it
 * posts {@code connectionLost}.
 */
final class FrameReader {
  private final WireConnection conn;
  private final WireLog log;
  private final FrameDecoder decoder;
  private final Backpressure backpressure;
  private final Reactor reactor;
  private final CompletableFuture<SessionOutcome> done;
  private final Consumer<DecodedFrame> onFrame;
  private final Runnable connectionLost;

  FrameReader(
      WireConnection conn,
      WireLog log,
      FrameDecoder decoder,
      Backpressure backpressure,
      Reactor reactor,
      CompletableFuture<SessionOutcome> done,
      Consumer<DecodedFrame> onFrame,
      Runnable connectionLost) {
    this.conn = conn;
    this.log = log;
    this.decoder = decoder;
    this.backpressure = backpressure;
    this.reactor = reactor;
    this.done = done;
    this.onFrame = onFrame;
    this.connectionLost = connectionLost;
  }

  /** Starts reading on a thread of its own, {@code leftover} octets first. */
  void start(byte[] leftover) {
    Thread reader = new Thread(() -> readLoop(leftover), "wsconform-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void readLoop(byte[] leftover) {
    byte[] buf = new byte[65536];
    try {
      if (leftover.length > 0) {
        log.note(
            leftover.length
                + " octets arrived together with the 101 response; they start the frame stream");
        deliver(leftover, 0, leftover.length);
      }
      while (true) {
        int n = conn.in().read(buf);
        if (n < 0) break;
        log.octetsReceived(buf, 0, n);
        if (!deliver(buf, 0, n)) break;
      }
    } catch (IOException e) {
      // a reset, or our own close: either way TCP is gone
    } catch (RuntimeException | Error e) {
      // a fault of the harness (e.g. out of memory on a huge frame) must end the case as the
      // harness's ERROR, never wait for a timer and blame the target
      log.note("harness fault in the reader: " + e);
      if (!done.isDone()) done.completeExceptionally(e);
      conn.close();
    }
    reactor.post(connectionLost);
  }

  /** Decodes on the reader thread, hands complete frames to the reactor. False: stop reading. */
  private boolean deliver(byte[] b, int off, int len) {
    decoder.feed(b, off, len);
    DecodedFrame d;
    while ((d = decoder.next()) != null) {
      DecodedFrame frame = d;
      long weight = Backpressure.frameWeight(frame);
      Backpressure.Room room =
          backpressure.awaitFrameRoom(weight, () -> done.isDone() || reactor.isShutdown());
      if (room == Backpressure.Room.NONE) return false;
      boolean queued =
          reactor.post(
              () -> {
                backpressure.taken(room, weight);
                onFrame.accept(frame);
              });
      if (!queued && room == Backpressure.Room.OVERDRAFT) {
        backpressure.releaseOverdraft(weight); // the run's budget, not only this case's
      }
      if (frame.isFatal()) return false;
    }
    return true;
  }
}
