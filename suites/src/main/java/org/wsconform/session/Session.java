package org.wsconform.session;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.wsconform.deflate.Agreement;
import org.wsconform.deflate.CompressedMessage;
import org.wsconform.deflate.MessageDeflater;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.Judgement;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameDecoder;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.MessageAssembler;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.StreamedFrameWriter;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * One case's connection after the opening handshake, as its script sees it: Autobahn's fuzzing
 * protocol (autobahn-python 0.10.9 semantics) on a small single-threaded {@link Reactor}.
 *
 * <p>Every state change happens on the reactor: case steps, timers, and the frames the reader
 * thread decodes, so there is no race between, say, a kill timer and an arriving close frame —
 * exactly as in Autobahn's Twisted event loop. Frames written in one task without {@code sync} or
 * chopping are coalesced into one TCP write, as Twisted does.
 *
 * <p>The {@link Role} decides the masking both ways; the {@link PeerModel} what the other end's
 * application does. The case ends when TCP is gone; {@link #done()} then completes.
 */
public final class Session {
  public enum State {
    OPEN,
    CLOSING,
    CLOSED
  }

  private static final SecureRandom MASKS = new SecureRandom();

  private final WireLog log;
  private final SessionSettings settings;
  private final Role role;
  private final Peer peer;
  private final PeerAdapter adapter;
  private final FrameDecoder decoder;
  private final CompletableFuture<SessionOutcome> done = new CompletableFuture<>();
  private final Reactor reactor;
  private final Outbox outbox;
  private final CloseHandshake close;
  private final Inbox inbox;
  private final ScriptSteps steps;
  private final FrameReader reader;
  private DeflateStream deflate;
  private final CompressionTally compression = new CompressionTally();
  private Judgement selfVerdict;
  private Consumer<Session> atEnd;
  private final int[] sentFrames = new int[16];

  Session(
      WireConnection conn,
      WireLog log,
      SessionSettings settings,
      Role role,
      Peer peer,
      String peerNeed) {
    this.log = log;
    this.settings = settings;
    this.role = role;
    this.peer = peer;
    this.adapter = peer.echo() ? null : new PeerAdapter(this, peer, log, peerNeed);
    this.decoder = new FrameDecoder(role.peerSender(), settings.maxMessage());
    this.reactor =
        new Reactor(log, settings.timeScale(), done, this::afterTask, this::dropConnection);
    Backpressure backpressure = new Backpressure();
    this.outbox = new Outbox(conn, log, backpressure, this::isClosed, role.peer());
    this.close = new CloseHandshake(this, conn, log, reactor, outbox, role);
    this.inbox = new Inbox(this, log, new MessageAssembler(settings.maxMessage(), true), close);
    this.steps = new ScriptSteps(log, close, inbox, adapter);
    this.reader =
        new FrameReader(
            conn, log, decoder, backpressure, reactor, done, inbox::onFrame, close::connectionLost);
  }

  // ---------------------------------------------------------------- lifecycle, reached through
  // SessionDriver

  /**
   * permessage-deflate was agreed in the handshake (before {@link #start}): RSV1 becomes legal on
   * the first frame of a data message, the peer's compressed messages are inflated, and {@link
   * #sendMessage} compresses.
   */
  void negotiated(Agreement a) {
    // the session reads every agreement as (peer = server fields, us = client fields)
    if (role == Role.SERVER) a = a.mirrored();
    this.deflate = new DeflateStream(inbox, close, a, settings.maxMessage(), compression);
    inbox.deflate(deflate);
    decoder.deflateNegotiated(true);
  }

  /** Why no permessage-deflate was agreed, when the harness (as the server) declined the offers. */
  private volatile String declined;

  void declined(String why) {
    this.declined = why;
  }

  /** Runs {@code onOpen} on the reactor, then starts reading (leftover octets first). */
  void start(Consumer<Session> onOpen, byte[] leftover) {
    reactor.post(() -> onOpen.accept(this));
    reader.start(leftover);
  }

  CompletableFuture<SessionOutcome> done() {
    return done;
  }

  /** The harness's own deadline for a case that never ends: drop TCP and say so. */
  void abandon(String why) {
    reactor.post(() -> close.abandon(why));
  }

  /** What the case's script expects, once it set it. */
  Expectation expectation() {
    return inbox.expectation();
  }

  public Role role() {
    return role;
  }

  public PeerModel peerModel() {
    return peer.model();
  }

  /** The adapter of a peer that does not echo, or null for an echo peer. */
  PeerAdapter adapter() {
    return adapter;
  }

  /** Whether the expected events must not close the connection yet (a probe is still to go). */
  boolean awaitingProbe() {
    return adapter != null && adapter.awaitingProbe();
  }

  /** The adapter's expectation once its probe went out. */
  void reexpect(Expectation e) {
    inbox.expect(e);
  }

  boolean isDone() {
    return done.isDone();
  }

  /** The connection is gone: the case's end check, then the outcome. */
  void end(CloseState cs) {
    if (atEnd != null) {
      try {
        atEnd.accept(this);
      } catch (RuntimeException e) {
        log.note("harness fault in the case's end check: " + e);
      }
    }
    done.complete(
        new SessionOutcome(
            List.copyOf(inbox.received()),
            cs,
            selfVerdict,
            List.copyOf(inbox.violations()),
            adapter == null ? null : adapter.report()));
    if (deflate != null) deflate.close();
    reactor.shutdown();
  }

  // ---------------------------------------------------------------- API for case scripts

  /**
   * What the case accepts. Against a peer that does not echo, the expected echoes are taken out and
   * a probe follows the case's last message ({@link PeerAdapter}).
   */
  public void expect(Expectation e) {
    inbox.expect(adapter == null ? e : adapter.adapt(e));
  }

  /** Autobahn's suppressClose: do not close automatically when the expected events arrived. */
  public void suppressClose() {
    inbox.suppressClose();
  }

  /** For cases that judge themselves (9.*, 12.*, 13.*). */
  public void verdict(Behavior b, String result) {
    this.selfVerdict = new Judgement(b, null, result, null);
  }

  /** Called for each event instead of the default record-and-maybe-close (9.7, 12.*, …). */
  public void onEvent(Consumer<Event> hook) {
    inbox.onEvent(hook);
  }

  public void record(Event e) {
    inbox.received().add(e);
  }

  public List<Event> received() {
    return inbox.received();
  }

  /**
   * The masking key of every masked frame the peer sent so far, in order (a client's keys must be
   * fresh and unpredictable, RFC 6455 §5.3).
   */
  public List<Integer> maskKeys() {
    return List.copyOf(inbox.maskKeys());
  }

  /**
   * As the server: once the close frames have crossed, keep TCP open for {@code seconds} before
   * closing it, instead of at once, so a client that closes TCP first (RFC 6455 §7.1.1: it should
   * wait for the server) shows in {@link CloseState#tcpClosedBy()}.
   */
  public void holdTcpAfterClose(double seconds) {
    close.holdTcpAfterClose(seconds);
  }

  public State state() {
    return close.state();
  }

  public boolean isOpen() {
    return close.state() == State.OPEN;
  }

  private boolean isClosed() {
    return close.state() == State.CLOSED;
  }

  /** The run's settings (e.g. the target's declared message limit for L.*). */
  public SessionSettings settings() {
    return settings;
  }

  public WireLog log() {
    return log;
  }

  public void sendFrame(Frame f) {
    sendFrame(f, SendOptions.DEFAULT);
  }

  /** Writes any frame in any state but CLOSED: the low-level fuzzing send, never refused. */
  public void sendFrame(Frame f, SendOptions options) {
    if (isClosed()) return;
    SendOptions o = role.outgoing(options);
    int key = o.mask() != null ? o.mask() : MASKS.nextInt();
    log.frameSent(f, o, o.masked() ? key : null);
    sentFrames[f.opcode()]++;
    if (adapter != null)
      adapter.sent(f, o.declaredLength() != null && o.declaredLength() != f.payload().length);
    if (StreamedFrameWriter.streams(f, o)) {
      outbox.flush();
      outbox.writeStreamed(f, o, key);
      return;
    }
    byte[] wire = FrameEncoder.encode(f, o, key);
    if (o.chopSize() > 0 || o.sync()) {
      outbox.flush();
      outbox.write(wire, o.chopSize(), o.sync());
    } else {
      outbox.add(wire);
    }
  }

  /** Writes raw octets (e.g. a frame header alone, or a payload streamed in parts). */
  public void sendOctets(byte[] octets, boolean sync) {
    if (isClosed()) return;
    outbox.flush();
    outbox.write(octets, 0, sync);
  }

  /**
   * Autobahn's sendMessage: one frame, or fragments of {@code fragmentSize} (0 = none). Its quirk
   * is kept: a length that is an exact multiple of the fragment size ends with an empty FIN
   * continuation frame. Only in OPEN. When permessage-deflate was agreed the message is compressed
   * first and the compressed payload is what gets split (Autobahn's AUTOFRAG), RSV1 on the first
   * frame only (RFC 7692 §6.1).
   */
  public void sendMessage(byte[] payload, boolean binary, int fragmentSize, SendOptions o) {
    if (!isOpen()) return;
    if (deflate != null) {
      byte[] compressed = deflate.deflater().compress(payload);
      compression.sent(payload.length, compressed.length);
      sendFragments(compressed, binary, 4, fragmentSize, o);
    } else {
      sendFragments(payload, binary, 0, fragmentSize, o);
    }
  }

  private void sendFragments(
      byte[] payload, boolean binary, int firstRsv, int fragmentSize, SendOptions o) {
    if (!isOpen()) return;
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
      byte[] part = Arrays.copyOfRange(payload, i, j);
      sendFrame(
          new Frame(last, first ? firstRsv : 0, first ? opcode : Opcode.CONTINUATION, part), o);
      first = false;
      i += fragmentSize;
    }
  }

  // ---------------------------------------------------------------- permessage-deflate (RFC 7692)

  /**
   * What permessage-deflate negotiation settled for this connection; empty when none was agreed.
   */
  public Optional<Agreement> agreement() {
    return Optional.ofNullable(deflate == null ? null : deflate.agreement());
  }

  /**
   * Why nothing was agreed, in the words of the harness's role: as the server it names what the
   * client offered (none, only invalid offers, or no client_max_window_bits the case needs); as the
   * client, the server declined our offers.
   */
  public String whyNoAgreement() {
    if (role == Role.SERVER) {
      return declined != null
          ? declined
          : "No permessage-deflate was agreed with the client: nothing to test.";
    }
    return "The server declined every permessage-deflate offer: nothing to test "
        + "(RFC 7692 §5: accepting the extension is the server's choice).";
  }

  /**
   * The compressor {@link #sendMessage} uses (its context is the session's); empty without an
   * agreement.
   */
  public Optional<MessageDeflater> deflater() {
    return Optional.ofNullable(deflate == null ? null : deflate.deflater());
  }

  /**
   * Autobahn's sendMessage with {@code doNotCompress}: the payload goes out as it is, RSV1 clear,
   * even when permessage-deflate was agreed.
   */
  public void sendMessageUncompressed(
      byte[] payload, boolean binary, int fragmentSize, SendOptions o) {
    sendFragments(payload, binary, 0, fragmentSize, o);
  }

  /**
   * Sends an already compressed payload (e.g. several deflate blocks, or corrupt data on purpose)
   * as one message: RSV1 on the first frame only, split into frames of {@code fragmentSize} octets
   * like {@link #sendMessage}.
   */
  public void sendCompressed(byte[] compressed, boolean binary, int fragmentSize, SendOptions o) {
    sendFragments(compressed, binary, 4, fragmentSize, o);
  }

  /**
   * {@link #sendCompressed} for a well-formed message of {@code uncompressedLength} octets
   * compressed ahead of time: counted in {@link #compression()} as the session's own would be.
   */
  public void sendCompressed(
      byte[] compressed, int uncompressedLength, boolean binary, int fragmentSize, SendOptions o) {
    if (!isOpen()) return;
    compression.sent(uncompressedLength, compressed.length);
    sendFragments(compressed, binary, 4, fragmentSize, o);
  }

  /** What permessage-deflate did to this session's messages so far, each way. */
  public CompressionTally compression() {
    return compression;
  }

  /**
   * Called with every message the peer sent compressed (RSV1), as it was on the wire, before the
   * message's event is delivered: for the cases that check the server's window and context.
   */
  public void onCompressedMessage(Consumer<CompressedMessage> hook) {
    inbox.onCompressedMessage(hook);
  }

  public void sendMessage(String text) {
    sendMessage(text.getBytes(StandardCharsets.UTF_8), false, 0, SendOptions.DEFAULT);
  }

  // ---------------------------------------------------------------- closing

  /** Starts the closing handshake (Autobahn's sendClose): only in OPEN; arms the 1 s reply wait. */
  public void sendClose(Integer code, String reason) {
    close.sendCloseFrame(
        code, reason == null ? null : reason.getBytes(StandardCharsets.UTF_8), false);
  }

  /**
   * Autobahn's sendCloseFrame, permissive: the payload is the code (if any) followed by the raw
   * reason octets (if any), whatever they are — a 1-octet payload, an invalid code, a reason that
   * is not UTF-8 or too long. Starts the closing handshake like {@link #sendClose}.
   */
  public void sendCloseRaw(Integer code, byte[] reason) {
    close.sendCloseRaw(code, reason);
  }

  /** Half-closes TCP: the harness sends nothing more, the peer may still answer and close. */
  public void shutdownOutput() {
    outbox.flush();
    outbox.shutdownOutput();
  }

  /**
   * Runs when the connection is gone, before the verdict (e.g. 10.1.1 checks its own frame counts).
   */
  public void atEnd(Consumer<Session> check) {
    this.atEnd = check;
  }

  /**
   * The close state so far, in Autobahn's terms; final in an {@link #atEnd} check. For cases that
   * word their own verdict (who closed, with which code).
   */
  public CloseState closeState() {
    return close.closeState();
  }

  /** How many frames of this opcode the harness has sent (Autobahn's txFrameStats). */
  public int sentFrames(int opcode) {
    return sentFrames[opcode];
  }

  /**
   * Starts one frame whose header declares {@code length} octets; its payload then goes out in
   * parts with {@link FrameStream#send}, each part its own write (Autobahn 6.4.3/6.4.4 stream a
   * single frame across pauses). Masking, when the role masks, continues across parts.
   */
  public FrameStream streamFrame(boolean fin, int rsv, int opcode, long length) {
    Frame header = new Frame(fin, rsv, opcode, new byte[0]);
    sentFrames[opcode]++;
    if (adapter != null) adapter.sent(header, length > 0);
    return FrameStream.start(this, role.masks(), header, length);
  }

  /** killAfter: if OPEN, fail the connection with 1001 "Going Away"; if CLOSING, drop TCP. */
  public void killAfter(double seconds) {
    steps.killAfter(seconds);
  }

  /** closeAfter: an empty close frame, if still OPEN. */
  public void closeAfter(double seconds) {
    steps.closeAfter(seconds);
  }

  /** A plain pause before the next step of the script. */
  public void continueLater(double seconds, String tag, Runnable step) {
    steps.continueLater(seconds, tag, step);
  }

  /**
   * The next step of the script once an event {@code awaited} accepts has been received (recorded
   * as usual first), or after {@code atMostSeconds} if none has: whichever comes first, once. The
   * step's writes then no longer race with how fast the peer dispatches what it already read.
   */
  public void continueWhen(
      Predicate<Event> awaited, double atMostSeconds, String tag, Runnable step) {
    steps.continueWhen(awaited, atMostSeconds, tag, step);
  }

  /** After every reactor task: a pending probe goes out, then what the task encoded. */
  private void afterTask() {
    if (adapter != null && !isClosed()) adapter.afterTask();
    outbox.flush();
  }

  private void dropConnection() {
    close.dropConnection();
  }
}
