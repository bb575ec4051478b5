package org.wsconform.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wsconform.judge.Event;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.DecodedFrame;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameDecoder;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.TlsOptions;
import org.wsconform.wire.Violation;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * The session's role decides masking both ways (RFC 6455 §5.1), over real loopback sockets: a
 * client masks what it sends and fails the connection with 1002 on a masked frame from the server;
 * a server is the mirror. Options that choose a key or no mask still win.
 */
class SessionRoleTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final SessionSettings SETTINGS = new SessionSettings(1.0, 1 << 20, null);
  private static final int KEY = 0x11223344;

  private ServerSocket listener;
  private Socket peerSocket;
  private WireConnection conn;

  @BeforeEach
  void listen() throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void closeAll() throws IOException {
    if (conn != null) conn.close();
    if (peerSocket != null) peerSocket.close();
    listener.close();
  }

  @Test
  void serverSendsUnmaskedUnlessAKeyIsChosenAndFailsOnAnUnmaskedClientFrame() throws Exception {
    SessionDriver s =
        session(
            Role.SERVER,
            f -> {
              f.sendMessage("hello");
              f.sendFrame(Frame.text("keyed"), SendOptions.DEFAULT.withMask(KEY));
              f.streamFrame(true, 0, Opcode.TEXT, 3).send("abc".getBytes(StandardCharsets.UTF_8));
            });
    Peer peer = new Peer(FrameDecoder.Sender.SERVER);
    assertFrame(peer.read(), Opcode.TEXT, false, "hello");
    assertFrame(peer.read(), Opcode.TEXT, true, "keyed");
    assertFrame(peer.read(), Opcode.TEXT, false, "abc");

    peer.write(Frame.text("not masked"), null);
    DecodedFrame close = peer.read();
    assertThat(close.frame().opcode()).isEqualTo(Opcode.CLOSE);
    assertThat(close.masked()).isFalse();
    assertThat(closeCode(close)).isEqualTo(CloseCode.PROTOCOL_ERROR);
    peer.write(Frame.close(CloseCode.PROTOCOL_ERROR, null), KEY);
    peerSocket.close();

    SessionOutcome out = s.done().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(out.serverViolations())
        .extracting(Violation::kind)
        .containsExactly(Violation.Kind.UNMASKED_CLIENT_FRAME);
    assertThat(out.close().failedByMe()).isTrue();
    assertThat(out.close().localCloseCode()).isEqualTo(CloseCode.PROTOCOL_ERROR);
    assertThat(out.received()).isEmpty();
  }

  @Test
  void serverAcceptsMaskedClientFrames() throws Exception {
    SessionDriver s = session(Role.SERVER, echoThenClose());
    Peer peer = new Peer(FrameDecoder.Sender.SERVER);
    peer.write(Frame.text("hello"), KEY);
    DecodedFrame close = peer.read();
    assertThat(close.frame().opcode()).isEqualTo(Opcode.CLOSE);
    assertThat(close.masked()).isFalse();
    assertThat(closeCode(close)).isEqualTo(CloseCode.NORMAL);
    peer.write(Frame.close(CloseCode.NORMAL, null), KEY);
    peerSocket.close();

    SessionOutcome out = s.done().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(out.serverViolations()).isEmpty();
    assertThat(out.received()).containsExactly(Event.text("hello"));
    assertThat(out.close().wasClean()).isTrue();
    assertThat(out.close().failedByMe()).isFalse();
  }

  @Test
  void clientMasksUnlessToldNotToAndFailsOnAMaskedServerFrame() throws Exception {
    SessionDriver s =
        session(
            Role.CLIENT,
            f -> {
              f.sendMessage("hello");
              f.sendFrame(Frame.text("bare"), SendOptions.DEFAULT.unmasked());
              FrameStream stream = f.streamFrame(true, 0, Opcode.TEXT, 5);
              stream.send("ab".getBytes(StandardCharsets.UTF_8));
              stream.send("cde".getBytes(StandardCharsets.UTF_8));
            });
    Peer peer = new Peer(FrameDecoder.Sender.CLIENT);
    assertFrame(peer.read(), Opcode.TEXT, true, "hello");
    assertFrame(peer.read(), Opcode.TEXT, false, "bare");
    // the masking key's phase carries over from the first part to the second
    assertFrame(peer.read(), Opcode.TEXT, true, "abcde");

    peer.write(Frame.text("masked"), KEY);
    DecodedFrame close = peer.read();
    assertThat(close.frame().opcode()).isEqualTo(Opcode.CLOSE);
    assertThat(close.masked()).isTrue();
    assertThat(closeCode(close)).isEqualTo(CloseCode.PROTOCOL_ERROR);
    peer.write(Frame.close(CloseCode.PROTOCOL_ERROR, null), null);
    peerSocket.close();

    SessionOutcome out = s.done().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(out.serverViolations())
        .extracting(Violation::kind)
        .containsExactly(Violation.Kind.MASKED_SERVER_FRAME);
    assertThat(out.close().failedByMe()).isTrue();
    assertThat(out.close().localCloseCode()).isEqualTo(CloseCode.PROTOCOL_ERROR);
    assertThat(out.received()).isEmpty();
  }

  @Test
  void clientAcceptsUnmaskedServerFrames() throws Exception {
    SessionDriver s = session(Role.CLIENT, echoThenClose());
    Peer peer = new Peer(FrameDecoder.Sender.CLIENT);
    peer.write(Frame.text("hello"), null);
    DecodedFrame close = peer.read();
    assertThat(close.frame().opcode()).isEqualTo(Opcode.CLOSE);
    assertThat(close.masked()).isTrue();
    assertThat(closeCode(close)).isEqualTo(CloseCode.NORMAL);
    peer.write(Frame.close(CloseCode.NORMAL, null), null);
    peerSocket.close();

    SessionOutcome out = s.done().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(out.serverViolations()).isEmpty();
    assertThat(out.received()).containsExactly(Event.text("hello"));
    assertThat(out.close().wasClean()).isTrue();
  }

  /** Records the first message and starts the closing handshake. */
  private static Consumer<Session> echoThenClose() {
    return f ->
        f.onEvent(
            e -> {
              f.record(e);
              f.sendClose(CloseCode.NORMAL, null);
            });
  }

  /**
   * A started session in {@code role} on one end of a loopback TCP connection; the test holds the
   * other end. The TCP direction follows the role, as it will in a real run.
   */
  private SessionDriver session(Role role, Consumer<Session> script) throws IOException {
    WireLog log = new WireLog();
    if (role == Role.CLIENT) {
      Endpoint e = Endpoint.parse("ws://127.0.0.1:" + listener.getLocalPort() + "/");
      conn = WireConnection.open(e, DEADLINE, TlsOptions.SYSTEM, log);
      peerSocket = listener.accept();
    } else {
      peerSocket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
      conn = WireConnection.accepted(listener.accept(), log);
    }
    peerSocket.setSoTimeout((int) DEADLINE.toMillis());
    SessionDriver s = new SessionDriver(conn, log, SETTINGS, role, PeerModel.ECHO);
    s.start(script, new byte[0]);
    return s;
  }

  private static void assertFrame(DecodedFrame d, int opcode, boolean masked, String text) {
    assertThat(d.frame().opcode()).isEqualTo(opcode);
    assertThat(d.masked()).as("mask bit").isEqualTo(masked);
    assertThat(new String(d.frame().payload(), StandardCharsets.UTF_8)).isEqualTo(text);
  }

  private static int closeCode(DecodedFrame d) {
    byte[] p = d.frame().payload();
    return ((p[0] & 0xff) << 8) | (p[1] & 0xff);
  }

  /**
   * The test's end of the connection: frames written with the wire encoder, read with the decoder.
   */
  private final class Peer {
    private final FrameDecoder decoder;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[8192];

    /**
     * @param sessionSide who the session is to the decoder (its frames are the ones read here)
     */
    Peer(FrameDecoder.Sender sessionSide) throws IOException {
      this.decoder = new FrameDecoder(sessionSide, 1 << 20);
      this.in = peerSocket.getInputStream();
      this.out = peerSocket.getOutputStream();
    }

    /** The next whole frame the session sent; the socket's read timeout is the deadline. */
    DecodedFrame read() throws IOException {
      while (true) {
        DecodedFrame d = decoder.next();
        if (d != null) return d;
        int n = in.read(buf);
        if (n < 0) throw new IOException("the session closed TCP before the next frame");
        decoder.feed(buf, 0, n);
      }
    }

    /** Writes {@code f}, masked with {@code key} or unmasked when it is null. */
    void write(Frame f, Integer key) throws IOException {
      SendOptions o =
          key == null ? SendOptions.DEFAULT.unmasked() : SendOptions.DEFAULT.withMask(key);
      out.write(FrameEncoder.encode(f, o, key == null ? 0 : key));
      out.flush();
    }
  }
}
