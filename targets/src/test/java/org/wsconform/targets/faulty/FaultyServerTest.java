package org.wsconform.targets.faulty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wsconform.targets.RawConnection.CLOSE;
import static org.wsconform.targets.RawConnection.TEXT;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

    @Test
    void permessageDeflateIsNeverNegotiated() throws IOException {
        try (RawConnection client = RawConnection.open(port())) {
            RawConnection.HttpAnswer answer = client.upgrade("Sec-WebSocket-Extensions: permessage-deflate");

            assertThat(answer.status()).isEqualTo(101);
            assertThat(answer.header("Sec-WebSocket-Extensions")).isNull();
        }
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
            client.write(new byte[] {(byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4});

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
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                FaultyServer.class.getName(), "0", "WRONG_ACCEPT", "no_close_reply")
                .start();
        try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
            String line = out.readLine();

            assertThat(line).matches(
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
