package org.wsconform.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.wsconform.targets.RawConnection.BINARY;
import static org.wsconform.targets.RawConnection.CLOSE;
import static org.wsconform.targets.RawConnection.CONTINUATION;
import static org.wsconform.targets.RawConnection.PING;
import static org.wsconform.targets.RawConnection.PONG;
import static org.wsconform.targets.RawConnection.SAMPLE_ACCEPT;
import static org.wsconform.targets.RawConnection.SAMPLE_KEY;
import static org.wsconform.targets.RawConnection.TEXT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every conformant echo target in this module does, byte for byte the same: the reference
 * server (Jetty) and the faulty server with no fault switched on both run these tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
public abstract class EchoServerContract {

  private AutoCloseable server;

  /** Starts the server under test on an ephemeral port. */
  protected abstract AutoCloseable startServer();

  protected abstract int port();

  @BeforeAll
  void start() {
    server = startServer();
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  // ------------------------------------------------------------------ opening handshake

  @Test
  void rfcSampleKeyGets101WithTheRfcAcceptValue() throws IOException {
    try (RawConnection client = RawConnection.open(port())) {
      RawConnection.HttpAnswer answer = client.upgrade();

      assertThat(answer.statusLine()).startsWith("HTTP/1.1 101");
      assertThat(answer.header("Sec-WebSocket-Accept")).isEqualTo(SAMPLE_ACCEPT);
      assertThat(answer.header("Upgrade")).isEqualToIgnoringCase("websocket");
      assertThat(answer.header("Connection")).containsIgnoringCase("upgrade");
      assertThat(answer.header("Sec-WebSocket-Extensions")).isNull();
      assertThat(answer.header("Sec-WebSocket-Protocol")).isNull();
    }
  }

  @Test
  void plainGetGets426() throws IOException {
    try (RawConnection client = RawConnection.open(port())) {
      RawConnection.HttpAnswer answer =
          client.exchange(
              RawConnection.request("GET / HTTP/1.1", List.of("Host: 127.0.0.1:" + port())));

      assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 426 Upgrade Required");
      assertThat(answer.body()).isEqualTo("Expected Upgrade: websocket");
      assertThat(answer.header("Upgrade")).isEqualTo("websocket");
      assertThat(answer.header("Sec-WebSocket-Version")).isEqualTo("13");
    }
  }

  /** Requests §4.2.1 does not allow, made from the canonical one, and the status they get. */
  static Stream<Arguments> refusedUpgrades() {
    return Stream.of(
        refused("Sec-WebSocket-Version: 8", 426, r -> r.replace("Version: 13", "Version: 8")),
        refused("Sec-WebSocket-Version: 14", 426, r -> r.replace("Version: 13", "Version: 14")),
        refused("Sec-WebSocket-Version: abc", 426, r -> r.replace("Version: 13", "Version: abc")),
        refused(
            "no Sec-WebSocket-Version", 426, r -> r.replace("Sec-WebSocket-Version: 13\r\n", "")),
        refused(
            "no Sec-WebSocket-Key",
            400,
            r -> r.replace("Sec-WebSocket-Key: " + SAMPLE_KEY + "\r\n", "")),
        refused(
            "two Sec-WebSocket-Key headers",
            400,
            r -> r.replace("\r\n\r\n", "\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n\r\n")),
        refused("key not base64", 400, r -> r.replace(SAMPLE_KEY, "not base64 at all!!")),
        refused("key of 15 bytes", 400, r -> r.replace(SAMPLE_KEY, "AAAAAAAAAAAAAAAAAAAA")),
        refused("key of 17 bytes", 400, r -> r.replace(SAMPLE_KEY, "AAAAAAAAAAAAAAAAAAAAAAA=")),
        refused("POST", 405, r -> r.replace("GET ", "POST ")),
        refused("PUT", 405, r -> r.replace("GET ", "PUT ")),
        refused("HTTP/1.0", 400, r -> r.replace("HTTP/1.1", "HTTP/1.0")),
        refused(
            "Upgrade without Connection: upgrade",
            400,
            r -> r.replace("Connection: Upgrade\r\n", "")));
  }

  private static Arguments refused(String name, int status, UnaryOperator<String> change) {
    return arguments(named(name, change), status);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("refusedUpgrades")
  void refusedUpgradeGetsItsStatus(UnaryOperator<String> change, int status) throws IOException {
    try (RawConnection client = RawConnection.open(port())) {
      RawConnection.HttpAnswer answer = client.exchange(change.apply(client.canonicalRequest()));

      assertThat(answer.status()).isEqualTo(status);
      assertThat(answer.header("Sec-WebSocket-Accept")).isNull();
      if (status == 426) {
        assertThat(answer.header("Sec-WebSocket-Version")).isEqualTo("13");
      }
    }
  }

  @Test
  void upgradeTokensAreCaseInsensitiveAndConnectionIsAList() throws IOException {
    try (RawConnection client = RawConnection.open(port())) {
      String request =
          client
              .canonicalRequest()
              .replace("Upgrade: websocket", "Upgrade: WebSocket")
              .replace("Connection: Upgrade", "Connection: keep-alive, Upgrade");

      assertThat(client.exchange(request).header("Sec-WebSocket-Accept")).isEqualTo(SAMPLE_ACCEPT);
    }
  }

  @Test
  void firstOfferedSubprotocolWeSpeakIsChosen() throws IOException {
    try (RawConnection client = RawConnection.open(port())) {
      RawConnection.HttpAnswer answer =
          client.upgrade("Sec-WebSocket-Protocol: foo, superchat, chat");

      assertThat(answer.status()).isEqualTo(101);
      assertThat(answer.header("Sec-WebSocket-Protocol")).isEqualTo("superchat");
    }
  }

  @Test
  void unknownSubprotocolIsNotChosen() throws IOException {
    try (RawConnection client = RawConnection.open(port())) {
      RawConnection.HttpAnswer answer = client.upgrade("Sec-WebSocket-Protocol: foo");

      assertThat(answer.status()).isEqualTo(101);
      assertThat(answer.header("Sec-WebSocket-Protocol")).isNull();
    }
  }

  @Test
  void unknownExtensionIsNotNegotiated() throws IOException {
    try (RawConnection client = RawConnection.open(port())) {
      RawConnection.HttpAnswer answer = client.upgrade("Sec-WebSocket-Extensions: x-foo; bar=1");

      assertThat(answer.status()).isEqualTo(101);
      assertThat(answer.header("Sec-WebSocket-Extensions")).isNull();
    }
  }

  @Test
  void framesPipelinedBehindTheRequestAreProcessed() throws IOException {
    try (RawConnection client = RawConnection.open(port())) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.writeBytes(client.canonicalRequest().getBytes(StandardCharsets.ISO_8859_1));
      bytes.writeBytes(
          RawConnection.frame(0x80 | TEXT, "pipelined".getBytes(StandardCharsets.UTF_8), true));
      client.write(bytes.toByteArray());

      assertThat(client.readHttpAnswer().status()).isEqualTo(101);
      assertThat(client.readMessage().text()).isEqualTo("pipelined");
    }
  }

  // ------------------------------------------------------------------ echo

  @Test
  void maskedTextIsEchoedAsText() throws IOException {
    try (RawConnection client = RawConnection.upgraded(port())) {
      client.send(TEXT, "Hello");

      RawConnection.Frame echo = client.readMessage();
      assertThat(echo.opcode()).isEqualTo(TEXT);
      assertThat(echo.text()).isEqualTo("Hello");
    }
  }

  @Test
  void binaryIsEchoedAsBinaryUnchanged() throws IOException {
    byte[] payload = new byte[70_000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31);
    }
    try (RawConnection client = RawConnection.upgraded(port())) {
      client.send(BINARY, payload);

      RawConnection.Frame echo = client.readMessage();
      assertThat(echo.opcode()).isEqualTo(BINARY);
      assertThat(echo.payload()).isEqualTo(payload);
    }
  }

