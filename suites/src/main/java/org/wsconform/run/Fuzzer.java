package org.wsconform.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.wsconform.deflate.Agreement;
import org.wsconform.deflate.CompressedMessage;
import org.wsconform.deflate.MessageDeflater;
import org.wsconform.deflate.MessageInflater;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.Judgement;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.DecodedFrame;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameDecoder;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.MessageAssembler;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.Utf8Validator;
import org.wsconform.wire.Violation;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * The client side of one case after the opening handshake: Autobahn's fuzzing client protocol
 * (autobahn-python 0.10.9 semantics) as a small single-threaded reactor.
 *
 * <p>Every state change happens on one thread: case steps, timers, and the frames the reader
 * thread decodes are all tasks on {@link #reactor}, so there is no race between, say, a kill
 * timer and an arriving close frame — exactly as in Autobahn's Twisted event loop. Frames written
 * in one task without {@code sync} or chopping are coalesced into one TCP write, as Twisted does.
 *
 * <p>The case ends when TCP is gone; {@link #done()} then completes with the close state.
 */
public final class Fuzzer {
  public enum State { OPEN, CLOSING, CLOSED }

  /** How one session ended: what was received, the close state, and a verdict the case set itself. */
  public record Outcome(List<Event> received, CloseState close, Judgement selfVerdict, List<Violation> serverViolations) {}

  /** Autobahn's client timeouts (seconds): close-handshake reply and server TCP drop. */
  static final double CLOSE_HANDSHAKE_TIMEOUT = 1.0;
  static final double SERVER_CONNECTION_DROP_TIMEOUT = 1.0;

  private static final SecureRandom MASKS = new SecureRandom();
  private static final ScheduledExecutorService TIMERS = timerThread();

  private final WireConnection conn;
  private final WireLog log;
  private final RunSettings settings;
  private final double timeScale;
  private final FrameDecoder decoder;
  private final MessageAssembler assembler;
  private final ExecutorService reactor;
  private final CompletableFuture<Outcome> done = new CompletableFuture<>();
  /** Frames handed to the reactor and not yet taken by it; see {@link #awaitFrameRoom}. */
  private static final int MAX_QUEUED_FRAMES = 256;
  private final java.util.concurrent.Semaphore framesQueued = new java.util.concurrent.Semaphore(MAX_QUEUED_FRAMES);
  /** Octets a blocked write may let the reader queue beyond {@link #MAX_QUEUED_FRAMES}: a 64 MiB echo (L.5) and its frames. */
  private static final long WRITE_OVERDRAFT = 96L << 20;
  /** What a queued frame weighs besides its payload (the task, the frame objects). */
  private static final long FRAME_WEIGHT = 512;
  private final java.util.concurrent.atomic.AtomicLong overdraft = new java.util.concurrent.atomic.AtomicLong();
  /**
   * The overdraft of every connection in this JVM together, held to {@link #WRITE_OVERDRAFT}: with
   * -j 8 against a server that floods pings and never reads (hostile PING_FLOOD_UNREAD), eight
   * overdrafts of their own were 768 MiB of queued frames, and a 256 MiB heap ran out.
   */
  private static final java.util.concurrent.atomic.AtomicLong OVERDRAFT_IN_USE = new java.util.concurrent.atomic.AtomicLong();
  /** The reactor is inside a socket write, which may block until the server reads. */
  private volatile boolean writing;
  /** Frames encoded in the current reactor task, written together when it ends (Twisted's coalescing). */
  private final List<byte[]> pending = new ArrayList<>();
  private long pendingBytes;
  private final List<Event> received = new ArrayList<>();

  private State state = State.OPEN;
  private Expectation expectation;
  private boolean suppressClose;
  private Judgement selfVerdict;
  private Consumer<Event> eventHook;
  private Consumer<Fuzzer> atEnd;
  private final List<Violation> serverViolations = new ArrayList<>();
  private final int[] sentFrames = new int[16];
  private java.util.concurrent.ScheduledFuture<?> closeHandshakeTimer;
  private boolean outputBroken;
  private Agreement agreement;
  private MessageDeflater deflater;
  private MessageInflater inflater;
  private Consumer<CompressedMessage> compressedHook;
  /** The compressed frames of the message in progress, kept only for {@link #compressedHook}. */
  private ByteArrayOutputStream compressedParts;
  private int compressedFrames;

  // Autobahn's close-state fields
  private boolean closedByMe;
  private boolean failedByMe;
  private boolean droppedByMe;
  private boolean wasClean;
  private String wasNotCleanReason;
  private boolean wasServerConnectionDropTimeout;
  private boolean wasCloseHandshakeTimeout;
  private Integer localCloseCode;
  private String localCloseReason;
  private Integer remoteCloseCode;
  private String remoteCloseReason;

  Fuzzer(WireConnection conn, WireLog log, RunSettings settings) {
    this.conn = conn;
    this.log = log;
    this.settings = settings;
    this.timeScale = settings.timeScale();
    this.decoder = new FrameDecoder(FrameDecoder.Sender.SERVER, settings.maxMessage());
    this.assembler = new MessageAssembler(settings.maxMessage(), true);
    this.reactor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "wsconform-case");
      t.setDaemon(true);
      return t;
    });
  }

  private static ScheduledExecutorService timerThread() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "wsconform-timers");
      th.setDaemon(true);
      return th;
    });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  // ---------------------------------------------------------------- lifecycle (runner side)

  /**
   * permessage-deflate was agreed in the handshake (before {@link #start}): RSV1 becomes legal on
   * the first frame of a data message, the server's compressed messages are inflated, and
   * {@link #sendMessage} compresses.
   */
  void negotiated(Agreement a) {
    this.agreement = a;
    this.deflater = new MessageDeflater(a);
    this.inflater = new MessageInflater(a.serverNoContextTakeover(), settings.maxMessage());
    decoder.deflateNegotiated(true);
  }

  /** Runs {@code onOpen} on the reactor, then starts reading (leftover octets first). */
  void start(Consumer<Fuzzer> onOpen, byte[] leftover) {
    post(() -> onOpen.accept(this));
    Thread reader = new Thread(() -> readLoop(leftover), "wsconform-reader");
    reader.setDaemon(true);
    reader.start();
  }

  CompletableFuture<Outcome> done() {
    return done;
  }

  /** The harness's own deadline for a case that never ends: drop TCP and say so. */
  void abandon(String why) {
    post(() -> {
      if (state != State.CLOSED) {
        log.note("harness deadline: " + why);
        if (wasNotCleanReason == null) wasNotCleanReason = why;
        dropConnection();
      }
    });
  }

  /** @return false when the reactor has shut down and the task will never run */
  private boolean post(Runnable task) {
    try {
      reactor.execute(() -> {
        try {
          task.run();
          flushPending();
        } catch (RuntimeException e) {
          log.note("harness fault: " + e);
          if (!done.isDone()) done.completeExceptionally(e);
          dropConnection();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException ignored) {
      // the case is over; late timers and frames have nothing left to act on
      return false;
    }
    return true;
  }

  private void readLoop(byte[] leftover) {
    byte[] buf = new byte[65536];
    try {
      if (leftover.length > 0) {
        log.note(leftover.length + " octets arrived together with the 101 response; they start the frame stream");
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
    post(this::connectionLost);
  }

  /** Decodes on the reader thread, hands complete frames to the reactor. False: stop reading. */
  private boolean deliver(byte[] b, int off, int len) {
    decoder.feed(b, off, len);
    DecodedFrame d;
    while ((d = decoder.next()) != null) {
      DecodedFrame frame = d;
      long weight = frameWeight(frame);
      Room room = awaitFrameRoom(weight);
      if (room == Room.NONE) return false;
      boolean queued = post(() -> {
        if (room == Room.PERMIT) {
          framesQueued.release();
        } else {
          releaseOverdraft(weight);
        }
        onFrame(frame);
      });
      if (!queued && room == Room.OVERDRAFT) releaseOverdraft(weight); // the run's budget, not only this case's
      if (frame.isFatal()) return false;
    }
    return true;
  }

  private enum Room { PERMIT, OVERDRAFT, NONE }

  /**
   * Backpressure: the reader decodes far faster than the reactor answers (a ping flood is a
   * million frames a second), so it waits while {@link #MAX_QUEUED_FRAMES} frames are queued, as
   * Twisted's single loop would.
   *
   * <p>Except while the reactor is blocked in a write: Twisted's writes never block (it buffers
   * them and keeps reading), but ours do, so a server that echoes a 16 MiB message in 8 KiB frames
   * while it still reads it (Tomcat) filled both TCP directions and the two sides waited on each
   * other until the server's send timeout. During a write, frames are queued beyond the limit, up
   * to {@link #WRITE_OVERDRAFT} octets (each frame weighing its payload plus
   * {@link #FRAME_WEIGHT}, so a flood of empty frames is bounded too). NONE: the case ended.
   */
  private Room awaitFrameRoom(long weight) {
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
        if (done.isDone() || reactor.isShutdown()) return Room.NONE;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Room.NONE;
    }
  }

  private void releaseOverdraft(long weight) {
    overdraft.addAndGet(-weight);
    OVERDRAFT_IN_USE.addAndGet(-weight);
  }

  private static long frameWeight(DecodedFrame d) {
    return FRAME_WEIGHT + (d.frame() == null ? 0 : d.frame().payload().length);
  }

  // ---------------------------------------------------------------- API for case scripts

  public void expect(Expectation e) {
    this.expectation = e;
  }

  Expectation expectation() {
    return expectation;
  }

  /** Autobahn's suppressClose: do not close automatically when the expected events arrived. */
  public void suppressClose() {
    this.suppressClose = true;
  }

  /** For cases that judge themselves (9.*, 12.*, 13.*). */
  public void verdict(Behavior b, String result) {
    this.selfVerdict = new Judgement(b, null, result, null);
  }

  /** Called for each event instead of the default record-and-maybe-close (9.7, 12.*, …). */
  public void onEvent(Consumer<Event> hook) {
    this.eventHook = hook;
  }

  public void record(Event e) {
    received.add(e);
  }

  public List<Event> received() {
    return received;
  }

  public State state() {
    return state;
  }

  public boolean isOpen() {
    return state == State.OPEN;
  }

  /** The run's settings (e.g. the target's declared message limit for L.*). */
  public RunSettings settings() {
    return settings;
  }

  public WireLog log() {
    return log;
  }

  public void sendFrame(Frame f) {
    sendFrame(f, SendOptions.DEFAULT);
  }

  /** Writes any frame in any state but CLOSED: the low-level fuzzing send, never refused. */
  public void sendFrame(Frame f, SendOptions o) {
    if (state == State.CLOSED) return;
    int key = o.mask() != null ? o.mask() : MASKS.nextInt();
    log.frameSent(f, o, o.masked() ? key : null);
    sentFrames[f.opcode()]++;
    if (f.payload().length >= STREAMED_FRAME && o.chopSize() == 0 && !o.sync() && o.declaredLength() == null) {
      flushPending();
      writeStreamed(f, o, key);
      return;
    }
    byte[] wire = FrameEncoder.encode(f, o, key);
    if (o.chopSize() > 0 || o.sync()) {
      flushPending();
      write(wire, o.chopSize(), o.sync());
    } else {
      pending.add(wire);
      pendingBytes += wire.length;
    }
  }

  /** Frames from this size on are masked and written in slices instead of encoded whole. */
  private static final int STREAMED_FRAME = 1 << 20;
  private static final int SLICE = 256 << 10;

  /**
   * A big frame masked slice by slice into a small buffer and written as it goes, so a 16 MiB
   * message is not held a second time as its encoded frame. The octets on the wire are exactly
   * what {@link FrameEncoder#encode} would give; only the TCP writes are cut differently, which
   * so much data is anyway.
   */
  private void writeStreamed(Frame f, SendOptions o, int key) {
    byte[] p = f.payload();
    byte[] header = FrameEncoder.encode(new Frame(f.fin(), f.rsv(), f.opcode(), new byte[0]),
        o.withDeclaredLength((long) p.length), key);
    int first = Math.min(SLICE - header.length, p.length);
    byte[] slice = new byte[header.length + first];
    System.arraycopy(header, 0, slice, 0, header.length);
    maskInto(o, key, p, 0, slice, header.length, first);
    write(slice, 0, false);
    for (int i = first; i < p.length; i += SLICE) {
      int n = Math.min(SLICE, p.length - i);
      if (n != slice.length) slice = new byte[n];
      maskInto(o, key, p, i, slice, 0, n);
      write(slice, 0, false);
    }
  }

  private static void maskInto(SendOptions o, int key, byte[] src, int at, byte[] dst, int dstOff, int n) {
    if (o.masked()) {
      org.wsconform.wire.Masking.mask(key, at & 3, src, at, dst, dstOff, n);
    } else {
      System.arraycopy(src, at, dst, dstOff, n);
    }
  }

  /** Writes raw octets (e.g. a frame header alone, or a payload streamed in parts). */
  public void sendOctets(byte[] octets, boolean sync) {
    if (state == State.CLOSED) return;
    flushPending();
    write(octets, 0, sync);
  }

  /**
   * Autobahn's sendMessage: one frame, or fragments of {@code fragmentSize} (0 = none). Its
   * quirk is kept: a length that is an exact multiple of the fragment size ends with an empty
   * FIN continuation frame. Only in OPEN. When permessage-deflate was agreed the message is
   * compressed first and the compressed payload is what gets split (Autobahn's AUTOFRAG), RSV1
   * on the first frame only (RFC 7692 §6.1).
   */
  public void sendMessage(byte[] payload, boolean binary, int fragmentSize, SendOptions o) {
    if (state != State.OPEN) return;
    if (deflater != null) {
      sendFragments(deflater.compress(payload), binary, 4, fragmentSize, o);
    } else {
      sendFragments(payload, binary, 0, fragmentSize, o);
    }
  }

  private void sendFragments(byte[] payload, boolean binary, int firstRsv, int fragmentSize, SendOptions o) {
    if (state != State.OPEN) return;
    int opcode = binary ? Opcode.BINARY : Opcode.TEXT;
    if (fragmentSize <= 0 || payload.length <= fragmentSize) {
      sendFrame(new Frame(true, firstRsv, opcode, payload), o);
      return;
    }
    int n = payload.length;
    int i = 0;
    boolean first = true;
    boolean last = false;
    while (!last) {
      int j = i + fragmentSize;
      if (j > n) {
        last = true;
        j = n;
      }
      byte[] part = java.util.Arrays.copyOfRange(payload, i, j);
      sendFrame(new Frame(last, first ? firstRsv : 0, first ? opcode : Opcode.CONTINUATION, part), o);
      first = false;
      i += fragmentSize;
    }
  }

  // ---------------------------------------------------------------- permessage-deflate (RFC 7692)

  /** What permessage-deflate negotiation settled for this connection; empty when none was agreed. */
  public Optional<Agreement> agreement() {
    return Optional.ofNullable(agreement);
  }

  /** The compressor {@link #sendMessage} uses (its context is the session's); empty without an agreement. */
  public Optional<MessageDeflater> deflater() {
    return Optional.ofNullable(deflater);
  }

  /**
   * Autobahn's sendMessage with {@code doNotCompress}: the payload goes out as it is, RSV1 clear,
   * even when permessage-deflate was agreed.
   */
  public void sendMessageUncompressed(byte[] payload, boolean binary, int fragmentSize, SendOptions o) {
    sendFragments(payload, binary, 0, fragmentSize, o);
  }

  /**
   * Sends an already compressed payload (e.g. several deflate blocks, or corrupt data on purpose)
   * as one message: RSV1 on the first frame only, split into frames of {@code fragmentSize}
   * octets like {@link #sendMessage}.
   */
  public void sendCompressed(byte[] compressed, boolean binary, int fragmentSize, SendOptions o) {
    sendFragments(compressed, binary, 4, fragmentSize, o);
  }

  /**
   * Called with every message the server sent compressed (RSV1), as it was on the wire, before
   * the message's event is delivered: for the cases that check the server's window and context.
   */
  public void onCompressedMessage(Consumer<CompressedMessage> hook) {
    this.compressedHook = hook;
  }

  public void sendMessage(String text) {
    sendMessage(text.getBytes(StandardCharsets.UTF_8), false, 0, SendOptions.DEFAULT);
  }

  /** Starts the closing handshake (Autobahn's sendClose): only in OPEN; arms the 1 s reply wait. */
  public void sendClose(Integer code, String reason) {
    sendCloseFrame(code, reason == null ? null : reason.getBytes(StandardCharsets.UTF_8), false);
  }

  /**
   * Autobahn's sendCloseFrame, permissive: the payload is the code (if any) followed by the raw
   * reason octets (if any), whatever they are — a 1-octet payload, an invalid code, a reason that
   * is not UTF-8 or too long. Starts the closing handshake like {@link #sendClose}.
   */
  public void sendCloseRaw(Integer code, byte[] reason) {
    if (state != State.OPEN) return;
    byte[] r = reason == null ? new byte[0] : reason;
    byte[] payload;
    if (code == null) {
      payload = r;
    } else {
      payload = new byte[2 + r.length];
      payload[0] = (byte) (code >> 8);
      payload[1] = (byte) (int) code;
      System.arraycopy(r, 0, payload, 2, r.length);
    }
    sendFrame(Frame.of(Opcode.CLOSE, payload));
    closedByMe = true;
    localCloseCode = code;
    localCloseReason = reason == null ? null : new String(r, StandardCharsets.UTF_8);
    state = State.CLOSING;
    armCloseHandshakeTimeout();
  }

  /** Half-closes TCP: the harness sends nothing more, the server may still answer and close. */
  public void shutdownOutput() {
    flushPending();
    try {
      conn.shutdownOutput();
      log.note("TCP half-closed by me (shutdownOutput)");
    } catch (IOException e) {
      log.note("half-close failed: " + e.getMessage());
    }
  }

  /** Runs when the connection is gone, before the verdict (e.g. 10.1.1 checks its own frame counts). */
  public void atEnd(Consumer<Fuzzer> check) {
    this.atEnd = check;
  }

  /**
   * The close state so far, in Autobahn's terms; final in an {@link #atEnd} check. For cases that
   * word their own verdict (who closed, with which code).
   */
  public CloseState closeState() {
    return new CloseState(closedByMe, failedByMe, droppedByMe, wasClean, wasNotCleanReason,
        wasServerConnectionDropTimeout, false, wasCloseHandshakeTimeout, localCloseCode, localCloseReason,
        remoteCloseCode, remoteCloseReason, droppedByMe ? "me" : "peer");
  }

  /** How many frames of this opcode the harness has sent (Autobahn's txFrameStats). */
  public int sentFrames(int opcode) {
    return sentFrames[opcode];
  }

  /**
   * Starts one frame whose header declares {@code length} octets; its payload then goes out in
   * parts with {@link FrameStream#send}, each part its own write (Autobahn 6.4.3/6.4.4 stream a
   * single frame across pauses). Masking continues across parts.
   */
  public FrameStream streamFrame(boolean fin, int rsv, int opcode, long length) {
    int key = MASKS.nextInt();
    byte[] header = FrameEncoder.encode(new Frame(fin, rsv, opcode, new byte[0]),
        SendOptions.DEFAULT.withMask(key).withDeclaredLength(length), key);
    log.add(WireLog.Kind.TF, Opcode.name(opcode) + " fin=" + (fin ? 1 : 0) + " rsv=" + rsv + " header only, declares "
        + length + " octets, payload streamed in parts; mask=" + String.format("%08x", key), (int) Math.min(length, Integer.MAX_VALUE), null);
    sentFrames[opcode]++;
    sendOctets(header, true);
    return new FrameStream(key);
  }

  /** The payload of a frame started with {@link #streamFrame}, sent in parts. */
  public final class FrameStream {
    private final int key;
    private long sent;

    private FrameStream(int key) {
      this.key = key;
    }

    public void send(byte[] part) {
      byte[] masked = new byte[part.length];
      org.wsconform.wire.Masking.mask(key, (int) (sent & 3), part, 0, masked, 0, part.length);
      sent += part.length;
      log.note("frame payload part of " + part.length + " octets: " + org.wsconform.wire.Hex.preview(part, 32));
      sendOctets(masked, true);
    }
  }

  /** killAfter: if OPEN, fail the connection with 1001 "Going Away"; if CLOSING, drop TCP. */
  public void killAfter(double seconds) {
    log.add(WireLog.Kind.KL, "killAfter " + seconds + " s armed", null, null);
    later(seconds, () -> {
      log.add(WireLog.Kind.KLE, "killAfter " + seconds + " s fired", null, null);
      failConnection(CloseCode.GOING_AWAY, "Going Away");
    });
  }

  /** closeAfter: an empty close frame, if still OPEN. */
  public void closeAfter(double seconds) {
    log.add(WireLog.Kind.TI, "closeAfter " + seconds + " s armed", null, null);
    later(seconds, () -> {
      log.add(WireLog.Kind.TIE, "closeAfter " + seconds + " s fired", null, null);
      sendCloseFrame(null, null, false);
    });
  }

  /** A plain pause before the next step of the script. */
  public void continueLater(double seconds, String tag, Runnable step) {
    log.add(WireLog.Kind.CT, "pause " + seconds + " s (" + tag + ")", null, null);
    later(seconds, () -> {
      log.add(WireLog.Kind.CTE, "pause " + tag + " ended", null, null);
      step.run();
    });
  }

  private java.util.concurrent.ScheduledFuture<?> later(double seconds, Runnable task) {
    long nanos = (long) (seconds * timeScale * 1e9);
    return TIMERS.schedule(() -> post(() -> {
      if (state != State.CLOSED) task.run();
    }), nanos, TimeUnit.NANOSECONDS);
  }

  // ---------------------------------------------------------------- protocol machinery

  private void write(byte[] b, int chop, boolean sync) {
    if (outputBroken) return;
    writing = true;
    try {
      conn.write(b, chop, sync);
    } catch (IOException e) {
      // Stop writing but keep reading: what the server sent before it dropped TCP (an echo, its
      // close frame) is still in our receive buffer and must be judged, as Twisted would.
      outputBroken = true;
      log.note("write failed (" + e.getMessage() + "); no more writes, reading what the server already sent");
    } finally {
      writing = false;
    }
  }

  /**
   * Writes what this task encoded as one TCP write, as Twisted coalesces a task's writes. A single
   * frame is written as it is (no copy: a 16 MiB frame is not held twice); several small ones are
   * joined; above {@link #COALESCE_LIMIT} they go out one by one, since so much data spans many
   * TCP segments whatever we do.
   */
  private void flushPending() {
    if (pending.isEmpty()) return;
    if (state == State.CLOSED) {
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

  private static final int COALESCE_LIMIT = 1 << 20;

  private void sendCloseFrame(Integer code, byte[] reason, boolean isReply) {
    if (state != State.OPEN) return;
    sendFrame(Frame.close(code, reason));
    closedByMe = !isReply;
    localCloseCode = code;
    localCloseReason = reason == null ? null : new String(reason, StandardCharsets.UTF_8);
    state = State.CLOSING;
    if (closedByMe) armCloseHandshakeTimeout();
  }

  private void armCloseHandshakeTimeout() {
    closeHandshakeTimer = later(CLOSE_HANDSHAKE_TIMEOUT, () -> {
      wasClean = false;
      wasNotCleanReason = "peer did not respond (in time) in closing handshake";
      wasCloseHandshakeTimeout = true;
      log.note("close handshake timeout: no close frame from the server within " + CLOSE_HANDSHAKE_TIMEOUT + " s");
      dropConnection();
    });
  }

  private void failConnection(int code, String reason) {
    if (state == State.CLOSED) return;
    failedByMe = true;
    if (state != State.CLOSING) {
      sendCloseFrame(code, reason.getBytes(StandardCharsets.UTF_8), false);
    } else {
      dropConnection();
    }
  }

  private void dropConnection() {
    if (state == State.CLOSED) return;
    flushPending();
    droppedByMe = true;
    state = State.CLOSED;
    log.add(WireLog.Kind.DROP, "TCP dropped by me (the harness)", null, null);
    conn.close();
    // as in Twisted, connectionLost comes after the current event has been handled in full
    // (e.g. a close frame whose violation made us drop still sets the remote close code)
    post(() -> finish("me"));
  }

  private void connectionLost() {
    if (state != State.CLOSED) {
      state = State.CLOSED;
      log.add(WireLog.Kind.DROP, "TCP dropped by peer (the server)", null, null);
      conn.close();
      finish("peer");
    }
  }

  private void finish(String tcpClosedBy) {
    if (done.isDone()) return;
    if (!wasClean && !droppedByMe && wasNotCleanReason == null) {
      wasNotCleanReason = "peer dropped the TCP connection without previous WebSocket closing handshake";
    }
    CloseState cs = new CloseState(closedByMe, failedByMe, droppedByMe, wasClean, wasNotCleanReason,
        wasServerConnectionDropTimeout, false, wasCloseHandshakeTimeout, localCloseCode, localCloseReason,
        remoteCloseCode, remoteCloseReason, tcpClosedBy);
    if (atEnd != null) {
      try {
        atEnd.accept(this);
      } catch (RuntimeException e) {
        log.note("harness fault in the case's end check: " + e);
      }
    }
    done.complete(new Outcome(List.copyOf(received), cs, selfVerdict, List.copyOf(serverViolations)));
    if (deflater != null) deflater.close();
    if (inflater != null) inflater.close();
    reactor.shutdown();
  }

  private void violation(Violation v) {
    serverViolations.add(v);
    log.add(WireLog.Kind.VIOLATION, v.toString(), null, null);
    failConnection(v.closeCode(), v.message());
  }

  private void onFrame(DecodedFrame d) {
    if (state == State.CLOSED) return;
    if (d.frame() == null) { // fatal: the stream cannot be decoded further
      violation(d.violations().get(0));
      dropConnection();
      return;
    }
    log.frameReceived(d);
    Frame f = d.frame();
    if (!d.isClean()) {
      violation(d.violations().get(0));
      // Autobahn goes on processing a close frame after the violation (failByDrop is false)
      if (f.opcode() != Opcode.CLOSE) return;
    }
    switch (f.opcode()) {
      case Opcode.CLOSE -> onCloseFrame(f, d.isClean());
      case Opcode.PING -> {
        if (state == State.OPEN) sendFrame(Frame.pong(f.payload()));
      }
      case Opcode.PONG -> deliver(Event.pong(f.payload()));
      default -> onDataFrame(f);
    }
  }

  private void onDataFrame(Frame f) {
    MessageAssembler.Step step = assembler.accept(f, true);
    if (step instanceof MessageAssembler.Broken b) {
      violation(b.violation());
    } else if (step instanceof MessageAssembler.Complete c && !failedByMe) {
      deliver(Event.message(c.payload(), c.binary()));
    } else if (step instanceof MessageAssembler.CompressedPart part) {
      onCompressedPart(part);
    }
  }

  /**
   * A frame of a compressed message (RFC 7692 §6.2): inflated as it arrives; at the last frame
   * the tail is appended, a text message's UTF-8 is checked on the inflated octets, and the
   * message is delivered. Only reached with an agreement: without one RSV1 is a violation in
   * {@link FrameDecoder}, and the frame never gets here.
   */
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** Where the first 8-octet word with a non-ASCII octet starts (the length when there is none). */
  static int asciiPrefix(byte[] b) {
    int i = 0;
    for (; i + 8 <= b.length; i += 8) {
      if (((long) LONGS.get(b, i) & 0x8080808080808080L) != 0) return i;
    }
    return i;
  }

  private void onCompressedPart(MessageAssembler.CompressedPart part) {
    if (failedByMe) return; // the connection is failing: no more messages, and no inflating
    if (compressedHook != null) {
      if (part.first()) {
        compressedParts = new ByteArrayOutputStream();
        compressedFrames = 0;
      }
      compressedParts.write(part.payload(), 0, part.payload().length);
      compressedFrames++;
    }
    Violation v = inflater.feed(part.payload(), 0, part.payload().length);
    if (v != null) {
      inflater.abort();
      violation(v);
      return;
    }
    if (!part.fin()) return;
    MessageInflater.Result r = inflater.finish();
    if (r instanceof MessageInflater.Failed failed) {
      violation(failed.violation());
      return;
    }
    byte[] payload = ((MessageInflater.Inflated) r).payload();
    if (!part.binary()) {
      // ASCII needs no state: the validator starts at the first word holding a high bit
      int skip = asciiPrefix(payload);
      Utf8Validator u = new Utf8Validator();
      if (!(u.update(payload, skip, payload.length - skip) && u.isComplete())) {
        violation(MessageAssembler.invalidUtf8(u.isFailed() ? skip + u.failedAt() : payload.length));
        return;
      }
    }
    if (compressedHook != null) {
      byte[] wire = compressedParts.toByteArray();
      compressedParts = null;
      compressedHook.accept(new CompressedMessage(part.binary(), wire, compressedFrames, payload));
    }
    deliver(Event.message(payload, part.binary()));
  }

  private void onCloseFrame(Frame f, boolean clean) {
    byte[] p = f.payload();
    Integer code = p.length >= 2 ? ((p[0] & 0xff) << 8) | (p[1] & 0xff) : null;
    // Autobahn: after an invalid code was reported, the remote code is taken as 1000
    remoteCloseCode = code != null && !CloseCode.isValidOnWire(code) ? Integer.valueOf(CloseCode.NORMAL) : code;
    remoteCloseReason = p.length > 2 && clean ? new String(p, 2, p.length - 2, StandardCharsets.UTF_8) : null;
    if (state == State.CLOSING) {
      if (closeHandshakeTimer != null) closeHandshakeTimer.cancel(false);
      wasClean = true;
      later(SERVER_CONNECTION_DROP_TIMEOUT, () -> {
        wasClean = false;
        wasNotCleanReason = "server did not drop TCP connection (in time)";
        wasServerConnectionDropTimeout = true;
        log.note("the server did not close TCP within " + SERVER_CONNECTION_DROP_TIMEOUT + " s of the close handshake");
        dropConnection();
      });
    } else if (state == State.OPEN) {
      wasClean = true;
      sendCloseFrame(CloseCode.NORMAL, null, true);
    }
  }

  private void deliver(Event e) {
    if (eventHook != null) {
      eventHook.accept(e);
      return;
    }
    received.add(e);
    finishWhenDone();
  }

  /** Autobahn's finishWhenDone: once received equals every expected list, close as expected. */
  private void finishWhenDone() {
    if (expectation == null) return;
    for (List<Event> l : expectation.outcomes().values()) {
      if (!l.equals(received)) return;
    }
    if (expectation.close().closedByMe() && !suppressClose) {
      sendClose(expectation.close().closeCodes().get(0), null);
    }
  }
}
