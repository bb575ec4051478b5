package org.wsconform.perf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.wsconform.deflate.MessageDeflater;
import org.wsconform.deflate.MessageInflater;
import org.wsconform.deflate.Negotiation;
import org.wsconform.deflate.PermessageDeflate;
import org.wsconform.wire.DecodedFrame;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameDecoder;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.Header;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.ResponseReader;
import org.wsconform.wire.SecWebSocketAccept;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.UpgradeRequest;

/**
 * One non-blocking client connection of the load generator, on the harness's own codec (wire/ and
 * deflate/): the handshake, masked frames out, frames in, permessage-deflate both ways. Driven by
 * {@link Generator}'s single selector thread; nothing here blocks or is thread-safe.
 */
final class PerfConnection {
  enum State {
    CONNECTING,
    UPGRADING,
    OPEN,
    CLOSED
  }

  /** The largest frame accepted from the target (a 64 KiB echo with room to spare). */
  static final long MAX_PAYLOAD = 64L << 20;

  /** The offer a browser makes: permessage-deflate with our window left to the server. */
  static final String DEFLATE_OFFER =
      PermessageDeflate.offer(
          PermessageDeflate.offer().with(PermessageDeflate.CLIENT_MAX_WINDOW_BITS));

  final int id;
  final SocketChannel channel;
  SelectionKey key;
  State state = State.CONNECTING;
  final long startNanos;
  long openNanos;
  String failure;
  private final byte[] request;
  private final String acceptExpected;
  private final boolean offerDeflate;
  private byte[] head = new byte[1024];
  private int headLength;
  private final FrameDecoder decoder = new FrameDecoder(FrameDecoder.Sender.SERVER, MAX_PAYLOAD);
  private MessageDeflater deflater;
  private MessageInflater inflater;
  private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
  long pendingOctets;
  private final SplittableRandom random;

  // the message being received: its length so far and whether it is compressed
  private long messageLength;
  private boolean messageCompressed;
  private boolean inMessage;

  // messages in flight, in send order (an echo server answers in order): intended and sent times
  private long[] intended = new long[64];
  private long[] sent = new long[64];
  private int head0;
  private int inFlight;

  PerfConnection(
      int id,
      SocketChannel channel,
      Endpoint endpoint,
      List<Header> headers,
      boolean offerDeflate,
      long startNanos,
      SplittableRandom random) {
    this.id = id;
    this.channel = channel;
    this.startNanos = startNanos;
    this.offerDeflate = offerDeflate;
    this.random = random;
    byte[] k = new byte[16];
    random.nextBytes(k);
    String wsKey = java.util.Base64.getEncoder().encodeToString(k);
    this.acceptExpected = SecWebSocketAccept.of(wsKey);
    List<Header> extra = new ArrayList<>(headers);
    if (offerDeflate) extra.add(new Header("Sec-WebSocket-Extensions", DEFLATE_OFFER));
    this.request = UpgradeRequest.canonical(endpoint, wsKey, extra).toBytes();
  }

