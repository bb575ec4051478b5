package org.wsconform.deployed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.targets.ReferenceServer;

/**
 * --timeout-scale on a slow link: a relay in front of the reference server delays everything the
 * server sends by 1.2 s, longer than Autobahn's 1 s timers for 1.1.1 and 2.1 (close after 1 s, then
 * 1 s for the server's close). At the default scale the server's close comes too late, the harness
 * drops TCP and the close is UNCLEAN, which --strict fails; at --timeout-scale 4 the same link
 * passes cleanly, because every timer and deadline stretches with it.
 */
@Timeout(120)
class SlowLinkTest {
  private static final long DELAY_MILLIS = 1200;

  @Test
  void timersThatASlowLinkOutrunsPassOnceScaled(@TempDir Path out) throws Exception {
    try (ReferenceServer target = ReferenceServer.start(0);
        DelayingRelay slow = new DelayingRelay(target.port(), DELAY_MILLIS)) {
      String url = "ws://127.0.0.1:" + slow.port() + "/";
      Cli.Run unscaled =
          Cli.run(
              "--target",
              url,
              "--cases",
              "1.1.1,2.1",
              "--strict",
              "--out",
              out.resolve("x1").toString());
      assertThat(unscaled.exit()).as(unscaled.all()).isEqualTo(1);
      Map<String, JsonNode> atOne = results(out.resolve("x1"));
      assertThat(atOne.keySet()).containsExactlyInAnyOrder("1.1.1", "2.1");
      for (JsonNode r : atOne.values()) {
        assertThat(r.path("outcome").asText()).as(r.toString()).isEqualTo("FAILED");
        assertThat(r.path("behaviorClose").asText()).as(r.toString()).isEqualTo("UNCLEAN");
        assertThat(r.path("close").path("wasCloseHandshakeTimeout").asBoolean())
            .as(r.toString())
            .isTrue();
      }

      Cli.Run scaled =
          Cli.run(
              "--target",
              url,
              "--cases",
              "1.1.1,2.1",
              "--strict",
              "--timeout-scale",
              "4",
              "--out",
              out.resolve("x4").toString());
      assertThat(scaled.exit()).as(scaled.all()).isZero();
      Map<String, JsonNode> atFour = results(out.resolve("x4"));
      assertThat(atFour.keySet()).containsExactlyInAnyOrder("1.1.1", "2.1");
      for (JsonNode r : atFour.values()) {
        assertThat(r.path("outcome").asText()).as(r.toString()).isEqualTo("PASSED");
        assertThat(r.path("behavior").asText()).as(r.toString()).isEqualTo("OK");
        assertThat(r.path("behaviorClose").asText()).as(r.toString()).isEqualTo("OK");
      }
      assertThat(slow.connections.get()).as("preflight and two cases, twice").isEqualTo(6);
    }
  }

  private static Map<String, JsonNode> results(Path out) throws IOException {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(Cli.runFolder(out).resolve("results.jsonl"))) {
      JsonNode r = json.readTree(line);
      byId.put(r.path("id").asText(), r);
    }
    return byId;
  }

  /**
   * A TCP relay on loopback whose server-to-client direction holds every chunk for a fixed time
   * before passing it on, in order: the latency of a far-away endpoint, without its bandwidth
   * limit.
   */
  static final class DelayingRelay implements AutoCloseable {
    final AtomicLong connections = new AtomicLong();
    private final ServerSocket listener;
    private final int targetPort;
    private final long delayNanos;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();

    DelayingRelay(int targetPort, long delayMillis) throws IOException {
      this.targetPort = targetPort;
      this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      daemon(this::accept, "slow-link-accept");
    }

    int port() {
      return listener.getLocalPort();
    }

    private void accept() {
      while (!listener.isClosed()) {
        try {
          Socket client = listener.accept();
          Socket server = new Socket();
          server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
          client.setTcpNoDelay(true);
          server.setTcpNoDelay(true);
          sockets.add(client);
          sockets.add(server);
          connections.incrementAndGet();
          daemon(() -> pump(client, server, null), "slow-link-up");
          DelayQueue<Chunk> held = new DelayQueue<>();
          daemon(() -> pump(server, client, held), "slow-link-down");
          daemon(() -> release(held, client), "slow-link-release");
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    /**
     * Copies from → to; into {@code held} instead when that direction is delayed. An empty chunk
     * marks the end.
     */
    private void pump(Socket from, Socket to, DelayQueue<Chunk> held) {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream()) {
        OutputStream out = to.getOutputStream();
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (held == null) {
            out.write(buf, 0, n);
            out.flush();
          } else {
            held.add(
                new Chunk(
                    System.nanoTime() + delayNanos,
                    sequence.incrementAndGet(),
                    Arrays.copyOf(buf, n)));
          }
        }
      } catch (IOException e) {
        // either side went away
      }
      if (held != null) {
        held.add(
            new Chunk(System.nanoTime() + delayNanos, sequence.incrementAndGet(), new byte[0]));
      } else {
        shutdownOutput(to);
      }
    }

    /**
     * Passes held chunks on once their time has come; the end marker shuts the client's side down.
     */
    private void release(DelayQueue<Chunk> held, Socket client) {
      try {
        OutputStream out = client.getOutputStream();
        while (true) {
          Chunk c = held.take();
          if (c.octets.length == 0) {
            shutdownOutput(client);
            return;
          }
          out.write(c.octets);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the client went away, or the relay is closing
      }
    }

    private static void shutdownOutput(Socket s) {
      try {
        s.shutdownOutput();
      } catch (IOException e) {
        // already closed
      }
    }

    private static void daemon(Runnable r, String name) {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      listener.close();
      for (Socket s : sockets) s.close();
    }

    /** Octets due at {@code due} (System.nanoTime()); ties keep arrival order. */
    private record Chunk(long due, long seq, byte[] octets) implements Delayed {
      @Override
      public long getDelay(TimeUnit unit) {
        return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
      }

      @Override
      public int compareTo(Delayed o) {
        Chunk c = (Chunk) o;
        int byDue = Long.compare(due, c.due);
        return byDue != 0 ? byDue : Long.compare(seq, c.seq);
      }
    }
  }
}