  @Test
  void pingInTheMiddleOfAFragmentedMessageIsAnsweredFirst() throws IOException {
    try (RawConnection client = RawConnection.upgraded(port())) {
      client.write(RawConnection.frame(TEXT, "frag".getBytes(StandardCharsets.UTF_8), true));
      client.send(PING, "ping payload");
      client.send(CONTINUATION, "ment");

      RawConnection.Frame pong = client.readFrame();
      assertThat(pong.opcode()).isEqualTo(PONG);
      assertThat(pong.text()).isEqualTo("ping payload");
      assertThat(client.readMessage().text()).isEqualTo("fragment");
    }
  }

  @Test
  void closeIsAnsweredAndTheServerClosesTcp() throws IOException {
    try (RawConnection client = RawConnection.upgraded(port())) {
      client.sendClose(1000, new byte[0]);

      RawConnection.Frame close = client.readFrame();
      assertThat(close.opcode()).isEqualTo(CLOSE);
      assertThat(close.closeCode()).isEqualTo(1000);
      assertThat(client.serverClosesTcpWithin(1000)).isTrue();
    }
  }

  // ------------------------------------------------------------------ failing the connection

  /** Frames a server must fail the connection on, and the close code it must send. */
  static Stream<Arguments> violations() {
    byte[] hello = "Hello".getBytes(StandardCharsets.UTF_8);
    return Stream.of(
        violation(
            "RSV1 without an extension",
            1002,
            RawConnection.frame(0x80 | 0x40 | TEXT, hello, true)),
        violation("reserved opcode 3", 1002, RawConnection.frame(0x80 | 3, hello, true)),
        violation("reserved opcode 11", 1002, RawConnection.frame(0x80 | 11, hello, true)),
        violation("fragmented ping", 1002, RawConnection.frame(PING, hello, true)),
        violation("ping of 126 bytes", 1002, RawConnection.frame(0x80 | PING, new byte[126], true)),
        violation(
            "continuation with nothing to continue",
            1002,
            RawConnection.frame(0x80 | CONTINUATION, hello, true)),
        violation(
            "text while a message is open",
            1002,
            concat(
                RawConnection.frame(TEXT, hello, true),
                RawConnection.frame(0x80 | TEXT, hello, true))),
        violation("unmasked frame", 1002, RawConnection.frame(0x80 | TEXT, hello, false)),
        violation(
            "invalid UTF-8",
            1007,
            RawConnection.frame(
                0x80 | TEXT, hex("cebae1bdb9cf83cebcceb5eda080656469746564"), true)),
        violation(
            "text ending inside a code point",
            1007,
            concat(
                RawConnection.frame(TEXT, hex("ce"), true),
                RawConnection.frame(0x80 | CONTINUATION, new byte[0], true))),
        violation(
            "close with a 1-byte payload",
            1002,
            RawConnection.frame(0x80 | CLOSE, new byte[] {'a'}, true)),
        violation("close code 1005", 1002, RawConnection.frame(0x80 | CLOSE, hex("03ed"), true)),
        violation("close code 5000", 1002, RawConnection.frame(0x80 | CLOSE, hex("1388"), true)),
        violation(
            "close reason not UTF-8",
            1007,
            RawConnection.frame(0x80 | CLOSE, hex("03e8eda080"), true)));
  }

