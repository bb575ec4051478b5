package org.wsconform.clients.tomcat;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tomcat 11.0.27's Jakarta WebSocket client ({@code tomcat-embed-websocket}, {@code
 * WsWebSocketContainer}) as a client under test, offering permessage-deflate. Messages arrive in
 * parts of the container's buffer size (a whole-message handler would need a 16 MiB buffer
 * allocated up front per session for Autobahn's 9.* cases); they are joined here and echoed whole,
 * text as text and binary as binary.
 *
 * <p>{@code TomcatClient ws://127.0.0.1:9001 agent [1,2,3]}
 */
public final class TomcatClient {
  public static void main(String[] args) throws Exception {
    WebSocketContainer container = ContainerProvider.getWebSocketContainer();
    container.setDefaultMaxSessionIdleTimeout(Duration.ofSeconds(60).toMillis());
    ClientEndpointConfig config =
        ClientEndpointConfig.Builder.create()
            .extensions(List.of(new Offer("permessage-deflate")))
            .build();
    Driver.run(args, (url, timeout) -> runCase(container, config, url, timeout));
    System.exit(0); // the container's threads are not daemons
  }

  private static void runCase(
      WebSocketContainer container, ClientEndpointConfig config, URI url, Duration timeout)
      throws Exception {
    Echo echo = new Echo();
    Session session;
    try {
      session = container.connectToServer(echo, config, url);
    } catch (Exception refused) {
      // a case may answer with a handshake the client must refuse: nothing more to do
      if (Boolean.getBoolean("wsconform.debug")) refused.printStackTrace();
      return;
    }
    try {
      echo.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      System.err.println(url + ": not closed after " + timeout.toSeconds() + " s, aborting");
      session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "driver deadline"));
    }
  }

  /** An extension offered with no parameters (Tomcat's own WsExtension is not public). */
  private record Offer(String getName) implements Extension {
    @Override
    public List<Parameter> getParameters() {
      return List.of();
    }
  }

  /** Joins each message's parts and sends it back whole. */
  public static final class Echo extends Endpoint {
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    @Override
    public void onOpen(Session session, EndpointConfig config) {
      StringBuilder text = new StringBuilder();
      ByteArrayOutputStream binary = new ByteArrayOutputStream();
      session.addMessageHandler(
          String.class,
          (MessageHandler.Partial<String>)
              (part, last) -> {
                text.append(part);
                if (last) {
                  String whole = text.toString();
                  text.setLength(0);
                  send(session, () -> session.getBasicRemote().sendText(whole));
                }
              });
      session.addMessageHandler(
          ByteBuffer.class,
          (MessageHandler.Partial<ByteBuffer>)
              (part, last) -> {
                byte[] b = new byte[part.remaining()];
                part.get(b);
                binary.writeBytes(b);
                if (last) {
                  ByteBuffer whole = ByteBuffer.wrap(binary.toByteArray());
                  binary.reset();
                  send(session, () -> session.getBasicRemote().sendBinary(whole));
                }
              });
    }

    private interface Send {
      void send() throws IOException;
    }

    private static void send(Session session, Send s) {
      try {
        s.send();
      } catch (IOException e) {
        // the connection is going away; onClose or onError ends the case
        if (Boolean.getBoolean("wsconform.debug")) e.printStackTrace();
      }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
      closed.complete(null);
    }

    @Override
    public void onError(Session session, Throwable cause) {
      if (Boolean.getBoolean("wsconform.debug")) cause.printStackTrace();
      if (!session.isOpen()) closed.complete(null);
    }
  }
}
