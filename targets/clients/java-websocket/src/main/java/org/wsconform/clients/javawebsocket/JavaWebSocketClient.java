package org.wsconform.clients.javawebsocket;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ServerHandshake;

/**
 * Java-WebSocket 1.6.0 (TooTallNate) as a client under test: a {@link WebSocketClient} per case
 * with {@code Draft_6455} and its {@link PerMessageDeflateExtension} (permessage-deflate offered),
 * echoing every message whole (the library joins fragments before {@code onMessage}).
 *
 * <p>{@code JavaWebSocketClient ws://127.0.0.1:9001 agent [1,2,3]}
 */
public final class JavaWebSocketClient {
  public static void main(String[] args) throws Exception {
    Driver.run(args, JavaWebSocketClient::runCase);
  }

  private static void runCase(URI url, Duration timeout) throws Exception {
    Echo echo = new Echo(url);
    // no keep-alive pings of its own: they would be frames the cases do not expect
    echo.setConnectionLostTimeout(0);
    if (!echo.connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return; // refused (a case may answer with a handshake the client must refuse) or failed
    }
    try {
      echo.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      System.err.println(url + ": not closed after " + timeout.toSeconds() + " s, aborting");
      echo.closeConnection(1006, "driver deadline");
    }
  }

  private static final class Echo extends WebSocketClient {
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    Echo(URI url) {
      super(url, new Draft_6455(List.<IExtension>of(new PerMessageDeflateExtension())));
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String message) {
      send(message);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
      send(bytes);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
      closed.complete(null);
    }

    @Override
    public void onError(Exception e) {
      if (Boolean.getBoolean("wsconform.debug")) e.printStackTrace();
      // onClose follows an error once the connection is down; a failed connect has no onClose
      if (!isOpen()) closed.complete(null);
    }
  }
}
