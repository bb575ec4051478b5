package org.wsconform.external.undertow;

import io.undertow.Undertow;
import io.undertow.Version;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.xnio.Pooled;

/**
 * Undertow 2.4 core (no servlet) as its users write an echo server: a {@code
 * WebSocketProtocolHandshakeHandler} (permessage-deflate added with {@code
 * PerMessageDeflateHandshake(false, 6)}), a receive listener that sends every full message back,
 * and a 426 for requests that are not upgrades.
 *
 * <p>Usage: {@code UndertowEcho [port=0] [deflate=1]}; prints {@code listening on ws://127.0.0.1:PORT/}.
 */
public final class UndertowEcho {
  static final long MAX_MESSAGE = 64L * 1024 * 1024;

  static final class Echo extends AbstractReceiveListener {
    @Override
    protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
      WebSockets.sendText(message.getData(), channel, null);
    }

    @Override
    protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
      Pooled<ByteBuffer[]> data = message.getData();
      // the pooled buffers go back to the pool once the echo is written (or failed)
      WebSockets.sendBinary(data.getResource(), channel, new WebSocketCallback<Void>() {
        @Override
        public void complete(WebSocketChannel ch, Void context) {
          data.free();
        }

        @Override
        public void onError(WebSocketChannel ch, Void context, Throwable throwable) {
          data.free();
        }
      });
    }

    @Override
    protected long getMaxTextBufferSize() {
      return MAX_MESSAGE;
    }

    @Override
    protected long getMaxBinaryBufferSize() {
      return MAX_MESSAGE;
    }
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    boolean deflate = args.length < 2 || !args[1].equals("0");
    HttpHandler upgradeRequired = exchange -> {
      exchange.setStatusCode(426);
      exchange.getResponseHeaders().put(Headers.UPGRADE, "websocket");
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
      exchange.getResponseSender().send("Expected Upgrade: websocket\n");
    };
    WebSocketProtocolHandshakeHandler ws = new WebSocketProtocolHandshakeHandler((WebSocketConnectionCallback) (exchange, channel) -> {
      channel.getReceiveSetter().set(new Echo());
      channel.resumeReceives();
    }, upgradeRequired);
    if (deflate) ws.addExtension(new PerMessageDeflateHandshake(false, 6));
    Undertow server = Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(ws).build();
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    int actual = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    System.out.println("undertow " + Version.getVersionString() + ", permessage-deflate " + (deflate ? "on" : "off")
        + ", pid " + ProcessHandle.current().pid());
    System.out.println("listening on ws://127.0.0.1:" + actual + "/");
  }
}
