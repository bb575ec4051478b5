package org.wsconform.perf;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Header;

/**
 * The load generator: one selector thread drives every connection (plus, for fixed-rate figures, a
 * ticker thread that only wakes it at the intended send times, because a selector's timeout has
 * millisecond granularity and a late send would inflate every latency it measures). Plain ws://
 * only: a TLS layer would measure the JDK's SSLEngine as much as the target.
 */
final class Generator implements AutoCloseable {
  /** Connection attempts in progress at once while opening many. */
  static final int OPEN_CONCURRENCY = 64;

  private final Selector selector;
  private final InetSocketAddress address;
  private final Endpoint endpoint;
  private final List<Header> headers;
  private final boolean loopback;
  private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
  private final SplittableRandom random = new SplittableRandom(15);
  private int nextId;

  /** The 127.0.0.x source address new connections bind to (0 = let the kernel choose). */
  private int source;

  private Listener listener = new Listener() {};

  /** What a figure wants to hear about; each method is called on the selector thread. */
  interface Listener {
    default void opened(PerfConnection c, long now) {}

    default void failed(PerfConnection c, String why, long now) {}

    default void message(PerfConnection c, long length, long now) {}

    default void pong(PerfConnection c, long now) {}
  }

  Generator(Endpoint endpoint, List<Header> headers) throws IOException {
    if (endpoint.tls()) {
      throw new IllegalArgumentException(
          "wsconform perf measures plain ws:// targets only (a TLS layer in the generator would be"
              + " measured as much as the target); got "
              + endpoint.uri());
    }
    this.endpoint = endpoint;
    this.headers = List.copyOf(headers);
    this.address = new InetSocketAddress(endpoint.host(), endpoint.port());
    if (address.isUnresolved()) throw new IOException("cannot resolve " + endpoint.host());
    this.loopback = address.getAddress().isLoopbackAddress();
    this.selector = Selector.open();
  }

  /** Starts one connection (TCP connect, then the upgrade); the listener hears how it ends. */
  PerfConnection connect(boolean deflate) throws IOException {
    while (true) {
      String from = source == 0 ? null : "127.0.0." + (source + 1);
      SocketChannel ch;
      try {
        ch = PerfConnection.open(address, from);
      } catch (BindException e) {
        // the ephemeral ports of this source address ran out (TIME_WAIT, held connections): a
        // loopback target is reachable from 127.0.0.2 and up as well, each with its own ports
        if (!loopback || source >= 250) throw e;
        source++;
        continue;
      }
      PerfConnection c =
          new PerfConnection(
              nextId++, ch, endpoint, headers, deflate, System.nanoTime(), random.split());
      c.key = ch.register(selector, SelectionKey.OP_CONNECT, c);
      return c;
    }
  }

  /** How many source addresses connections have used so far. */
  int sourcesUsed() {
    return source + 1;
  }

  void listen(Listener l) {
    listener = l;
  }

  /** Sends what is queued; asks for OP_WRITE when the socket did not take it all. */
  void flush(PerfConnection c) {
    if (c.state == PerfConnection.State.CLOSED) return;
    try {
      boolean done = c.flush();
      int ops = SelectionKey.OP_READ | (done ? 0 : SelectionKey.OP_WRITE);
      if (c.key.isValid() && c.key.interestOps() != ops) c.key.interestOps(ops);
    } catch (IOException e) {
      fail(c, "write failed: " + e.getMessage(), System.nanoTime());
    }
  }

  private void fail(PerfConnection c, String why, long now) {
    if (c.state == PerfConnection.State.CLOSED && c.failure != null) return;
    c.failure = why;
    c.closeQuietly();
    listener.failed(c, why, now);
  }

  /**
   * Waits for I/O at most {@code timeoutMillis} (0: do not wait) and handles what is ready; returns
   * how many connections had something.
   */
  int poll(long timeoutMillis) throws IOException {
    int ready = timeoutMillis <= 0 ? selector.selectNow() : selector.select(timeoutMillis);
    long now = System.nanoTime();
    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
    while (it.hasNext()) {
      SelectionKey k = it.next();
      it.remove();
      PerfConnection c = (PerfConnection) k.attachment();
      if (!k.isValid()) continue;
      try {
        if (k.isConnectable()) {
          c.connected();
          k.interestOps(SelectionKey.OP_READ);
          flush(c);
          continue;
        }
        if (k.isWritable()) flush(c);
        if (k.isValid() && k.isReadable()) read(c, now);
      } catch (IOException | RuntimeException e) {
        fail(
            c,
            c.state == PerfConnection.State.CONNECTING
                ? "TCP connect failed: " + e.getMessage()
                : String.valueOf(e.getMessage()),
            now);
      }
    }
    return ready;
  }

  /**
   * Wall time the loop thread spent spinning before an intended send time with nothing to do: CPU
   * it burns by choice, to send on time, and which saturation does not count as work.
   */
  long spinNanos;

