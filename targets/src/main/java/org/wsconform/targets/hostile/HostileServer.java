package org.wsconform.targets.hostile;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server that misbehaves in one chosen way ({@link Hostility}) on every connection, written with
 * a plain {@link ServerSocket} so that every octet, pause and reset is exactly as named. The
 * harness is trusted with deployed endpoints only if each of these ends every case in time with a
 * reason, keeps every result, and stays within its memory.
 *
 * <p>Behaviours that go on "forever" go on until the client leaves or the server is closed.
 */
public final class HostileServer implements AutoCloseable {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final Pattern KEY =
      Pattern.compile("(?im)^Sec-WebSocket-Key:[ \\t]*([^\\r\\n]*?)[ \\t]*\\r?$");
  private static final Pattern REQUEST_LINE = Pattern.compile("^\\S+ (\\S+) HTTP/");
  private static final int MAX_HEAD = 64 * 1024;

  /**
   * The pause of the trickling behaviours: slow enough to outlast any deadline, fast enough to look
   * alive.
   */
  private static final long TRICKLE_MILLIS = 20;

  private final ServerSocket listener;
  private final Hostility hostility;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final List<Long> acceptedAt = Collections.synchronizedList(new ArrayList<>());
  private final Thread acceptor;
  private volatile boolean closed;

