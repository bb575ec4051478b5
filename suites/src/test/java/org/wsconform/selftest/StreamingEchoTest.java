package org.wsconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.SecWebSocketAccept;

/**
 * A server that echoes a big message while it is still reading it, in 8 KiB frames with blocking
 * writes, as Tomcat does. The harness writes the 16 MiB frame with a blocking write too; when its
 * reader stopped after 256 queued frames, both TCP directions filled and the two waited on each
 * other until the case's 100 s timer (Tomcat drops TCP after 20 s): 9.1.6, 9.2.6 and L.5 failed
 * against Tomcat through no fault of its own. Now the reader keeps queueing while a write is
 * blocked, and the cases pass in seconds.
 */
class StreamingEchoTest {
  @Test
  @Timeout(60)
  void aServerThatEchoesWhileItReadsGetsItsBigMessagesBack() throws Exception {
    try (StreamingEcho server = new StreamingEcho()) {
      List<ConformanceCase> cases =
          Catalogue.all().stream()
              .filter(c -> c.id().equals("9.1.6") || c.id().equals("9.2.6"))
              .toList();
      long t0 = System.nanoTime();
      Map<String, CaseResult> rs = Runs.run(server.uri(), cases);
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      assertThat(rs).hasSize(2);
      assertThat(rs.values())
          .as(Runs.describe(List.copyOf(rs.values())))
          .allMatch(r -> r.outcome() == Outcome.PASSED);
      assertThat(seconds).as("two 16 MiB echoes, seconds").isLessThan(30);
    }
  }

  /**
   * Echoes each frame's payload as it arrives, in frames of at most 8 KiB; one blocking thread per
   * connection.
   */
  static final class StreamingEcho implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final Thread acceptor = new Thread(this::acceptLoop, "streaming-echo");

    StreamingEcho() throws IOException {
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI uri() {
      return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    private void acceptLoop() {
      while (!listener.isClosed()) {
        try {
          Socket s = listener.accept();
          Thread t = new Thread(() -> serve(s), "streaming-echo-connection");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private static void serve(Socket s) {
      try (s) {
        s.setTcpNoDelay(true);
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        String key = null;
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0; ) {
          if (c != '\n') {
            if (c != '\r') line.append((char) c);
            continue;
          }
          if (line.length() == 0) break;
          String l = line.toString();
          if (l.toLowerCase().startsWith("sec-websocket-key:"))
            key = l.substring(l.indexOf(':') + 1).trim();
          line.setLength(0);
        }
        out.write(
            ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                    + SecWebSocketAccept.of(key)
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        DataInputStream din = new DataInputStream(in);
        byte[] chunk = new byte[8192];
        boolean inMessage = false;
        while (true) {
          int b0 = din.readUnsignedByte();
          int b1 = din.readUnsignedByte();
          int opcode = b0 & 0x0f;
          boolean fin = (b0 & 0x80) != 0;
          long len = b1 & 0x7f;
          if (len == 126) len = din.readUnsignedShort();
          else if (len == 127) len = din.readLong();
          byte[] mask = new byte[4];
          din.readFully(mask);
          if (opcode == 0x8) {
            byte[] p = new byte[(int) len];
            din.readFully(p);
            unmask(p, mask, 0, p.length, 0);
            out.write(new byte[] {(byte) 0x88, (byte) p.length});
            out.write(p);
            out.flush();
            return;
          }
          if (opcode == 0x9) { // ping: pong
            byte[] p = new byte[(int) len];
            din.readFully(p);
            unmask(p, mask, 0, p.length, 0);
            out.write(new byte[] {(byte) 0x8a, (byte) p.length});
            out.write(p);
            continue;
          }
          long done = 0;
          if (len == 0) {
            out.write(new byte[] {(byte) ((fin ? 0x80 : 0) | (inMessage ? 0 : opcode)), 0});
          }
          while (done < len) {
            int n = (int) Math.min(chunk.length, len - done);
            din.readFully(chunk, 0, n);
            unmask(chunk, mask, 0, n, done);
            boolean last = fin && done + n == len;
            int op = inMessage ? 0 : opcode;
            inMessage = !last;
            byte head = (byte) ((last ? 0x80 : 0) | op);
            out.write(
                n < 126
                    ? new byte[] {head, (byte) n}
                    : new byte[] {head, 126, (byte) (n >> 8), (byte) n});
            out.write(chunk, 0, n); // blocking: waits while the client does not read
            done += n;
          }
          if (len == 0) inMessage = !fin;
          out.flush();
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    private static void unmask(byte[] b, byte[] mask, int off, int n, long position) {
      for (int i = 0; i < n; i++) b[off + i] ^= mask[(int) ((position + i) & 3)];
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