  /**
   * How long before an intended send time the loop stops blocking and spins. Blocking until the
   * time itself made sends ~110 µs late here (the ticker's parkNanos overshoot plus the selector's
   * wakeup), which the open model rightly counts as latency: a median of 220 µs where Node's {@code
   * ws} client, spinning on setImmediate, measured 105 µs.
   */
  static final long SPIN_AHEAD_NANOS = 250_000;

  private final PerfConnection.Events events =
      new PerfConnection.Events() {
        @Override
        public void message(PerfConnection c, long length, long now) {
          listener.message(c, length, now);
        }

        @Override
        public void pong(PerfConnection c, long now) {
          listener.pong(c, now);
        }

        @Override
        public void closed(PerfConnection c, String why) {
          fail(c, why, System.nanoTime());
        }
      };

  private void read(PerfConnection c, long now) throws IOException {
    // drain what is there, at most a few buffers, so that one busy connection cannot starve others
    for (int round = 0; round < 4; round++) {
      readBuffer.clear();
      int n = c.channel.read(readBuffer);
      if (n < 0) {
        fail(
            c,
            c.state == PerfConnection.State.UPGRADING
                ? "the target closed the connection before answering the upgrade request"
                : "the target closed the TCP connection without a Close frame",
            now);
        return;
      }
      if (n == 0) return;
      byte[] b = readBuffer.array();
      if (c.state == PerfConnection.State.UPGRADING) {
        byte[] rest = c.upgrade(b, 0, n);
        if (rest == null) continue;
        c.openNanos = now;
        listener.opened(c, now);
        if (rest.length > 0) c.receive(rest, 0, rest.length, now, events);
      } else if (c.state == PerfConnection.State.OPEN) {
        c.receive(b, 0, n, now, events);
      }
      if (c.state == PerfConnection.State.OPEN) flush(c); // pongs queued by receive
      if (n < readBuffer.capacity()) return;
    }
  }

  /**
   * Opens {@code n} connections, {@link #OPEN_CONCURRENCY} attempts at once, until the deadline.
   *
   * @param handshakes records each opening handshake's time (TCP connect to 101), or null
   */
  Opened open(int n, boolean deflate, long deadlineNanos, LatencyRecorder handshakes)
      throws IOException {
    List<PerfConnection> open = new ArrayList<>();
    int[] failed = {0};
    String[] firstFailure = {null};
    int[] pending = {0};
    listen(
        new Listener() {
          @Override
          public void opened(PerfConnection c, long now) {
            pending[0]--;
            open.add(c);
            if (handshakes != null) handshakes.record(c.startNanos, c.startNanos, now);
          }

          @Override
          public void failed(PerfConnection c, String why, long now) {
            if (c.openNanos == 0) {
              pending[0]--;
              failed[0]++;
              if (firstFailure[0] == null) firstFailure[0] = why;
            } else {
              open.remove(c);
              failed[0]++;
              if (firstFailure[0] == null) firstFailure[0] = "after opening: " + why;
            }
          }
        });
    int started = 0;
    while (open.size() + failed[0] < n && System.nanoTime() < deadlineNanos) {
      while (pending[0] < OPEN_CONCURRENCY && started < n) {
        try {
          connect(deflate);
          pending[0]++;
        } catch (IOException e) {
          failed[0]++;
          if (firstFailure[0] == null) firstFailure[0] = "connect: " + e.getMessage();
        }
        started++;
      }
      poll(10);
    }
    return new Opened(open, failed[0], n - open.size() - failed[0], firstFailure[0]);
  }

  /**
   * Connections opened for a figure.
   *
   * @param unfinished attempts still in progress at the deadline
   */
  record Opened(
      List<PerfConnection> connections, int failed, int unfinished, String firstFailure) {}

  /**
   * @param done what the figure counted
   * @param failed connections or messages that failed
   * @param octets payload octets echoed
   */
  record Count(long done, long failed, String firstFailure, long octets) {}

