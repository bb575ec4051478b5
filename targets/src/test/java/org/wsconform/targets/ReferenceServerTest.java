package org.wsconform.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsconform.targets.RawConnection.TEXT;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceServerTest extends EchoServerContract {

  private ReferenceServer server;

  @Override
  protected AutoCloseable startServer() {
    server = ReferenceServer.start(0);
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
        "permessage-deflate                                              | permessage-deflate",
        "permessage-deflate; client_max_window_bits                      | permessage-deflate",
        "permessage-deflate; client_no_context_takeover                  | permessage-deflate;client_no_context_takeover",
        "permessage-deflate; server_max_window_bits=15                   | permessage-deflate;server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=10                   | permessage-deflate;server_max_window_bits=10",
        "permessage-deflate; server_max_window_bits=8                    | permessage-deflate;server_max_window_bits=8",
        "permessage-deflate; server_max_window_bits=7                    | none",
        "permessage-deflate; foo=bar                                     | none",
        "permessage-deflate; client_max_window_bits=16                   | none",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover | none",
        "permessage-deflate; server_max_window_bits=09, permessage-deflate | permessage-deflate",
        "permessage-deflate; server_max_window_bits=9, permessage-deflate | permessage-deflate;server_max_window_bits=9",
        "x-webkit-deflate-frame                                          | none",
      })
  void permessageDeflateOfferIsAcceptedOnlyWhenValid(String offer, String answer)
      throws IOException {
    try (RawConnection client = RawConnection.open(port())) {
      RawConnection.HttpAnswer response = client.upgrade("Sec-WebSocket-Extensions: " + offer);

      assertThat(response.status()).isEqualTo(101);
      assertThat(response.header("Sec-WebSocket-Extensions")).isEqualTo(answer);
    }
  }

  @Test
  void compressedTextIsEchoed() throws Exception {
    try (RawConnection client = RawConnection.open(port())) {
      client.upgrade("Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover");
      // "Hello" compressed, RFC 7692 §7.2.3.1, with RSV1 on the frame
      client.write(RawConnection.frame(0x80 | 0x40 | TEXT, hex("f248cdc9c90700"), true));

      RawConnection.Frame echo = client.readMessage();
      assertThat(echo.opcode()).isEqualTo(TEXT);
      assertThat(echo.rsv()).isEqualTo(4);
      assertThat(inflate(echo.payload())).isEqualTo("Hello");
    }
  }

  /** RFC 7692 §7.2.2: append 00 00 FF FF and inflate (raw deflate, no zlib wrapper). */
  private static String inflate(byte[] compressed) throws DataFormatException {
    Inflater inflater = new Inflater(true);
    inflater.setInput(ByteBuffer.wrap(concat(compressed, hex("0000ffff"))));
    byte[] out = new byte[1024];
    int n = inflater.inflate(out);
    inflater.end();
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  /** The launcher reads this line to learn the port; nothing else may appear on either stream. */
  @Test
  void mainPrintsExactlyOneLine() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ReferenceServer.class.getName(),
                "0")
            .start();
    try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
      String line = out.readLine();

      assertThat(line)
          .matches("wsconform reference server listening on ws://127\\.0\\.0\\.1:\\d+/");
      process.toHandle().destroy(); // unlike Process.destroy(), leaves the pipes open to read
      assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(out.readLine()).isNull();
      assertThat(process.getErrorStream().readAllBytes()).asString().isEmpty();
    } finally {
      process.destroyForcibly();
    }
  }
}