  private HostileServer(ServerSocket listener, Hostility hostility) {
    this.listener = listener;
    this.hostility = hostility;
    this.acceptor =
        new Thread(this::acceptConnections, "wsconform-hostile-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
  }

  /** Starts the server on 127.0.0.1; port 0 picks a free port. */
  public static HostileServer start(int port, Hostility hostility) {
    ServerSocket listener = null;
    try {
      listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    } catch (IOException e) {
      closeQuietly(listener);
      throw new UncheckedIOException("hostile server did not start on port " + port, e);
    }
    HostileServer server = new HostileServer(listener, hostility);
    server.acceptor.start();
    return server;
  }

  public static HostileServer start(Hostility hostility) {
    return start(0, hostility);
  }

  public Hostility hostility() {
    return hostility;
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** ws://127.0.0.1:port/, or wss:// for the TLS behaviours. */
  public URI uri() {
    return URI.create((hostility.tls() ? "wss" : "ws") + "://127.0.0.1:" + port() + "/");
  }

  /** The most connections open at once so far (a client's concurrency, seen from here). */
  public int peakConnections() {
    return peak.get();
  }

  /**
   * When each connection was accepted (System.nanoTime()), in order: a client's pacing, seen from
   * here.
   */
  public List<Long> acceptedAt() {
    synchronized (acceptedAt) {
      return List.copyOf(acceptedAt);
    }
  }

  /** How many connections were accepted so far. */
  public int accepted() {
    return accepted.get();
  }

  /**
   * Waits until at least {@code n} connections were accepted, or the timeout passes.
   *
   * @return whether they were
   */
  public boolean awaitConnections(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (accepted) {
      while (accepted.get() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        accepted.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }

  /** Stops accepting and closes every open connection. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    connections.forEach(HostileServer::closeQuietly);
  }

  private void acceptConnections() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (closed) return;
        continue; // a connection that failed while being accepted; keep serving others
      }
      connections.add(socket);
      acceptedAt.add(System.nanoTime());
      peak.accumulateAndGet(connections.size(), Math::max);
      synchronized (accepted) {
        accepted.incrementAndGet();
        accepted.notifyAll();
      }
      if (closed) {
        closeQuietly(socket);
        return;
      }
      Thread session =
          new Thread(
              () -> {
                try {
                  serve(socket);
                } catch (IOException | InterruptedException e) {
                  // the client left, or the server is closing: either ends this behaviour
                } finally {
                  connections.remove(socket);
                  closeQuietly(socket);
                }
              },
              "wsconform-hostile-"
                  + hostility.name().toLowerCase(Locale.ROOT)
                  + "-"
                  + accepted.get());
      session.setDaemon(true);
      session.start();
    }
  }

  private void serve(Socket s) throws IOException, InterruptedException {
    s.setTcpNoDelay(true);
    InputStream in = new BufferedInputStream(s.getInputStream());
    OutputStream out = s.getOutputStream();
    switch (hostility) {
      case SILENT_ACCEPT -> drain(in);
      case GARBAGE_INSTEAD_OF_HTTP -> {
        readHead(in);
        byte[] garbage = new byte[2048];
        new Random(6455).nextBytes(garbage);
        send(out, garbage);
        drain(in);
      }
      case HTTP09_BODY -> {
        readHead(in);
        send(
            out,
            ascii(
                "<html><body><h1>It works!</h1><p>HTTP/0.9 style: no status line, no headers.</p>"
                    + "</body></html>\n"));
        s.shutdownOutput();
        drain(in);
      }
      case TRICKLED_HEADERS -> {
        readHead(in);
        send(out, ascii("HTTP/1.1 101 Switching Protocols\r\n"));
        byte[] line = ascii("X-Trickle: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
        for (long i = 0; !closed; i++) {
          out.write(line[(int) (i % line.length)]);
          out.flush();
          Thread.sleep(TRICKLE_MILLIS); // the behaviour itself: one octet per tick
        }
      }
      case ENDLESS_HEADER_LINES -> {
        readHead(in);
        send(out, ascii("HTTP/1.1 101 Switching Protocols\r\n"));
        StringBuilder lines = new StringBuilder();
        for (int n = 0; !closed; n++) {
          lines.setLength(0);
          for (int k = 0; k < 128; k++)
            lines.append("X-Endless-").append(n * 128 + k).append(": yes, and more\r\n");
          send(out, ascii(lines.toString()));
        }
      }
      case ENDLESS_1XX -> {
        readHead(in);
        byte[] interim = ascii("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n");
        while (!closed) {
          send(out, interim);
          Thread.sleep(TRICKLE_MILLIS);
        }
      }
      case REDIRECT_LOOP -> {
        String head;
        while ((head = readHead(in)) != null) {
          Matcher m = REQUEST_LINE.matcher(head);
          String target = m.find() ? m.group(1) : "/";
          send(
              out,
              ascii("HTTP/1.1 302 Found\r\nLocation: " + target + "\r\nContent-Length: 0\r\n\r\n"));
        }
      }
      case TLS_HANDSHAKE_FAILURE -> {
        skipTlsRecord(in);
        // TLS 1.2 record: alert, fatal (2), handshake_failure (40)
        send(out, new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28});
        s.shutdownOutput();
        drain(in);
      }
      case PLAINTEXT_ON_TLS_PORT -> {
        skipTlsRecord(in);
        String body = "This is a plain HTTP port: no TLS here.\r\n";
        send(
            out,
            ascii(
                "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.length()
                    + "\r\nConnection: close\r\n\r\n"
                    + body));
        s.shutdownOutput();
        drain(in);
      }
      case SILENCE_AFTER_101 -> {
        if (!upgrade(in, out)) return;
        drain(in);
      }
      case INTERIM_BEFORE_101 -> {
        if (!upgrade(
            in,
            out,
            "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload; as=style\r\n\r\n"))
          return;
        drain(in);
      }
      case FRAME_OF_2_63_OCTETS -> {
        if (!upgrade(in, out)) return;
        send(
            out,
            new byte[] {
              (byte) 0x82,
              0x7f,
              0x7f,
              (byte) 0xff,
              (byte) 0xff,
              (byte) 0xff,
              (byte) 0xff,
              (byte) 0xff,
              (byte) 0xff,
              (byte) 0xff
            });
        drain(in);
      }
      case TRICKLED_4_GIB_FRAME, TRICKLED_255_MIB_FRAME -> {
        if (!upgrade(in, out)) return;
        send(
            out,
            hostility == Hostility.TRICKLED_4_GIB_FRAME
                ? new byte[] {(byte) 0x82, 0x7f, 0, 0, 0, 1, 0, 0, 0, 0}
                : new byte[] {(byte) 0x82, 0x7f, 0, 0, 0, 0, 0x0f, (byte) 0xf0, 0, 0});
        Thread reader = discard(in);
        try {
          while (!closed) {
            out.write('x');
            out.flush();
            Thread.sleep(TRICKLE_MILLIS);
          }
        } finally {
          reader.interrupt();
        }
      }
      case RESET_MID_FRAME -> {
        if (!upgrade(in, out)) return;
        byte[] half = new byte[4 + 16];
        half[0] = (byte) 0x81;
        half[1] = 126;
        half[2] = 0x01; // 256 octets declared, 16 sent
        Arrays.fill(half, 4, half.length, (byte) 'x');
        send(out, half);
        // reset once the client shows it is in the session (its first octet), or after 1 s
        s.setSoTimeout(1000);
        try {
          in.read();
        } catch (SocketTimeoutException quiet) {
          // a client that sends nothing first: reset all the same
        }
        s.setSoLinger(true, 0);
        s.close();
      }
      case HUGE_CLOSE_REASON -> {
        if (!upgrade(in, out)) return;
        byte[] close = new byte[4 + 2 + 200];
        close[0] = (byte) 0x88;
        close[1] = 126;
        close[2] = 0;
        close[3] = (byte) 202;
        close[4] = 0x03;
        close[5] = (byte) 0xe8; // 1000
        Arrays.fill(close, 6, close.length, (byte) 'r');
        send(out, close);
        drain(in);
      }
      case PING_FLOOD_UNREAD -> {
        if (!upgrade(in, out)) return;
        byte[] burst = pingBurst();
        while (!closed) out.write(burst); // the client's octets stay in TCP's buffers, unread
      }
      case PING_FLOOD -> {
        if (!upgrade(in, out)) return;
        byte[] burst = pingBurst();
        Thread reader = discard(in);
        try {
          while (!closed && reader.isAlive()) out.write(burst);
        } finally {
          reader.interrupt();
        }
      }
    }
  }

  /** 1024 pings with a five-octet payload, written at once. */
  private static byte[] pingBurst() {
    byte[] ping = {(byte) 0x89, 0x05, 'f', 'l', 'o', 'o', 'd'};
    byte[] burst = new byte[ping.length * 1024];
    for (int i = 0; i < 1024; i++) System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
    return burst;
  }

  /** Reads the upgrade request and answers with a correct 101 (no subprotocol, no extension). */
  private static boolean upgrade(InputStream in, OutputStream out) throws IOException {
    return upgrade(in, out, "");
  }

  /** The same, with {@code interim} (whole 1xx heads) sent before the 101. */
  private static boolean upgrade(InputStream in, OutputStream out, String interim)
      throws IOException {
    String head = readHead(in);
    if (head == null) return false;
    Matcher m = KEY.matcher(head);
    String key = m.find() ? m.group(1) : "";
    send(
        out,
        ascii(
            interim
                + "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + accept(key)
                + "\r\n\r\n"));
    return true;
  }

  /** The request head up to its blank line (at most 64 KiB), or null when the client left first. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      sb.append((char) b);
      int n = sb.length();
      if (n >= 4
          && sb.charAt(n - 1) == '\n'
          && sb.charAt(n - 2) == '\r'
          && sb.charAt(n - 3) == '\n') return sb.toString();
      if (n > MAX_HEAD) return sb.toString();
    }
    return null;
  }

  /**
   * Reads one TLS record (the ClientHello), so that the answer comes after it as a real server's
   * would.
   */
  private static void skipTlsRecord(InputStream in) throws IOException {
    byte[] header = in.readNBytes(5);
    if (header.length < 5) return;
    int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
    in.skipNBytes(length);
  }

  /** Reads and drops whatever the client sends until it closes. */
  private static void drain(InputStream in) throws IOException {
    byte[] sink = new byte[8192];
    while (in.read(sink) >= 0) {
      // dropped: this server answers nothing
    }
  }

  private static Thread discard(InputStream in) {
    Thread t =
        new Thread(
            () -> {
              try {
                drain(in);
              } catch (IOException gone) {
                // the client left
              }
            },
            "wsconform-hostile-discard");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void send(OutputStream out, byte[] b) throws IOException {
    out.write(b);
    out.flush();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String accept(String key) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  private static void closeQuietly(Closeable c) {
    if (c == null) return;
    try {
      c.close();
    } catch (IOException e) {
      // nothing left to do with a socket that will not close
    }
  }

  /** Args: port (0 = any), behaviour name; prints one line and runs until killed. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2) {
      System.err.println(
          "usage: HostileServer PORT BEHAVIOUR   (one of "
              + Arrays.toString(Hostility.values())
              + ")");
      System.exit(2);
    }
    HostileServer server =
        start(
            Integer.parseInt(args[0]), Hostility.valueOf(args[1].trim().toUpperCase(Locale.ROOT)));
    System.out.println(
        "wsconform hostile server (" + server.hostility() + ") listening on " + server.uri());
    System.out.flush();
    server.acceptor.join();
  }
}
