package org.wsconform.external.javawebsocket;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Java-WebSocket (TooTallNate) as its users write an echo server: a {@link WebSocketServer} whose
 * message callbacks send every message back, with {@code Draft_6455} and, for deflate, a {@code
 * PerMessageDeflateExtension} with threshold 0 (by default it sends messages under 1 KiB
 * uncompressed) — the setup of the project's own AutobahnServerTest.
 *
 * <p>Usage: {@code JavaWebSocketEcho [port=0] [deflate=1]}; prints {@code listening on ws://127.0.0.1:PORT/}.
 */
public final class JavaWebSocketEcho extends WebSocketServer {
  private final boolean deflate;

  JavaWebSocketEcho(int port, boolean deflate, Draft draft) {
    super(new InetSocketAddress("127.0.0.1", port), List.of(draft));
    this.deflate = deflate;
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {}

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

  @Override
  public void onMessage(WebSocket conn, String message) {
    conn.send(message);
  }

  @Override
  public void onMessage(WebSocket conn, ByteBuffer message) {
    conn.send(message);
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {
    if (conn == null) { // the server itself failed (e.g. could not bind): say so and stop
      System.err.println("java-websocket server error: " + ex);
      System.exit(1);
    }
  }

  @Override
  public void onStart() {
    System.out.println("java-websocket 1.6.0, permessage-deflate " + (deflate ? "on" : "off") + ", pid "
        + ProcessHandle.current().pid());
    System.out.println("listening on ws://127.0.0.1:" + getPort() + "/");
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    boolean deflate = args.length < 2 || !args[1].equals("0");
    Draft draft;
    if (deflate) {
      PerMessageDeflateExtension pmd = new PerMessageDeflateExtension();
      pmd.setThreshold(0);
      draft = new Draft_6455(pmd);
    } else {
      draft = new Draft_6455();
    }
    JavaWebSocketEcho server = new JavaWebSocketEcho(port, deflate, draft);
    server.start();
  }
}
