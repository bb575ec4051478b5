package org.wsconform.perf;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.wsconform.wire.SecWebSocketAccept;

/**
 * A one-connection echo server that stops reading for {@code stallMillis} once, after the {@code
 * stallAfter}th message: the target that stalls on purpose, to show the queue an open-model
 * generator sees (and a closed-model one hides).
 */
final class StallingEchoServer implements AutoCloseable {
  private final ServerSocket server;
  private final Thread thread;
  private final int stallAfter;
  private final long stallMillis;

  StallingEchoServer(int stallAfter, long stallMillis) throws IOException {
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.stallAfter = stallAfter;
    this.stallMillis = stallMillis;
    this.thread = new Thread(this::serve, "stalling-echo");
    thread.setDaemon(true);
    thread.start();
  }

  URI uri() {
    return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
  }

  private void serve() {
    try (Socket s = server.accept()) {
      s.setSoTimeout(20_000);
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      String head = readHead(in);
      String key = null;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase().startsWith("sec-websocket-key:")) key = line.substring(18).trim();
      }
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + SecWebSocketAccept.of(key)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      DataInputStream d = new DataInputStream(in);
      int messages = 0;
      boolean stalled = false;
      while (true) {
        int b0 = d.readUnsignedByte();
        int b1 = d.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) len = d.readUnsignedShort();
        else if (len == 127) len = d.readLong();
        byte[] mask = new byte[4];
        d.readFully(mask);
        byte[] p = new byte[(int) len];
        d.readFully(p);
        for (int i = 0; i < p.length; i++) p[i] ^= mask[i & 3];
        if ((b0 & 0x0f) == 8) return;
        messages++;
        if (messages == stallAfter && !stalled) {
          stalled = true;
          Thread.sleep(stallMillis); // the stall under test, not a synchronisation
        }
        out.write(b0);
        if (p.length < 126) out.write(p.length);
        else {
          out.write(126);
          out.write(p.length >>> 8);
          out.write(p.length);
        }
        out.write(p);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the test closed the connection
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) throw new IOException("closed during the request head");
      sb.append((char) c);
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
