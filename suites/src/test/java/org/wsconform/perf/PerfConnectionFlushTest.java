package org.wsconform.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wsconform.wire.DecodedFrame;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameDecoder;

/**
 * The gathering flush: frames queued together leave in as few writes as the socket allows, and a
 * socket that takes only part of a batch keeps the rest, in order, for the next flush.
 */
class PerfConnectionFlushTest {

  @Test
  void manyQueuedFramesArriveWholeAndInOrderThroughPartialWrites() throws Exception {
    int frames = 300;
    int size = 16 * 1024; // 4.8 MB in all: more than loopback buffers take without a reader
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setReceiveBufferSize(8 * 1024);
      SocketChannel ch = SocketChannel.open();
      ch.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 8 * 1024);
      ch.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      ch.configureBlocking(false);
      try (Socket peer = server.accept();
          ch) {
        PerfConnection c =
            new PerfConnection(
                1,
                ch,
                Endpoint.parse("ws://127.0.0.1:" + server.getLocalPort() + "/"),
                List.of(),
                false,
                System.nanoTime(),
                new SplittableRandom(7));
        for (int i = 0; i < frames; i++) {
          byte[] p = new byte[size];
          java.util.Arrays.fill(p, (byte) i);
          c.sendFrame(new Frame(true, 0, 2, p));
        }
        // nobody reads yet: the first flush must stop short, with the rest still queued
        assertThat(c.flush()).isFalse();
        assertThat(c.pendingOctets).isPositive();

        CompletableFuture<byte[]> received =
            CompletableFuture.supplyAsync(
                () -> {
                  try (InputStream in = peer.getInputStream()) {
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    byte[] b = new byte[65536];
                    int n;
                    while ((n = in.read(b)) > 0) all.write(b, 0, n);
                    return all.toByteArray();
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.flush()) {
          assertThat(System.nanoTime()).as("flush finished within 20 s").isLessThan(deadline);
          Thread.onSpinWait();
        }
        assertThat(c.pendingOctets).isZero();
        ch.shutdownOutput();
        byte[] wire = received.get(20, TimeUnit.SECONDS);

        FrameDecoder d = new FrameDecoder(FrameDecoder.Sender.CLIENT, 1 << 20);
        d.feed(wire);
        int seen = 0;
        DecodedFrame f;
        while ((f = d.next()) != null) {
          assertThat(f.isFatal()).as(f.violations().toString()).isFalse();
          assertThat(f.frame().payload()).hasSize(size);
          assertThat(f.frame().payload()[0]).isEqualTo((byte) seen);
          assertThat(f.frame().payload()[size - 1]).isEqualTo((byte) seen);
          seen++;
        }
        assertThat(seen).isEqualTo(frames);
      }
    }
  }
}
