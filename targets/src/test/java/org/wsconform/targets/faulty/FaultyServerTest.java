package org.wsconform.targets.faulty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wsconform.targets.RawConnection.BINARY;
import static org.wsconform.targets.RawConnection.CLOSE;
import static org.wsconform.targets.RawConnection.CONTINUATION;
import static org.wsconform.targets.RawConnection.TEXT;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsconform.targets.EchoServerContract;
import org.wsconform.targets.RawConnection;

/** The faulty server with no fault on: the same contract as the reference server, and more. */
class FaultyServerTest extends EchoServerContract {

  private FaultyServer server;

  @Override
  protected AutoCloseable startServer() {
    server = FaultyServer.start(0, Set.of());
    return server;
  }

  @Override
  protected int port() {
    return server.port();
  }

  @Test
  void uriNamesTheLoopbackAddressAndPort() {
    assertThat(server.uri()).hasToString("ws://127.0.0.1:" + server.port() + "/");
  }

  @ParameterizedTest(name = "offer [{0}] → [{1}]")
  @CsvSource(
      delimiter = '|',
      nullValues = "none",
      value = {
        "permessage-deflate                                                     | permessage-deflate",
        "permessage-deflate; client_max_window_bits                             | permessage-deflate",
        "permessage-deflate; client_max_window_bits=10                          | permessage-deflate",
        "permessage-deflate; client_no_context_takeover                         | permessage-deflate",
        "permessage-deflate; server_no_context_takeover                         | permessage-deflate; server_no_context_takeover",
        "permessage-deflate; server_max_window_bits=15                          | permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=\"15\"                      | permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=9                           | none",
        "permessage-deflate; server_max_window_bits                             | none",
        "permessage-deflate; foo=bar                                            | none",
        "permessage-deflate; client_max_window_bits=7                           | none",
        "permessage-deflate; client_max_window_bits=16                          | none",
        "permessage-deflate; client_max_window_bits=abc                         | none",
        "permessage-deflate; client_max_window_bits=09                          | none",
        "permessage-deflate; server_no_context_takeover=1                       | none",
        "permessage-deflate; client_no_context_takeover; client_no_context_takeover | none",
        "permessage-deflate; server_max_window_bits=9, permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover",
        "x-webkit-deflate-frame, permessage-deflate                             | permessage-deflate",
        "x-webkit-deflate-frame                                                 | none",
      })
  void permessageDeflateOfferIsAcceptedOnlyWhenItCanBeHonoured(String offer, String answer)
      throws IOException {
    try (RawConnection client = RawConnection.open(port())) {
      RawConnection.HttpAnswer response = client.upgrade("Sec-WebSocket-Extensions: " + offer);

      assertThat(response.status()).isEqualTo(101);
      assertThat(response.header("Sec-WebSocket-Extensions")).isEqualTo(answer);
    }
  }

  /** RFC 7692 §7.2.3.1 and §7.2.3.2: "Hello" twice, the second using the first as its window. */
  @Test
  void compressedMessagesAreInflatedWithContextAndEchoedCompressed() throws Exception {
    try (RawConnection client = deflateConnection("permessage-deflate")) {
      client.write(
          RawConnection.frame(0x80 | 0x40 | TEXT, HexFormat.of().parseHex("f248cdc9c90700"), true));
      client.write(
          RawConnection.frame(0x80 | 0x40 | TEXT, HexFormat.of().parseHex("f200110000"), true));

      Inflater inflater = new Inflater(true);
      for (int i = 0; i < 2; i++) {
        RawConnection.Frame echo = client.readFrame();
        assertThat(echo.rsv()).isEqualTo(4);
        assertThat(echo.opcode()).isEqualTo(TEXT);
        assertThat(
                new String(DeflateCodec.inflate(inflater, echo.payload()), StandardCharsets.UTF_8))
            .isEqualTo("Hello");
      }
      inflater.end();
    }
  }

  /** RFC 7692 §6: RSV1 on the first frame only; the compressed data may be split anywhere. */
  @Test
  void fragmentedCompressedMessageIsEchoed() throws Exception {
    byte[] text = "fragmented and compressed, ".repeat(40).getBytes(StandardCharsets.UTF_8);
    byte[] compressed = DeflateCodec.compress(text);
    try (RawConnection client = deflateConnection("permessage-deflate")) {
      int half = compressed.length / 2;
      client.write(
          RawConnection.frame(0x40 | BINARY, Arrays.copyOfRange(compressed, 0, half), true));
      client.write(
          RawConnection.frame(
              0x80 | CONTINUATION, Arrays.copyOfRange(compressed, half, compressed.length), true));

      RawConnection.Frame echo = client.readFrame();
      assertThat(echo.opcode()).isEqualTo(BINARY);
      assertThat(DeflateCodec.inflateAlone(echo.payload())).isEqualTo(text);
    }
  }

  /**
   * RFC 7692 §7.1.1.1: after {@code server_no_context_takeover} every echo inflates alone; without
   * it the server uses its window, so the same message echoed twice comes back shorter. (The second
   * half proves the first can fail: KEEPS_CONTEXT_DESPITE_NO_CONTEXT_TAKEOVER, FaultTest.)
   */
  @Test
  void serverNoContextTakeoverIsHonoured() throws Exception {
    byte[] text = FaultTest.randomLetters(300);
    try (RawConnection client =
        deflateConnection("permessage-deflate; server_no_context_takeover")) {
      client.write(RawConnection.frame(0x80 | 0x40 | TEXT, DeflateCodec.compress(text), true));
      client.write(RawConnection.frame(0x80 | 0x40 | TEXT, DeflateCodec.compress(text), true));

      assertThat(DeflateCodec.inflateAlone(client.readFrame().payload())).isEqualTo(text);
      assertThat(DeflateCodec.inflateAlone(client.readFrame().payload())).isEqualTo(text);
    }
    try (RawConnection client = deflateConnection("permessage-deflate")) {
      client.write(RawConnection.frame(0x80 | 0x40 | TEXT, DeflateCodec.compress(text), true));
      client.write(RawConnection.frame(0x80 | 0x40 | TEXT, DeflateCodec.compress(text), true));

      int first = client.readFrame().payload().length;
      assertThat(client.readFrame().payload().length).isLessThan(first / 4);
    }
  }

