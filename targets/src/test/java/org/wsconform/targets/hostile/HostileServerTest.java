package org.wsconform.targets.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each behaviour of the hostile server, seen from a raw socket: it misbehaves exactly as its name
 * says (and a harness test that passes against it proves something).
 */
@Timeout(30)
class HostileServerTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  private static Socket connect(HostileServer s) throws IOException {
    Socket socket = new Socket("127.0.0.1", s.port());
    socket.setSoTimeout(5000);
    return socket;
  }

  private static void request(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET /chat?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: "
                + KEY
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads up to and including the blank line. */
  private static String head(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new IOException("closed after " + sb);
      sb.append((char) b);
    }
    return sb.toString();
  }

  private static void upgraded(Socket socket) throws IOException {
    request(socket);
    String head = head(socket.getInputStream());
    assertThat(head).startsWith("HTTP/1.1 101 ").contains("Sec-WebSocket-Accept: " + ACCEPT);
  }

  @Test
  void everyBehaviourHasItsOwnSwitchAndTheTlsOnesAreWss() {
    assertThat(Hostility.values()).hasSizeGreaterThanOrEqualTo(12);
    for (Hostility h : Hostility.values()) {
      try (HostileServer s = HostileServer.start(h)) {
        assertThat(s.uri().getScheme()).isEqualTo(h.tls() ? "wss" : "ws");
        assertThat(s.uri().getHost()).isEqualTo("127.0.0.1");
      }
    }
    assertThat(EnumSet.allOf(Hostility.class).stream().filter(Hostility::upgrades))
        .containsExactlyInAnyOrder(
            Hostility.SILENCE_AFTER_101,
            Hostility.INTERIM_BEFORE_101,
            Hostility.FRAME_OF_2_63_OCTETS,
            Hostility.TRICKLED_4_GIB_FRAME,
            Hostility.TRICKLED_255_MIB_FRAME,
            Hostility.RESET_MID_FRAME,
            Hostility.HUGE_CLOSE_REASON,
            Hostility.PING_FLOOD,
            Hostility.PING_FLOOD_UNREAD);
  }

  @Test
  void silentAcceptNeverAnswersAndKeepsTcpOpen() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.SILENT_ACCEPT);
        Socket c = connect(s)) {
      request(c);
      c.setSoTimeout(300);
      assertThatThrownBy(() -> c.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(s.awaitConnections(1, Duration.ofSeconds(1))).isTrue();
    }
  }

  @Test
  void garbageIsSeededRandomOctetsAndNoStatusLine() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.GARBAGE_INSTEAD_OF_HTTP);
        Socket c = connect(s)) {
      request(c);
      byte[] got = c.getInputStream().readNBytes(2048);
      byte[] expected = new byte[2048];
      new Random(6455).nextBytes(expected);
      assertThat(got).isEqualTo(expected);
      assertThat(new String(got, 0, 5, StandardCharsets.ISO_8859_1)).isNotEqualTo("HTTP/");
    }
  }

  @Test
  void http09BodyHasNoStatusLineAndEndsWithClose() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.HTTP09_BODY);
        Socket c = connect(s)) {
      request(c);
      String all = new String(c.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(all).startsWith("<html>").doesNotContain("HTTP/1").doesNotContain("\r\n\r\n");
    }
  }

  @Test
  void trickledHeadersComeOneOctetAtATimeWithoutEnd() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.TRICKLED_HEADERS);
        Socket c = connect(s)) {
      long t0 = System.nanoTime(); // the server cannot trickle before it has the request
      request(c);
      InputStream in = c.getInputStream();
      byte[] status = in.readNBytes("HTTP/1.1 101 Switching Protocols\r\n".length());
      assertThat(new String(status, StandardCharsets.ISO_8859_1))
          .isEqualTo("HTTP/1.1 101 Switching Protocols\r\n");
      String headers = new String(in.readNBytes(10), StandardCharsets.ISO_8859_1);
      // a lower bound only: a busy machine may deliver late, never early
      assertThat((System.nanoTime() - t0) / 1_000_000)
          .as("ten octets, 20 ms apart")
          .isGreaterThanOrEqualTo(170);
      assertThat(headers).isEqualTo("X-Trickle:");
    }
  }

  @Test
  void endlessHeaderLinesNeverReachABlankLine() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.ENDLESS_HEADER_LINES);
        Socket c = connect(s)) {
      request(c);
      String got =
          new String(c.getInputStream().readNBytes(256 * 1024), StandardCharsets.ISO_8859_1);
      assertThat(got)
          .startsWith("HTTP/1.1 101 Switching Protocols\r\nX-Endless-0: ")
          .doesNotContain("\r\n\r\n");
      assertThat(got.split("\r\n").length).isGreaterThan(5000);
    }
  }

  @Test
  void endless1xxNeverGivesAFinalStatus() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.ENDLESS_1XX);
        Socket c = connect(s)) {
      request(c);
      for (int i = 0; i < 10; i++) {
        assertThat(head(c.getInputStream())).matches("HTTP/1\\.1 10[02] [A-Za-z]+\\r\\n\\r\\n");
      }
    }
  }

  @Test
  void interimBefore101SendsContinueAndEarlyHintsThenTheUpgrade() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.INTERIM_BEFORE_101);
        Socket c = connect(s)) {
      request(c);
      assertThat(head(c.getInputStream())).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      assertThat(head(c.getInputStream()))
          .startsWith("HTTP/1.1 103 Early Hints\r\n")
          .contains("Link: </style.css>; rel=preload; as=style\r\n");
      assertThat(head(c.getInputStream()))
          .startsWith("HTTP/1.1 101 ")
          .contains("Sec-WebSocket-Accept: " + ACCEPT);
    }
  }

  @Test
  void redirectLoopSendsEveryRequestBackToItself() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.REDIRECT_LOOP);
        Socket c = connect(s)) {
      for (int i = 0; i < 3; i++) {
        request(c);
        assertThat(head(c.getInputStream()))
            .startsWith("HTTP/1.1 302 Found\r\n")
            .contains("Location: /chat?x=1\r\n");
      }
    }
  }

  @Test
  void tlsHandshakeFailureIsAFatalAlert() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.TLS_HANDSHAKE_FAILURE);
        SSLSocket c = tls(s)) {
      assertThatThrownBy(c::startHandshake)
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("handshake_failure");
    }
  }

  @Test
  void plaintextOnATlsPortIsNotTls() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.PLAINTEXT_ON_TLS_PORT);
        SSLSocket c = tls(s)) {
      assertThatThrownBy(c::startHandshake)
          .isInstanceOf(SSLException.class)
          .hasMessageContaining("nrecognized SSL message");
    }
  }

  @Test
  void silenceAfter101() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.SILENCE_AFTER_101);
        Socket c = connect(s)) {
      upgraded(c);
      c.getOutputStream()
          .write(new byte[] {(byte) 0x89, (byte) 0x80, 1, 2, 3, 4}); // a ping, never answered
      c.setSoTimeout(300);
      assertThatThrownBy(() -> c.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void aFrameOf2To63Octets() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.FRAME_OF_2_63_OCTETS);
        Socket c = connect(s)) {
      upgraded(c);
      byte[] header = c.getInputStream().readNBytes(10);
      assertThat(header)
          .containsExactly(0x82, 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
      long declared = 0;
      for (int i = 2; i < 10; i++) declared = (declared << 8) | (header[i] & 0xff);
      assertThat(declared).isEqualTo(Long.MAX_VALUE);
    }
  }

  @Test
  void a4GibFrameTrickles() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.TRICKLED_4_GIB_FRAME);
        Socket c = connect(s)) {
      long t0 = System.nanoTime(); // the payload cannot trickle before the upgrade
      upgraded(c);
      InputStream in = c.getInputStream();
      assertThat(in.readNBytes(10)).containsExactly(0x82, 0x7f, 0, 0, 0, 1, 0, 0, 0, 0);
      assertThat(new String(in.readNBytes(6), StandardCharsets.US_ASCII)).isEqualTo("xxxxxx");
      assertThat((System.nanoTime() - t0) / 1_000_000)
          .as("six octets, 20 ms apart")
          .isGreaterThanOrEqualTo(90);
    }
  }

  @Test
  void a255MibFrameJustUnderTheHarnessLimitTrickles() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.TRICKLED_255_MIB_FRAME);
        Socket c = connect(s)) {
      upgraded(c);
      byte[] header = c.getInputStream().readNBytes(10);
      long declared = 0;
      for (int i = 2; i < 10; i++) declared = (declared << 8) | (header[i] & 0xff);
      assertThat(declared).isEqualTo(255L << 20);
      assertThat(new String(c.getInputStream().readNBytes(3), StandardCharsets.US_ASCII))
          .isEqualTo("xxx");
    }
  }

  @Test
  void resetMidFrameOnceTheClientSpeaks() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.RESET_MID_FRAME);
        Socket c = connect(s)) {
      upgraded(c);
      InputStream in = c.getInputStream();
      byte[] half = in.readNBytes(20);
      assertThat(Arrays.copyOf(half, 4)).containsExactly(0x81, 126, 0x01, 0x00);
      c.getOutputStream().write(new byte[] {(byte) 0x89, (byte) 0x80, 1, 2, 3, 4});
      assertThatThrownBy(
              () -> {
                while (in.read() >= 0) {
                  // a reset, not an orderly end of stream
                }
              })
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
  }

  @Test
  void aCloseReasonAbove125Octets() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.HUGE_CLOSE_REASON);
        Socket c = connect(s)) {
      upgraded(c);
      byte[] frame = c.getInputStream().readNBytes(206);
      assertThat(Arrays.copyOf(frame, 6)).containsExactly(0x88, 126, 0, 202, 0x03, 0xe8);
      assertThat(new String(frame, 6, 200, StandardCharsets.US_ASCII)).matches("r{200}");
    }
  }

  @Test
  void aFloodOfPings() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.PING_FLOOD);
        Socket c = connect(s)) {
      upgraded(c);
      byte[] pings = c.getInputStream().readNBytes(7 * 20_000);
      for (int i = 0; i < pings.length; i += 7) {
        assertThat(pings[i]).isEqualTo((byte) 0x89);
        assertThat(pings[i + 1]).isEqualTo((byte) 5);
      }
    }
  }

  @Test
  void awaitConnectionsCountsAcceptedSockets() throws Exception {
    try (HostileServer s = HostileServer.start(Hostility.SILENT_ACCEPT)) {
      assertThat(s.awaitConnections(1, Duration.ofMillis(50))).isFalse();
      try (Socket a = connect(s);
          Socket b = connect(s)) {
        assertThat(s.awaitConnections(2, Duration.ofSeconds(5))).isTrue();
        assertThat(s.accepted()).isEqualTo(2);
      }
    }
  }

  private static SSLSocket tls(HostileServer s) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    SSLSocket c = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", s.port());
    c.setSoTimeout(5000);
    return c;
  }
}
