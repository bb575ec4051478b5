package org.wsconform.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.wsconform.wire.Frame;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.StreamedFrameWriter;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * The session's writes: frames encoded in one reactor task wait here and go out together when the
 * task ends (Twisted's coalescing). A failed write stops writing but not reading.
 */
final class Outbox {
  private static final int COALESCE_LIMIT = 1 << 20;

  private final WireConnection conn;
  private final WireLog log;
  private final Backpressure backpressure;
  private final BooleanSupplier closed;
  private final String peer;

  /** Frames encoded in the current reactor task, written together when it ends. */
  private final List<byte[]> pending = new ArrayList<>();

  private long pendingBytes;
  private boolean outputBroken;

  Outbox(
      WireConnection conn,
      WireLog log,
      Backpressure backpressure,
      BooleanSupplier closed,
      String peer) {
    this.conn = conn;
    this.log = log;
    this.backpressure = backpressure;
    this.closed = closed;
    this.peer = peer;
  }

  /** Keeps an encoded frame for the write at the end of this task. */
  void add(byte[] wire) {
    pending.add(wire);
    pendingBytes += wire.length;
  }

  void write(byte[] b, int chop, boolean sync) {
    if (outputBroken) return;
    backpressure.writing(true);
    try {
      conn.write(b, chop, sync);
    } catch (IOException e) {
      // Stop writing but keep reading: what the server sent before it dropped TCP (an echo, its
      // close frame) is still in our receive buffer and must be judged, as Twisted would.
      outputBroken = true;
      log.note(
          "write failed ("
              + e.getMessage()
              + "); no more writes, reading what "
              + peer
              + " already sent");
    } finally {
      backpressure.writing(false);
    }
  }

  /** Half-closes TCP: nothing more goes out, the peer may still answer and close. */
  void shutdownOutput() {
    try {
      conn.shutdownOutput();
      log.note("TCP half-closed by me (shutdownOutput)");
    } catch (IOException e) {
      log.note("half-close failed: " + e.getMessage());
    }
  }

  /** A big frame written slice by slice as {@code wire/} cuts it. */
  void writeStreamed(Frame f, SendOptions o, int key) {
    StreamedFrameWriter.write(f, o, key, slice -> write(slice, 0, false));
  }

  /**
   * Writes what this task encoded as one TCP write, as Twisted coalesces a task's writes. A single
   * frame is written as it is (no copy: a 16 MiB frame is not held twice); several small ones are
   * joined; above {@link #COALESCE_LIMIT} they go out one by one, since so much data spans many TCP
   * segments whatever we do.
   */
  void flush() {
    if (pending.isEmpty()) return;
    if (closed.getAsBoolean()) {
      pending.clear();
      pendingBytes = 0;
      return;
    }
    if (pending.size() == 1 || pendingBytes > COALESCE_LIMIT) {
      for (byte[] b : pending) write(b, 0, false);
    } else {
      byte[] joined = new byte[(int) pendingBytes];
      int p = 0;
      for (byte[] b : pending) {
        System.arraycopy(b, 0, joined, p, b.length);
        p += b.length;
      }
      write(joined, 0, false);
    }
    pending.clear();
    pendingBytes = 0;
  }
}