  @Test
  void uncompressedMessagesAreStillAcceptedAfterTheAgreement() throws Exception {
    try (RawConnection client = deflateConnection("permessage-deflate")) {
      client.send(TEXT, "plain");

      RawConnection.Frame echo = client.readFrame();
      assertThat(echo.rsv()).isEqualTo(4);
      assertThat(DeflateCodec.inflateAlone(echo.payload())).asString().isEqualTo("plain");
    }
  }

  @ParameterizedTest(name = "{0} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "RSV1 on a continuation frame (RFC 7692 §6.1)    | continuation | 1002",
        "RSV1 on a ping (RFC 7692 §6.1)                  | ping         | 1002",
        "RSV2 on a text frame (RFC 6455 §5.2)            | rsv2         | 1002",
        "corrupt deflate data (RFC 7692 §7.2.2, 1007)    | corrupt      | 1007",
        "deflate bomb above 64 MiB (RFC 6455 §7.4.1)     | bomb         | 1009",
        "compressed text that is not UTF-8 (§8.1)        | notUtf8      | 1007",
      })
  void brokenCompressedTrafficFailsTheConnection(String what, String kind, int code)
      throws IOException {
    try (RawConnection client = deflateConnection("permessage-deflate")) {
      switch (kind) {
        case "continuation" -> {
          byte[] compressed =
              DeflateCodec.compress("Hello, world".getBytes(StandardCharsets.UTF_8));
          client.write(
              RawConnection.frame(0x40 | TEXT, Arrays.copyOfRange(compressed, 0, 4), true));
          client.write(
              RawConnection.frame(
                  0x80 | 0x40 | CONTINUATION,
                  Arrays.copyOfRange(compressed, 4, compressed.length),
                  true));
        }
        case "ping" ->
            client.write(RawConnection.frame(0x80 | 0x40 | RawConnection.PING, new byte[0], true));
        case "rsv2" ->
            client.write(RawConnection.frame(0x80 | 0x20 | TEXT, new byte[] {'x'}, true));
        case "corrupt" ->
            client.write(
                RawConnection.frame(0x80 | 0x40 | TEXT, new byte[] {(byte) 0xFF, 1, 2, 3}, true));
        case "bomb" ->
            client.write(
                RawConnection.frame(
                    0x80 | 0x40 | BINARY, DeflateCodec.compress(new byte[65 << 20]), true));
        case "notUtf8" ->
            client.write(
                RawConnection.frame(
                    0x80 | 0x40 | TEXT,
                    DeflateCodec.compress(new byte[] {'a', (byte) 0xC0, (byte) 0x80}),
                    true));
        default -> throw new IllegalArgumentException(kind);
      }

      RawConnection.Frame close = client.readFrame();
      assertThat(close.opcode()).as(what).isEqualTo(CLOSE);
      assertThat(close.closeCode()).as(what).isEqualTo(code);
    }
  }

  private RawConnection deflateConnection(String offer) throws IOException {
    RawConnection client = RawConnection.open(port());
    RawConnection.HttpAnswer answer = client.upgrade("Sec-WebSocket-Extensions: " + offer);
    assertThat(answer.status()).isEqualTo(101);
    assertThat(answer.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
    return client;
  }

  @ParameterizedTest(name = "close code {0} is echoed")
  @ValueSource(ints = {1000, 1001, 1003, 1011, 1014, 3000, 4999})
  void validCloseCodeIsEchoed(int code) throws IOException {
    try (RawConnection client = RawConnection.upgraded(port())) {
      client.sendClose(code, "bye".getBytes(StandardCharsets.UTF_8));

      assertThat(client.readFrame().closeCode()).isEqualTo(code);
      assertThat(client.serverClosesTcpWithin(1000)).isTrue();
    }
  }

  @Test
  void sixtyFourBitLengthWithTheTopBitSetFailsTheConnection() throws IOException {
    try (RawConnection client = RawConnection.upgraded(port())) {
      client.write(
          new byte[] {
            (byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4
          });

      assertThat(client.readFrame().closeCode()).isEqualTo(1002);
    }
  }

  @Test
  void dataAfterTheCloseIsIgnored() throws IOException {
    try (RawConnection client = RawConnection.upgraded(port())) {
      client.sendClose(1000, new byte[0]);
      client.send(TEXT, "too late");
      client.send(RawConnection.PING, "too late");

      assertThat(client.readFrame().opcode()).isEqualTo(CLOSE);
      assertThatThrownBy(client::readFrame).isInstanceOf(EOFException.class);
    }
  }

  @Test
  void mainPrintsExactlyOneLine() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FaultyServer.class.getName(),
                "0",
                "WRONG_ACCEPT",
                "no_close_reply")
            .start();
    try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
      String line = out.readLine();

      assertThat(line)
          .matches(
              "wsconform faulty server \\(WRONG_ACCEPT,NO_CLOSE_REPLY\\) listening on "
                  + "ws://127\\.0\\.0\\.1:\\d+/");
      process.toHandle().destroy(); // unlike Process.destroy(), leaves the pipes open to read
      assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(out.readLine()).isNull();
      assertThat(process.getErrorStream().readAllBytes()).asString().isEmpty();
    } finally {
      process.destroyForcibly();
    }
  }
}
