package org.wsconform.targets;

import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The embedded reference target: a Jetty 12 (core API) echo server with permessage-deflate on.
 *
 * <p>Handler chain: {@link StrictOpeningHandshake} (the RFC 6455 §4.2.1 rejections Jetty gets wrong
 * or answers otherwise) → Jetty's {@link WebSocketUpgradeHandler} (the upgrade itself, endpoint
 * {@link Echo}) → {@link UpgradeRequired} (anything that is not an upgrade gets 426).
 */
public final class ReferenceServer implements AutoCloseable {

  /** Subprotocols the server speaks; the first one the client offers (in its order) is chosen. */
  static final List<String> SUBPROTOCOLS = List.of("chat", "superchat", "wsconform");

  /** Autobahn 9.1.6 / 9.2.6 send 16 MiB; leave room above that. */
  static final int MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

  /** What the server's application does with messages. */
  public enum Mode {
    /** Echoes every message ({@link Echo}): Autobahn's fuzzing server. */
    ECHO,
    /** Takes every message and sends no application data ({@link Application}). */
    SILENT,
    /** Speaks a small application protocol ({@link Application}): the DIALOGUE_* constants. */
    DIALOGUE,
    /**
     * The same dialogue, strict as graphql-ws: any other message than the request (or the
     * heartbeat's answer "3") closes the connection with 4400 "Invalid message received".
     */
    STRICT_DIALOGUE
  }

  /** Dialogue mode: the request the server answers (graphql-ws's first message). */
  public static final String DIALOGUE_REQUEST = "{\"type\":\"connection_init\"}";

  /** Dialogue mode: its answer. */
  public static final String DIALOGUE_REPLY = "{\"type\":\"connection_ack\"}";

  /** Dialogue mode: sent unprompted on open (as Engine.IO's open packet). */
  public static final String DIALOGUE_GREETING = "0{\"sid\":\"wsconform-reference\"}";

  /** Dialogue mode: one application heartbeat sent on open (Engine.IO's ping, answered "3"). */
  public static final String DIALOGUE_HEARTBEAT = "2";

  private final Server server;
  private final ServerConnector connector;
  private final boolean tls;

  private ReferenceServer(Server server, ServerConnector connector, boolean tls) {
    this.server = server;
    this.connector = connector;
    this.tls = tls;
  }

  /** Starts the server on 127.0.0.1; port 0 picks a free port. */
  public static ReferenceServer start(int port) {
    return start(port, null, Mode.ECHO);
  }

  /** The server on 127.0.0.1 with its application in {@code mode}. */
  public static ReferenceServer start(int port, Mode mode) {
    return start(port, null, mode);
  }

  /**
   * The same server behind TLS (wss://), for deployed-endpoint tests: {@code keys} holds the
   * server's certificate and private key (its password {@code keyPassword}); with {@code
   * clientTrust} non-null, the server demands a client certificate issued by one of its
   * certificates (mutual TLS).
   */
  public static ReferenceServer startTls(
      int port, KeyStore keys, String keyPassword, KeyStore clientTrust) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keys);
    ssl.setKeyStorePassword(keyPassword);
    ssl.setKeyManagerPassword(keyPassword);
    if (clientTrust != null) {
      ssl.setTrustStore(clientTrust);
      ssl.setNeedClientAuth(true);
    }
    return start(port, ssl, Mode.ECHO);
  }

  private static ReferenceServer start(int port, SslContextFactory.Server ssl, Mode mode) {
    // A small pool: the harness runs few connections at once, and fewer threads start faster.
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("wsconform-reference");
    threads.setDaemon(true);
    Server server = new Server(threads);
    server.setStopTimeout(0);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    if (ssl != null) {
      // serve whatever name the client asked for: a certificate that does not match is the
      // client's verdict to make (the harness's hostname check), not a 400 from the server
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false);
      http.addCustomizer(secure);
    }
    ServerConnector connector =
        ssl == null
            ? new ServerConnector(server, 1, 1, new HttpConnectionFactory(http))
            : new ServerConnector(
                server,
                1,
                1,
                new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    server.addConnector(connector);

    WebSocketServerComponents.ensureWebSocketComponents(server)
        .getExtensionRegistry()
        .register(PermessageDeflateOffers.NAME, PermessageDeflate.class);
    WebSocketUpgradeHandler upgrade =
        WebSocketUpgradeHandler.from(
            server,
            container -> {
              container.setMaxTextMessageSize(MAX_MESSAGE_SIZE);
              container.setMaxBinaryMessageSize(MAX_MESSAGE_SIZE);
              container.setMaxFrameSize(MAX_MESSAGE_SIZE);
              container.setIdleTimeout(IDLE_TIMEOUT);
              container.addMapping("/*", (rq, rs, cb) -> create(rq, rs, cb, mode));
            });
    upgrade.setHandler(new UpgradeRequired());
    server.setHandler(new StrictOpeningHandshake(upgrade));

    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("reference server did not start on port " + port, e);
    }
    return new ReferenceServer(server, connector, ssl != null);
  }

  /**
   * Jetty chooses no subprotocol by itself: take the client's first offer that we speak.
   * Extensions: permessage-deflate only, and only an offer Jetty can honour exactly.
   */
  private static Object create(
      ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback, Mode mode) {
    request.getSubProtocols().stream()
        .filter(SUBPROTOCOLS::contains)
        .findFirst()
        .ifPresent(response::setAcceptedSubProtocol);
    response.setExtensions(
        PermessageDeflateOffers.firstAcceptable(
                request.getHeaders().getValuesList(HttpHeader.SEC_WEBSOCKET_EXTENSIONS))
            .map(ExtensionConfig::parse)
            .stream()
            .toList());
    return mode == Mode.ECHO
        ? new Echo()
        : new Application(mode != Mode.SILENT, mode == Mode.STRICT_DIALOGUE);
  }

  public int port() {
    return connector.getLocalPort();
  }

  public URI uri() {
    return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + port() + "/");
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("reference server did not stop", e);
    }
  }

  /**
   * {@code args[0]} = port (default 0), {@code args[1]} = echo (default), silent or dialogue;
   * prints one line and runs until killed.
   */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Mode mode =
        args.length > 1 ? Mode.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)) : Mode.ECHO;
    ReferenceServer reference = start(port, mode);
    System.out.println(
        "wsconform reference server"
            + (mode == Mode.ECHO ? "" : " (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ")")
            + " listening on "
            + reference.uri());
    System.out.flush();
    reference.server.join();
  }
}
