package org.wsconform.external.jetty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12 as its users write an echo server with the core (non-servlet) API: Jetty's own
 * {@link WebSocketUpgradeHandler} with its defaults (permessage-deflate offered by Jetty unless
 * turned off), an annotated endpoint that sends every message back, and a 426 for requests that
 * are not upgrades. Not the harness's reference server: no strict handshake layer in front.
 *
 * <p>Usage: {@code JettyEcho [port=0] [deflate=1]}; prints {@code listening on ws://127.0.0.1:PORT/}.
 */
public final class JettyEcho {
  /** Large enough for every case of the catalogue (Autobahn's 9.* send up to 16 MiB). */
  static final int MAX_MESSAGE = 64 * 1024 * 1024;

  @WebSocket(autoDemand = true)
  public static final class Echo {
    @OnWebSocketMessage
    public void onText(Session session, String text) {
      session.sendText(text, org.eclipse.jetty.websocket.api.Callback.NOOP);
    }

    @OnWebSocketMessage
    public void onBinary(Session session, ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback done) {
      // the buffer belongs to Jetty until done completes: hand it on to the send, which completes it
      session.sendBinary(payload, done);
    }
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    boolean deflate = args.length < 2 || !args[1].equals("0");
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
      container.setMaxTextMessageSize(MAX_MESSAGE);
      container.setMaxBinaryMessageSize(MAX_MESSAGE);
      container.setMaxFrameSize(MAX_MESSAGE);
      container.setIdleTimeout(Duration.ofSeconds(60));
      container.addMapping("/*", (request, response, callback) -> {
        if (!deflate) response.setExtensions(List.of());
        return new Echo();
      });
    });
    ws.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(426);
        response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
        response.write(true, ByteBuffer.wrap("Expected Upgrade: websocket\n".getBytes(StandardCharsets.US_ASCII)), callback);
        return true;
      }
    });
    server.setHandler(ws);
    server.setStopAtShutdown(true);
    server.start();
    System.out.println("jetty " + Jetty.VERSION + ", permessage-deflate " + (deflate ? "on" : "off") + ", pid "
        + ProcessHandle.current().pid());
    System.out.println("listening on ws://127.0.0.1:" + connector.getLocalPort() + "/");
    server.join();
  }
}
