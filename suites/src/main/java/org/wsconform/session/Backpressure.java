package org.wsconform.session;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.wsconform.wire.DecodedFrame;

/**
 * Backpressure between the reader thread and the reactor: the reader decodes far faster than the
 * reactor answers (a ping flood is a million frames a second), so it waits while {@link
 * #MAX_QUEUED_FRAMES} frames are queued, as Twisted's single loop would.
 *
 * <p>Except while the reactor is blocked in a write: Twisted's writes never block (it buffers them
 * and keeps reading), but ours do, so a server that echoes a 16 MiB message in 8 KiB frames while
 * it still reads it (Tomcat) filled both TCP directions and the two sides waited on each other
 * until the server's send timeout. During a write, frames are queued beyond the limit, up to {@link
 * #WRITE_OVERDRAFT} octets (each frame weighing its payload plus {@link #FRAME_WEIGHT}, so a flood
 * of empty frames is bounded too).
 */
final class Backpressure {
  /** Frames handed to the reactor and not yet taken by it. */
  private static final int MAX_QUEUED_FRAMES = 256;

  /**
   * Octets a blocked write may let the reader queue beyond {@link #MAX_QUEUED_FRAMES}: a 64 MiB
   * echo (L.5) and its frames.
   */
  private static final long WRITE_OVERDRAFT = 96L << 20;

  /** What a queued frame weighs besides its payload (the task, the frame objects). */
  private static final long FRAME_WEIGHT = 512;

  /**
   * The overdraft of every connection in this JVM together, held to {@link #WRITE_OVERDRAFT}: with
   * -j 8 against a server that floods pings and never reads (hostile PING_FLOOD_UNREAD), eight
   * overdrafts of their own were 768 MiB of queued frames, and a 256 MiB heap ran out.
   */
  private static final AtomicLong OVERDRAFT_IN_USE = new AtomicLong();

  /** How a frame got its place in the queue. NONE: the case ended. */
  enum Room {
    PERMIT,
    OVERDRAFT,
    NONE
  }

  private final Semaphore framesQueued = new Semaphore(MAX_QUEUED_FRAMES);
  private final AtomicLong overdraft = new AtomicLong();

  /** The reactor is inside a socket write, which may block until the server reads. */
  private volatile boolean writing;

  void writing(boolean w) {
    writing = w;
  }

  /** Waits for room for one frame of this weight; {@code ended} says the case is over. */
  Room awaitFrameRoom(long weight, BooleanSupplier ended) {
    try {
      while (true) {
        if (framesQueued.tryAcquire()) return Room.PERMIT;
        if (writing) {
          if (OVERDRAFT_IN_USE.addAndGet(weight) <= WRITE_OVERDRAFT) {
            overdraft.addAndGet(weight);
            return Room.OVERDRAFT;
          }
          OVERDRAFT_IN_USE.addAndGet(-weight);
        }
        if (framesQueued.tryAcquire(10, TimeUnit.MILLISECONDS)) return Room.PERMIT;
        if (ended.getAsBoolean()) return Room.NONE;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Room.NONE;
    }
  }

  /** The reactor took the frame: its place is free again. */
  void taken(Room room, long weight) {
    if (room == Room.PERMIT) {
      framesQueued.release();
    } else {
      releaseOverdraft(weight);
    }
  }

  void releaseOverdraft(long weight) {
    overdraft.addAndGet(-weight);
    OVERDRAFT_IN_USE.addAndGet(-weight);
  }

  static long frameWeight(DecodedFrame d) {
    return FRAME_WEIGHT + (d.frame() == null ? 0 : d.frame().payload().length);
  }
}