  static SocketChannel open(InetSocketAddress target, String source) throws IOException {
    SocketChannel ch = SocketChannel.open();
    try {
      ch.configureBlocking(false);
      ch.socket().setTcpNoDelay(true);
      if (source != null) ch.bind(new InetSocketAddress(source, 0));
      ch.connect(target);
      return ch;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }

  boolean deflate() {
    return deflater != null;
  }

  int inFlight() {
    return inFlight;
  }

  /** The TCP connect finished: the upgrade request goes out. */
  void connected() throws IOException {
    channel.finishConnect();
    state = State.UPGRADING;
    enqueue(ByteBuffer.wrap(request));
  }

  /**
   * Reads the 101 response; returns the octets after it (frames already sent), or null while the
   * head is incomplete. A refused or malformed upgrade throws with expected / observed.
   */
  byte[] upgrade(byte[] b, int off, int len) throws IOException {
    if (headLength + len > head.length) {
      if (headLength + len > ResponseReader.MAX_HEAD) {
        throw new IOException(
            "expected a 101 response head under "
                + ResponseReader.MAX_HEAD
                + " octets, observed more without a blank line (RFC 6455 §4.1)");
      }
      head = java.util.Arrays.copyOf(head, Math.max(head.length * 2, headLength + len));
    }
    System.arraycopy(b, off, head, headLength, len);
    headLength += len;
    int end = -1;
    for (int i = Math.max(3, headLength - len - 3); i < headLength; i++) {
      if (head[i] == '\n' && head[i - 1] == '\r' && head[i - 2] == '\n' && head[i - 3] == '\r') {
        end = i + 1;
        break;
      }
    }
    if (end < 0) return null;
    ResponseHead r =
        ResponseReader.read(
            new ByteArrayInputStream(head, 0, headLength), Long.MAX_VALUE, (x, y, z) -> {});
    if (r.status() != 101) {
      throw new IOException(
          "expected 101 Switching Protocols, observed '" + r.statusLine() + "' (RFC 6455 §4.1)");
    }
    String accept = r.header("Sec-WebSocket-Accept").orElse("");
    if (!accept.trim().equals(acceptExpected)) {
      throw new IOException(
          "expected Sec-WebSocket-Accept "
              + acceptExpected
              + ", observed '"
              + accept
              + "' (RFC 6455 §4.2.2)");
    }
    List<String> offers = offerDeflate ? List.of(DEFLATE_OFFER) : List.of();
    Negotiation n = PermessageDeflate.negotiate(offers, r.all("Sec-WebSocket-Extensions"));
    if (n instanceof Negotiation.Invalid bad) throw new IOException(bad.reason());
    if (n instanceof Negotiation.Accepted a) {
      deflater = new MessageDeflater(a.agreement());
      inflater = new MessageInflater(a.agreement().serverNoContextTakeover(), MAX_PAYLOAD);
      decoder.deflateNegotiated(true);
    }
    state = State.OPEN;
    head = null;
    return r.leftover();
  }

  /** Sends one data message (compressed when deflate was agreed). */
  void sendMessage(byte[] payload, boolean text) {
    int rsv = 0;
    byte[] p = payload;
    if (deflater != null) {
      p = deflater.compress(payload);
      rsv = 4;
    }
    sendFrame(new Frame(true, rsv, text ? 1 : 2, p));
  }

  void sendFrame(Frame f) {
    enqueue(ByteBuffer.wrap(FrameEncoder.encode(f, SendOptions.DEFAULT, random.nextInt())));
  }

  /** Remembers one message in flight; its echo is matched in order. */
  void inFlight(long intendedNanos, long sentNanos) {
    if (inFlight == intended.length) {
      long[] a = new long[intended.length * 2];
      long[] s = new long[intended.length * 2];
      for (int i = 0; i < inFlight; i++) {
        a[i] = intended[(head0 + i) % intended.length];
        s[i] = sent[(head0 + i) % intended.length];
      }
      intended = a;
      sent = s;
      head0 = 0;
    }
    int slot = (head0 + inFlight) % intended.length;
    intended[slot] = intendedNanos;
    sent[slot] = sentNanos;
    inFlight++;
  }

  long oldestIntended() {
    return intended[head0];
  }

  long oldestSent() {
    return sent[head0];
  }

  void answered() {
    head0 = (head0 + 1) % intended.length;
    inFlight--;
  }

  /** Drops every message in flight, calling back with each intended time (unanswered). */
  void forEachInFlight(java.util.function.LongConsumer c) {
    for (int i = 0; i < inFlight; i++) c.accept(intended[(head0 + i) % intended.length]);
  }

  private void enqueue(ByteBuffer b) {
    out.add(b);
    pendingOctets += b.remaining();
  }

  /**
   * Writes what the socket takes now; true when everything queued went out. The frames queued since
   * the last flush leave in one gathering write: at peak rate a write per echo would cost the
   * generator a system call per message, as much CPU as the target spends answering it.
   */
  boolean flush() throws IOException {
    while (!out.isEmpty()) {
      if (out.size() == 1) {
        ByteBuffer b = out.peek();
        pendingOctets -= channel.write(b);
        if (b.hasRemaining()) return false;
        out.poll();
        continue;
      }
      int batch = Math.min(out.size(), gather.length);
      java.util.Iterator<ByteBuffer> it = out.iterator();
      for (int i = 0; i < batch; i++) gather[i] = it.next();
      long n = channel.write(gather, 0, batch);
      pendingOctets -= n;
      java.util.Arrays.fill(gather, 0, batch, null);
      while (!out.isEmpty() && !out.peek().hasRemaining()) out.poll();
      if (n == 0 || (!out.isEmpty() && batch < gather.length)) return out.isEmpty();
    }
    return true;
  }

  /** At most this many queued frames per gathering write (the kernel's IOV_MAX is 1024). */
  private final ByteBuffer[] gather = new ByteBuffer[64];

  /** What the target sent, in order: messages, pongs, a close. */
  interface Events {
    void message(PerfConnection c, long length, long nowNanos);

    void pong(PerfConnection c, long nowNanos);

    void closed(PerfConnection c, String why);
  }

  /** Frames from the target's octets. */
  void receive(byte[] b, int off, int len, long nowNanos, Events events) throws IOException {
    decoder.feed(b, off, len);
    DecodedFrame d;
    while ((d = decoder.next()) != null) {
      if (d.isFatal() || d.frame() == null) {
        throw new IOException(
            "expected a valid frame from the target, observed "
                + d.violations()
                + " (RFC 6455 §5)");
      }
      Frame f = d.frame();
      switch (f.opcode()) {
        case 1, 2, 0 -> {
          if (f.opcode() != 0) {
            inMessage = true;
            messageLength = 0;
            messageCompressed = (f.rsv() & 4) != 0;
          }
          if (messageCompressed) {
            var v = inflater.feed(f.payload(), 0, f.payload().length);
            if (v != null) throw new IOException("bad compressed message: " + v);
          } else {
            messageLength += f.payload().length;
          }
          if (f.fin() && inMessage) {
            inMessage = false;
            if (messageCompressed) {
              MessageInflater.Result r = inflater.finish();
              if (r instanceof MessageInflater.Failed bad) {
                throw new IOException("bad compressed message: " + bad.violation());
              }
              messageLength = ((MessageInflater.Inflated) r).payload().length;
            }
            events.message(this, messageLength, nowNanos);
          }
        }
        case 9 -> sendFrame(Frame.pong(f.payload()));
        case 10 -> events.pong(this, nowNanos);
        case 8 -> {
          state = State.CLOSED;
          events.closed(this, "the target sent a Close frame " + closeText(f.payload()));
          return;
        }
        default -> throw new IOException("unexpected opcode " + f.opcode() + " (RFC 6455 §5.2)");
      }
    }
  }

  private static String closeText(byte[] p) {
    if (p.length < 2) return "(no code)";
    int code = ((p[0] & 0xff) << 8) | (p[1] & 0xff);
    return "("
        + code
        + (p.length > 2 ? " " + new String(p, 2, p.length - 2, StandardCharsets.UTF_8) : "")
        + ")";
  }

  /** Sends a Close frame and closes the socket without waiting (the figure is over). */
  void closeQuietly() {
    try {
      if (state == State.OPEN) {
        sendFrame(Frame.close(1000, new byte[0]));
        flush();
      }
    } catch (IOException | RuntimeException ignored) {
      // a connection being dropped at the end of a figure
    }
    state = State.CLOSED;
    try {
      if (key != null) key.cancel();
      channel.close();
    } catch (IOException ignored) {
      // nothing left to do with it
    }
  }
}
