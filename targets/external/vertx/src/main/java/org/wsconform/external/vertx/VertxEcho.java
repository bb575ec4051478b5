package org.wsconform.external.vertx;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Vert.x 5 as its users write an echo server: an HTTP server whose WebSocket handler sends every
 * text message back with {@code writeTextMessage} and every binary one with {@code
 * writeBinaryMessage} (whole messages), permessage-deflate per {@code
 * setPerMessageWebSocketCompressionSupported}, frame and message limits raised from the 64 KiB
 * default, and a 426 for requests that are not upgrades.
 *
 * <p>Usage: {@code VertxEcho [port=0] [deflate=1]}; prints {@code listening on ws://127.0.0.1:PORT/}.
 */
public final class VertxEcho {
  static final int MAX_MESSAGE = 64 * 1024 * 1024;

  /** The version vertx-core records in its jar. */
  static String version() throws java.io.IOException {
    try (java.io.InputStream in = Vertx.class.getResourceAsStream("/META-INF/vertx/vertx-version.txt")) {
      return in == null ? "?" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    }
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    boolean deflate = args.length < 2 || !args[1].equals("0");
    Vertx vertx = Vertx.vertx();
    HttpServer server = vertx.createHttpServer(new HttpServerOptions()
        .setHost("127.0.0.1").setPort(port)
        .setPerMessageWebSocketCompressionSupported(deflate)
        .setPerFrameWebSocketCompressionSupported(false)
        .setMaxWebSocketFrameSize(MAX_MESSAGE)
        .setMaxWebSocketMessageSize(MAX_MESSAGE));
    server.webSocketHandler(ws -> {
      ws.textMessageHandler(ws::writeTextMessage);
      ws.binaryMessageHandler(ws::writeBinaryMessage);
    });
    server.requestHandler(req -> req.response().setStatusCode(426).putHeader("Upgrade", "websocket")
        .putHeader("Content-Type", "text/plain").end("Expected Upgrade: websocket\n"));
    server.listen().await();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    System.out.println("vert.x " + version() + ", permessage-deflate " + (deflate ? "on" : "off") + ", pid "
        + ProcessHandle.current().pid());
    System.out.println("listening on ws://127.0.0.1:" + server.actualPort() + "/");
  }
}
