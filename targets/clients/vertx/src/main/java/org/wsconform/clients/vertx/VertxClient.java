package org.wsconform.clients.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Vert.x 5.0.7's {@link WebSocketClient} as a client under test, with per-message compression
 * tried (permessage-deflate offered). Its text and binary message handlers get whole messages,
 * which are echoed as they came.
 *
 * <p>{@code VertxClient ws://127.0.0.1:9001 agent [1,2,3]}
 */
public final class VertxClient {
  /** Autobahn's 9.* cases send messages of up to 16 MiB. */
  private static final int MAX_MESSAGE = 64 << 20;

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setTryUsePerMessageCompression(true)
                .setMaxFrameSize(MAX_MESSAGE)
                .setMaxMessageSize(MAX_MESSAGE)
                .setConnectTimeout(10_000));
    try {
      Driver.run(args, (url, timeout) -> runCase(client, url, timeout));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void runCase(WebSocketClient client, URI url, Duration timeout) throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost(url.getHost())
            .setPort(url.getPort())
            .setURI(url.getRawPath() + "?" + url.getRawQuery())
            .setTimeout(10_000);
    WebSocket ws;
    try {
      // handlers set as the connection completes, on its event loop: none of its frames is missed
      ws =
          client
              .connect(options)
              .onSuccess(
                  w -> {
                    w.textMessageHandler(w::writeTextMessage);
                    w.binaryMessageHandler(w::writeBinaryMessage);
                    w.closeHandler(v -> closed.complete(null));
                    w.exceptionHandler(
                        e -> {
                          if (Boolean.getBoolean("wsconform.debug")) e.printStackTrace();
                        });
                  })
              .await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception refused) {
      // a case may answer with a handshake the client must refuse: nothing more to do
      if (Boolean.getBoolean("wsconform.debug")) refused.printStackTrace();
      return;
    }
    if (ws.isClosed()) closed.complete(null);
    try {
      closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      System.err.println(url + ": not closed after " + timeout.toSeconds() + " s, aborting");
      ws.close();
    }
  }
}