  /**
   * The open model: messages are sent at fixed intended times, spread round-robin over the
   * connections, whatever the target does; each latency is measured from its intended time, so a
   * stall shows as the queue it builds (coordinated omission corrected). Messages still unanswered
   * {@code drainNanos} after the last send count with the time they waited.
   */
  Count echoAtRate(
      List<PerfConnection> conns,
      double ratePerSecond,
      Payloads payloads,
      long warmupNanos,
      long durationNanos,
      long drainNanos,
      LatencyRecorder latencies)
      throws IOException {
    if (conns.isEmpty()) throw new IllegalArgumentException("no connection to send on");
    long interval = Math.max(1, Math.round(1e9 / ratePerSecond));
    long t0 = System.nanoTime() + 1_000_000;
    long measureFrom = t0 + warmupNanos;
    long end = measureFrom + durationNanos;
    long[] answered = {0, 0};
    String[] firstFailure = {null};
    listen(
        new Listener() {
          @Override
          public void message(PerfConnection c, long length, long now) {
            if (c.inFlight() == 0) return; // not ours (a server that talks first)
            long intended = c.oldestIntended();
            long sent = c.oldestSent();
            c.answered();
            if (intended >= measureFrom && intended < end) {
              latencies.record(intended, sent, now);
              answered[0]++;
              answered[1] += length;
            }
          }

          @Override
          public void failed(PerfConnection c, String why, long now) {
            if (firstFailure[0] == null) firstFailure[0] = why;
            c.forEachInFlight(
                intended -> {
                  if (intended >= measureFrom && intended < end)
                    latencies.recordUnanswered(intended, now);
                });
          }
        });
    Ticker ticker = new Ticker(selector, t0, interval, end);
    ticker.start();
    long k = 0;
    int failedSends = 0;
    try {
      while (true) {
        long now = System.nanoTime();
        long due = t0 + k * interval;
        while (due <= now && due < end) {
          PerfConnection c = conns.get((int) (k % conns.size()));
          k++;
          if (c.state != PerfConnection.State.OPEN) {
            if (due >= measureFrom) {
              failedSends++;
              latencies.recordUnanswered(due, now); // it could not even be sent
            }
          } else {
            c.sendMessage(payloads.next(), true);
            long sentAt = System.nanoTime();
            c.inFlight(due, sentAt);
            flush(c);
          }
          due = t0 + k * interval;
        }
        if (due >= end) break;
        long wait = due - System.nanoTime();
        if (wait > SPIN_AHEAD_NANOS) {
          poll(Math.max(1, wait / 1_000_000 + 1)); // the ticker wakes it SPIN_AHEAD early
        } else {
          long s0 = System.nanoTime();
          if (poll(0) == 0) {
            Thread.onSpinWait();
            spinNanos += System.nanoTime() - s0;
          }
        }
      }
      long drainEnd = System.nanoTime() + drainNanos;
      while (System.nanoTime() < drainEnd
          && conns.stream()
              .anyMatch(c -> c.inFlight() > 0 && c.state == PerfConnection.State.OPEN)) {
        poll(5);
      }
    } finally {
      ticker.interrupt();
    }
    long now = System.nanoTime();
    long unanswered = 0;
    for (PerfConnection c : conns) {
      long[] n = {0};
      c.forEachInFlight(
          intended -> {
            if (intended >= measureFrom && intended < end) {
              latencies.recordUnanswered(intended, now);
              n[0]++;
            }
          });
      unanswered += n[0];
      // a connection with messages still in flight is out of step: the next figure starts afresh
      if (c.inFlight() > 0) c.closeQuietly();
    }
    return new Count(answered[0], unanswered + failedSends, firstFailure[0], answered[1]);
  }

  /**
   * The closed model at its limit: each connection keeps {@code window} messages in flight and
   * sends the next one as each echo arrives; what is echoed in the measuring window is the rate.
   */
  /** The pause of the peak figure's interrupt moderation; see {@link #peak}. */
  static final long MODERATION_NANOS = 100_000;

  Count peak(
      List<PerfConnection> conns,
      int window,
      Payloads payloads,
      long warmupNanos,
      long durationNanos,
      LatencyRecorder latencies)
      throws IOException {
    long t0 = System.nanoTime();
    long measureFrom = t0 + warmupNanos;
    long end = measureFrom + durationNanos;
    long[] counted = {0, 0, 0}; // measured messages, measured octets, echoes since the last poll
    String[] firstFailure = {null};
    listen(
        new Listener() {
          @Override
          public void message(PerfConnection c, long length, long now) {
            if (c.inFlight() == 0) return;
            long sent = c.oldestSent();
            c.answered();
            counted[2]++;
            if (now >= measureFrom && now < end) {
              counted[0]++;
              counted[1] += length;
              latencies.record(sent, sent, now);
            }
            if (now < end) {
              // queued only: read() flushes every reply to one read's echoes in one write
              c.sendMessage(payloads.next(), true);
              c.inFlight(now, now);
            }
          }

          @Override
          public void failed(PerfConnection c, String why, long now) {
            if (firstFailure[0] == null) firstFailure[0] = why;
          }
        });
    for (PerfConnection c : conns) {
      for (int i = 0; i < window; i++) {
        long now = System.nanoTime();
        c.sendMessage(payloads.next(), true);
        c.inFlight(now, now);
      }
      flush(c);
    }
    // Interrupt moderation: a poll that answered fewer than a quarter of the messages in flight
    // means the generator is outrunning the target, reading its echoes one or two at a time, a
    // system call round each. Waiting MODERATION lets a batch gather (the target still has three
    // quarters of the window queued, so it never idles), and the generator's CPU per message
    // stays well under the target's instead of matching it call for call.
    long moderateBelow = Math.max(1, (long) conns.size() * window / 4);
    while (System.nanoTime() < end) {
      counted[2] = 0;
      poll(5);
      if (counted[2] < moderateBelow) LockSupport.parkNanos(MODERATION_NANOS);
    }
    long failed = conns.stream().filter(c -> c.state != PerfConnection.State.OPEN).count();
    for (PerfConnection c : conns) c.closeQuietly(); // messages still in flight: start afresh
    return new Count(counted[0], failed, firstFailure[0], counted[1]);
  }

  @Override
  public void close() throws IOException {
    for (SelectionKey k : selector.keys()) {
      if (k.attachment() instanceof PerfConnection c) c.closeQuietly();
    }
    selector.close();
  }
}