  private static Arguments violation(String name, int code, byte[] bytes) {
    return arguments(named(name, bytes), code);
  }

  @ParameterizedTest(name = "{0} → close {1}")
  @MethodSource("violations")
  void violationFailsTheConnection(byte[] frames, int code) throws IOException {
    try (RawConnection client = RawConnection.upgraded(port())) {
      client.write(frames);

      RawConnection.Frame close = client.readFrame();
      assertThat(close.opcode()).isEqualTo(CLOSE);
      assertThat(close.closeCode()).isEqualTo(code);
      client.sendClose(1000, new byte[0]);
      assertThat(client.serverClosesTcpWithin(1000)).isTrue();
    }
  }

  /** Autobahn 6.4.4: the bad byte arrives alone in the middle of a frame; the rest never does. */
  @Test
  void invalidUtf8FailsFastInTheMiddleOfAFrame() throws IOException {
    byte[] payload = hex("cebae1bdb9cf83cebcceb5f4908080656469746564");
    byte[] frame = RawConnection.frame(0x80 | TEXT, payload, true);
    int header = frame.length - payload.length;
    try (RawConnection client = RawConnection.upgraded(port())) {
      client.write(Arrays.copyOfRange(frame, 0, header + 12)); // valid, ends after F4
      client.write(Arrays.copyOfRange(frame, header + 12, header + 13)); // 0x90: F4 90 > U+10FFFF

      RawConnection.Frame close = client.readFrame();
      assertThat(close.opcode()).isEqualTo(CLOSE);
      assertThat(close.closeCode()).isEqualTo(1007);
    }
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(first);
    bytes.writeBytes(second);
    return bytes.toByteArray();
  }
}
