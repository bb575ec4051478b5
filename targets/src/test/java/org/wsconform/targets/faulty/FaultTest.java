package org.wsconform.targets.faulty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wsconform.targets.RawConnection.BINARY;
import static org.wsconform.targets.RawConnection.CLOSE;
import static org.wsconform.targets.RawConnection.CONTINUATION;
import static org.wsconform.targets.RawConnection.PING;
import static org.wsconform.targets.RawConnection.PONG;
import static org.wsconform.targets.RawConnection.SAMPLE_ACCEPT;
import static org.wsconform.targets.RawConnection.TEXT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wsconform.targets.RawConnection;

/** One test per fault: the deviation it names really happens. (No fault: see FaultyServerTest.) */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FaultTest {

  /** Long enough to be sure a local server is not going to answer, short enough to stay fast. */
  private static final int SILENCE_MILLIS = 300;

  private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.UTF_8);

  private FaultyServer server;

  private RawConnection open(Fault fault) throws IOException {
    server = FaultyServer.start(0, Set.of(fault));
    return RawConnection.open(server.port());
  }

  private RawConnection upgraded(Fault fault) throws IOException {
    server = FaultyServer.start(0, Set.of(fault));
    return RawConnection.upgraded(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void wrongAccept() throws IOException {
    try (RawConnection client = open(Fault.WRONG_ACCEPT)) {
      RawConnection.HttpAnswer answer = client.upgrade();

      assertThat(answer.status()).isEqualTo(101);
      assertThat(answer.header("Sec-WebSocket-Accept")).isNotBlank().isNotEqualTo(SAMPLE_ACCEPT);
    }
  }

  @Test
  void plainGet200() throws IOException {
    try (RawConnection client = open(Fault.PLAIN_GET_200)) {
      RawConnection.HttpAnswer answer =
          client.exchange(
              RawConnection.request("GET / HTTP/1.1", List.of("Host: 127.0.0.1:" + server.port())));

      assertThat(answer.status()).isEqualTo(200);
    }
  }

  @Test
  void unofferedSubprotocol() throws IOException {
    try (RawConnection client = open(Fault.UNOFFERED_SUBPROTOCOL)) {
      RawConnection.HttpAnswer answer = client.upgrade();

      assertThat(answer.status()).isEqualTo(101);
      assertThat(answer.header("Sec-WebSocket-Protocol")).isEqualTo("bogus");
    }
  }

  @Test
  void pongWrongPayload() throws IOException {
    try (RawConnection client = upgraded(Fault.PONG_WRONG_PAYLOAD)) {
      client.send(PING, HELLO);
      client.send(PING, new byte[0]);

      RawConnection.Frame pong = client.readFrame();
      assertThat(pong.opcode()).isEqualTo(PONG);
      assertThat(pong.payload()).hasSameSizeAs(HELLO).isNotEqualTo(HELLO);
      assertThat(client.readFrame().text()).isEqualTo("x");
    }
  }

  @Test
  void corruptLongEcho() throws IOException {
    String longText = "κόσμε ".repeat(101).strip(); // 1110 bytes, ending inside "ε" (CE B5)
    try (RawConnection client = upgraded(Fault.CORRUPT_LONG_ECHO)) {
      client.send(TEXT, "short".repeat(200)); // exactly 1000 bytes: left alone
      client.send(TEXT, longText);
      client.send(BINARY, new byte[1001]);

      assertThat(client.readMessage().text()).isEqualTo("short".repeat(200));
      RawConnection.Frame text = client.readMessage();
      assertThat(text.payload()).hasSameSizeAs(longText.getBytes(StandardCharsets.UTF_8));
      assertThat(text.text()).isNotEqualTo(longText);
      assertThat(Utf8Validator.isValid(text.payload(), 0, text.payload().length)).isTrue();
      assertThat(client.readMessage().payload()).hasSize(1001).isNotEqualTo(new byte[1001]);
    }
  }

  @Test
  void rsvIgnored() throws IOException {
    try (RawConnection client = upgraded(Fault.RSV_IGNORED)) {
      client.write(RawConnection.frame(0x80 | 0x40 | TEXT, HELLO, true));

      assertThat(client.readMessage().text()).isEqualTo("Hello");
    }
  }

  @Test
  void reservedOpcodeIgnored() throws IOException {
    try (RawConnection client = upgraded(Fault.RESERVED_OPCODE_IGNORED)) {
      client.write(RawConnection.frame(0x80 | 3, HELLO, true));
      client.write(RawConnection.frame(0x80 | 11, HELLO, true));
      client.send(TEXT, HELLO);

      assertThat(client.readMessage().text()).isEqualTo("Hello");
    }
  }

  @Test
  void continuationWithoutStartIgnored() throws IOException {
    try (RawConnection client = upgraded(Fault.CONTINUATION_WITHOUT_START_IGNORED)) {
      client.send(CONTINUATION, "stray");
      client.send(TEXT, HELLO);

      assertThat(client.readMessage().text()).isEqualTo("Hello");
    }
  }

  @Test
  void fragmentedPingAnswered() throws IOException {
    try (RawConnection client = upgraded(Fault.FRAGMENTED_PING_ANSWERED)) {
      client.write(RawConnection.frame(PING, HELLO, true));

      RawConnection.Frame pong = client.readFrame();
      assertThat(pong.opcode()).isEqualTo(PONG);
      assertThat(pong.payload()).isEqualTo(HELLO);
    }
  }

  @Test
  void unmaskedAccepted() throws IOException {
    try (RawConnection client = upgraded(Fault.UNMASKED_ACCEPTED)) {
      client.write(RawConnection.frame(0x80 | TEXT, HELLO, false));

      assertThat(client.readMessage().text()).isEqualTo("Hello");
    }
  }

  @Test
  void utf8NotValidated() throws IOException {
    byte[] invalid = hex("cebae1bdb9cf83cebcceb5eda080656469746564");
    try (RawConnection client = upgraded(Fault.UTF8_NOT_VALIDATED)) {
      client.send(TEXT, invalid);

      RawConnection.Frame echo = client.readMessage();
      assertThat(echo.opcode()).isEqualTo(TEXT);
      assertThat(echo.payload()).isEqualTo(invalid);
    }
  }

  /** A ping after the bad fragment proves the server is still reading, not closing. */
  @Test
  void utf8ValidatedAtMessageEnd() throws IOException {
    try (RawConnection client = upgraded(Fault.UTF8_VALIDATED_AT_MESSAGE_END)) {
      client.write(RawConnection.frame(TEXT, hex("cebae1bdb9cf83cebcceb5f4908080"), true));
      client.send(PING, HELLO);

      assertThat(client.readFrame().opcode()).isEqualTo(PONG);
      client.send(CONTINUATION, "edited");
      assertThat(client.readFrame().closeCode()).isEqualTo(1007);
    }
  }

  @Test
  void invalidCloseCodeEchoed() throws IOException {
    try (RawConnection client = upgraded(Fault.INVALID_CLOSE_CODE_ECHOED)) {
      client.sendClose(1005, new byte[0]);

      assertThat(client.readFrame().closeCode()).isEqualTo(1005);
    }
  }

  @Test
  void noCloseReply() throws IOException {
    try (RawConnection client = upgraded(Fault.NO_CLOSE_REPLY)) {
      client.sendClose(1000, new byte[0]);

      assertThat(client.staysSilentFor(SILENCE_MILLIS)).isTrue();
    }
  }

  @Test
  void serverKeepsTcpOpen() throws IOException {
    try (RawConnection client = upgraded(Fault.SERVER_KEEPS_TCP_OPEN)) {
      client.sendClose(1000, new byte[0]);

      RawConnection.Frame close = client.readFrame();
      assertThat(close.opcode()).isEqualTo(CLOSE);
      assertThat(close.closeCode()).isEqualTo(1000);
      assertThat(client.serverClosesTcpWithin(SILENCE_MILLIS)).isFalse();
    }
  }

  @Test
  void closeReasonNotValidated() throws IOException {
    try (RawConnection client = upgraded(Fault.CLOSE_REASON_NOT_VALIDATED)) {
      client.sendClose(1000, hex("eda080"));

      assertThat(client.readFrame().closeCode()).isEqualTo(1000);
    }
  }

  @Test
  void oneOctetCloseAccepted() throws IOException {
    try (RawConnection client = upgraded(Fault.ONE_OCTET_CLOSE_ACCEPTED)) {
      client.send(CLOSE, new byte[] {0x03});

      assertThat(client.readFrame().closeCode()).isEqualTo(1000);
    }
  }

  /** The ping after the client's Close is answered, after the server's own Close. */
  @Test
  void keepsProcessingAfterClose() throws IOException {
    try (RawConnection client = upgraded(Fault.KEEPS_PROCESSING_AFTER_CLOSE)) {
      client.sendClose(1000, new byte[0]);
      client.send(PING, HELLO);

      assertThat(client.readFrame().closeCode()).isEqualTo(1000);
      RawConnection.Frame pong = client.readFrame();
      assertThat(pong.opcode()).isEqualTo(PONG);
      assertThat(pong.payload()).isEqualTo(HELLO);
    }
  }

  /**
   * Echoes go out late; one whose message is followed at once by a bad frame is lost, since the bad
   * frame is read before the echo's time and fails the connection.
   */
  @Test
  void slowEchoGoesOutLateAndIsLostToABadFrameReadBeforeIt() throws IOException {
    try (RawConnection client = upgraded(Fault.SLOW_ECHO)) {
      client.send(TEXT, HELLO);

      assertThat(client.staysSilentFor(EchoSession.SLOW_ECHO_MILLIS / 2)).isTrue();
      RawConnection.Frame echo = client.readFrame();
      assertThat(echo.opcode()).isEqualTo(TEXT);
      assertThat(echo.payload()).isEqualTo(HELLO);

      client.send(TEXT, HELLO);
      client.send(3, new byte[0]); // a reserved opcode (RFC 6455 §5.2)
      RawConnection.Frame next = client.readFrame();
      assertThat(next.opcode()).as("the echo is lost: the close comes first").isEqualTo(CLOSE);
      assertThat(next.closeCode()).isEqualTo(1002);
    }
  }

  /** Answers a Close only after its wait, then closes TCP as a conformant server does. */
  @Test
  void slowCloserAnswersACloseLate() throws IOException {
    try (RawConnection client = upgraded(Fault.SLOW_CLOSER)) {
      client.sendClose(1000, new byte[0]);

      assertThat(client.staysSilentFor(EchoSession.SLOW_CLOSE_MILLIS / 2)).isTrue();
      RawConnection.Frame close = client.readFrame();
      assertThat(close.opcode()).isEqualTo(CLOSE);
      assertThat(close.closeCode()).isEqualTo(1000);
      assertThat(client.serverClosesTcpWithin(SILENCE_MILLIS)).isTrue();
    }
  }

  /** After failing the connection it keeps TCP open for the client's Close, then closes at once. */
  @Test
  void slowCloserWaitsForTheClientsCloseAfterFailing() throws IOException {
    try (RawConnection client = upgraded(Fault.SLOW_CLOSER)) {
      client.send(TEXT, hex("cebae1bdb9cf83cebcceb5eda080656469746564"));

      assertThat(client.readFrame().closeCode()).isEqualTo(1007);
      assertThat(client.serverClosesTcpWithin(EchoSession.SLOW_CLOSE_MILLIS / 2)).isFalse();
      client.sendClose(1007, new byte[0]);
      assertThat(client.serverClosesTcpWithin(SILENCE_MILLIS)).isTrue();
    }
  }

  /** Without a Close from the client it closes TCP once its wait is over. */
  @Test
  void slowCloserClosesTcpWhenTheClientsCloseNeverComes() throws IOException {
    try (RawConnection client = upgraded(Fault.SLOW_CLOSER)) {
      client.send(TEXT, hex("eda080"));

      assertThat(client.readFrame().closeCode()).isEqualTo(1007);
      assertThat(client.serverClosesTcpWithin(2 * EchoSession.SLOW_CLOSE_MILLIS)).isTrue();
    }
  }

  // ------------------------------------------------------------------ permessage-deflate

  @Test
  void acceptsBadParameters() throws IOException {
    server = FaultyServer.start(0, Set.of(Fault.ACCEPTS_BAD_PARAMETERS));
    for (String offer :
        List.of(
            "permessage-deflate; foo=bar",
            "permessage-deflate; client_max_window_bits=16",
            "permessage-deflate; server_max_window_bits",
            "permessage-deflate; client_max_window_bits=09",
            "permessage-deflate; client_no_context_takeover; client_no_context_takeover")) {
      try (RawConnection client = RawConnection.open(server.port())) {
        assertThat(
                client
                    .upgrade("Sec-WebSocket-Extensions: " + offer)
                    .header("Sec-WebSocket-Extensions"))
            .as(offer)
            .isEqualTo("permessage-deflate");
      }
    }
    // valid parameters are still honoured: a window it cannot use is still declined
    try (RawConnection client = RawConnection.open(server.port())) {
      assertThat(
              client
                  .upgrade(
                      "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10")
                  .header("Sec-WebSocket-Extensions"))
          .isNull();
    }
  }

  @Test
  void answersClientMaxWindowBitsUnoffered() throws IOException {
    server = FaultyServer.start(0, Set.of(Fault.ANSWERS_CLIENT_MAX_WINDOW_BITS_UNOFFERED));
    try (RawConnection client = RawConnection.open(server.port())) {
      assertThat(
              client
                  .upgrade("Sec-WebSocket-Extensions: permessage-deflate")
                  .header("Sec-WebSocket-Extensions"))
          .isEqualTo("permessage-deflate; client_max_window_bits=15");
    }
  }

  /**
   * The same message twice: the second echo refers back into the first, so it cannot inflate alone.
   */
  @Test
  void keepsContextDespiteNoContextTakeover() throws Exception {
    byte[] text = randomLetters(300);
    server = FaultyServer.start(0, Set.of(Fault.KEEPS_CONTEXT_DESPITE_NO_CONTEXT_TAKEOVER));
    try (RawConnection client = RawConnection.open(server.port())) {
      assertThat(
              client
                  .upgrade(
                      "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover")
                  .header("Sec-WebSocket-Extensions"))
          .isEqualTo("permessage-deflate; server_no_context_takeover");
      client.write(RawConnection.frame(0x80 | 0x40 | TEXT, DeflateCodec.compress(text), true));
      client.write(RawConnection.frame(0x80 | 0x40 | TEXT, DeflateCodec.compress(text), true));

      assertThat(DeflateCodec.inflateAlone(client.readFrame().payload())).isEqualTo(text);
      byte[] second = client.readFrame().payload();
      assertThatThrownBy(() -> DeflateCodec.inflateAlone(second))
          .isInstanceOf(DataFormatException.class);
    }
  }

  @Test
  void acceptsRsv1OnContinuation() throws Exception {
    byte[] text = "Hello, world".getBytes(StandardCharsets.UTF_8);
    byte[] compressed = DeflateCodec.compress(text);
    server = FaultyServer.start(0, Set.of(Fault.ACCEPTS_RSV1_ON_CONTINUATION));
    try (RawConnection client = RawConnection.open(server.port())) {
      client.upgrade("Sec-WebSocket-Extensions: permessage-deflate");
      client.write(RawConnection.frame(0x40 | TEXT, Arrays.copyOfRange(compressed, 0, 4), true));
      client.write(
          RawConnection.frame(
              0x80 | 0x40 | CONTINUATION,
              Arrays.copyOfRange(compressed, 4, compressed.length),
              true));

      RawConnection.Frame echo = client.readFrame();
      assertThat(echo.opcode()).isEqualTo(TEXT);
      assertThat(DeflateCodec.inflateAlone(echo.payload())).isEqualTo(text);
    }
    // without the extension RSV1 still fails the connection, on any frame
    try (RawConnection client = RawConnection.upgraded(server.port())) {
      client.write(RawConnection.frame(TEXT, "Hello".getBytes(StandardCharsets.UTF_8), true));
      client.write(
          RawConnection.frame(
              0x80 | 0x40 | CONTINUATION, ", world".getBytes(StandardCharsets.UTF_8), true));

      assertThat(client.readFrame().closeCode()).isEqualTo(1002);
    }
  }

  /**
   * Four copies of 2048 random letters: with the agreed 2^10 window no copy can refer to the one
   * before (2048 octets back), so the echo could not shrink much below 5 bits a letter; it does.
   */
  @Test
  void ignoresServerMaxWindowBits() throws Exception {
    byte[] block = randomLetters(2048);
    byte[] text = new byte[4 * block.length];
    for (int i = 0; i < 4; i++) {
      System.arraycopy(block, 0, text, i * block.length, block.length);
    }
    server = FaultyServer.start(0, Set.of(Fault.IGNORES_SERVER_MAX_WINDOW_BITS));
    try (RawConnection client = RawConnection.open(server.port())) {
      assertThat(
              client
                  .upgrade(
                      "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10")
                  .header("Sec-WebSocket-Extensions"))
          .isEqualTo("permessage-deflate; server_max_window_bits=10");
      client.write(RawConnection.frame(0x80 | 0x40 | TEXT, DeflateCodec.compress(text), true));

      byte[] echo = client.readFrame().payload();
      assertThat(DeflateCodec.inflateAlone(echo)).isEqualTo(text);
      assertThat(echo.length).isLessThan(text.length / 4);
    }
  }

  /**
   * Letters from a seeded generator: no repeats inside, so a compressor finds back-references only
   * across messages.
   */
  static byte[] randomLetters(int length) {
    java.util.Random random = new java.util.Random(7);
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) ('a' + random.nextInt(26));
    }
    return b;
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
