package org.wsconform.targets.faulty;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A small WebSocket echo server of our own (no Jetty, no WebSocket library), written to be wrong on
 * purpose: each {@link Fault} switched on makes one deviation from RFC 6455, and with none it is a
 * conformant echo server without extensions. The harness is trusted only if it passes this server
 * clean and fails exactly the cases each fault touches.
 *
 * <p>Plain {@link ServerSocket}, one thread per connection ({@link EchoSession}).
 */
public final class FaultyServer implements AutoCloseable {

  private final ServerSocket listener;
  private final Set<Fault> faults;
  private final boolean dialogue;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connectionCount = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean closed;

  private FaultyServer(ServerSocket listener, Set<Fault> faults, boolean dialogue) {
    this.listener = listener;
    this.faults = faults;
    this.dialogue = dialogue;
    this.acceptor =
        new Thread(this::acceptConnections, "wsconform-faulty-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
  }

  /** Starts the server on 127.0.0.1; port 0 picks a free port. */
  public static FaultyServer start(int port, Set<Fault> faults) {
    return start(port, faults, false);
  }

  /**
   * The same server answering only a dialogue instead of echoing: {@link
   * org.wsconform.targets.ReferenceServer#DIALOGUE_REQUEST} gets {@link
   * org.wsconform.targets.ReferenceServer#DIALOGUE_REPLY}, every other message nothing (its faults
   * stay switched on).
   */
  public static FaultyServer start(int port, Set<Fault> faults, boolean dialogue) {
    Set<Fault> copy = EnumSet.noneOf(Fault.class);
    copy.addAll(faults);
    ServerSocket listener = null;
    try {
      listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (IOException e) {
      closeQuietly(listener);
      throw new UncheckedIOException("faulty server did not start on port " + port, e);
    }
    FaultyServer server = new FaultyServer(listener, Set.copyOf(copy), dialogue);
    server.acceptor.start();
    return server;
  }

  public int port() {
    return listener.getLocalPort();
  }

  public URI uri() {
    return URI.create("ws://127.0.0.1:" + port() + "/");
  }

  public Set<Fault> faults() {
    return faults;
  }

  /** Stops accepting and closes every open connection. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    connections.forEach(FaultyServer::closeQuietly);
  }

  private void acceptConnections() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue; // a connection that failed while being accepted; keep serving others
      }
      connections.add(socket);
      if (closed) {
        closeQuietly(socket);
        return;
      }
      Thread session =
          new Thread(
              () -> {
                try {
                  new EchoSession(socket, faults, dialogue).run();
                } finally {
                  connections.remove(socket);
                }
              },
              "wsconform-faulty-" + port() + "-" + connectionCount.incrementAndGet());
      session.setDaemon(true);
      session.start();
    }
  }

  private static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException e) {
      // Nothing left to do with a socket that will not close.
    }
  }

  /** Args: port (default 0), then fault names; prints one line and runs until killed. */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Set<Fault> faults = EnumSet.noneOf(Fault.class);
    for (int i = 1; i < args.length; i++) {
      for (String name : args[i].split(",")) {
        if (!name.isBlank()) {
          faults.add(Fault.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
      }
    }
    FaultyServer server = start(port, faults);
    System.out.println(
        "wsconform faulty server (" + describe(faults) + ") listening on " + server.uri());
    System.out.flush();
    server.acceptor.join();
  }

  static String describe(Collection<Fault> faults) {
    return faults.isEmpty()
        ? "no faults"
        : faults.stream().map(Fault::name).collect(Collectors.joining(","));
  }
}
