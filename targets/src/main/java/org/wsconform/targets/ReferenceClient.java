package org.wsconform.targets;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The reference client under test: embedded Jetty 12's WebSocket client ({@code
 * jetty-websocket-jetty-client}), as embedded Jetty is the reference server. It drives a fuzzing
 * server the way Autobahn's client drivers do: {@code /getCaseCount}, then {@code
 * /runCase?case=N&agent=A} for each case (echoing every message, text as text and binary as binary,
 * offering permessage-deflate), then {@code /updateReports?agent=A}.
 *
 * <p>Run alone: {@code ReferenceClient ws://127.0.0.1:9001 [agent]}.
 */
public final class ReferenceClient implements AutoCloseable {
  public static final String AGENT = "jetty-client";

  /** Autobahn's 9.* cases send messages of up to 16 MiB. */
  private static final long MAX_MESSAGE = 64L << 20;

  private WebSocketClient client;

  /**
   * The last upgrade failed: Jetty may keep that connection (a 200 or 302 is a complete HTTP
   * response, so its HttpClient pools the connection for reuse) and would send the next case's
   * request on it, where the harness is still judging the failed case. The next case starts with a
   * new Jetty client, so no HTTP connection outlives its case; the failed case has been judged by
   * then when the caller waits for its verdict (wsconform clients and the tests do).
   */
  private volatile boolean renewBeforeNextCase;

  /** The Jetty version this client is. */
  public static String version() {
    return Jetty.VERSION;
  }

  public ReferenceClient() throws Exception {
    client = newClient();
  }

  private static WebSocketClient newClient() throws Exception {
    WebSocketClient c = new WebSocketClient();
    c.setMaxTextMessageSize(MAX_MESSAGE);
    c.setMaxBinaryMessageSize(MAX_MESSAGE);
    c.setMaxFrameSize(MAX_MESSAGE);
    c.setIdleTimeout(Duration.ofSeconds(60));
    c.start();
    return c;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println(
          "usage: ReferenceClient ws://host:port [agent] [case numbers, e.g. 1,2,7]");
      System.exit(2);
    }
    URI base = URI.create(args[0]);
    String agent = args.length > 1 ? args[1] : AGENT;
    try (ReferenceClient c = new ReferenceClient()) {
      List<Integer> cases = new java.util.ArrayList<>();
      if (args.length > 2 && !args[2].isBlank()) {
        // a driver given {cases} runs just those (wsconform clients passes the selection)
        for (String n : args[2].split(",")) cases.add(Integer.parseInt(n.trim()));
      } else {
        int count = Integer.parseInt(c.text(base.resolve("/getCaseCount")).trim());
        for (int n = 1; n <= count; n++) cases.add(n);
      }
      for (int n : cases) c.runCase(base, n, agent, Duration.ofMinutes(10));
      c.text(base.resolve("/updateReports?agent=" + encode(agent)));
    }
  }

  /** Runs the given cases one after the other, each until the server closes it. */
  public void run(URI base, String agent, List<Integer> cases, Duration perCase, IntConsumer done)
      throws Exception {
    for (int n : cases) {
      runCase(base, n, agent, perCase);
      done.accept(n);
    }
  }

  /** One case: connect, echo until closed (or {@code timeout}). */
  public void runCase(URI base, int n, String agent, Duration timeout) throws Exception {
    runCaseUrl(URI.create(base + "/runCase?case=" + n + "&agent=" + encode(agent)), timeout);
  }

  /** One case by its full URL ({@code /runCase?casetuple=1.1.1&agent=A} too). */
  public void runCaseUrl(URI url, Duration timeout) throws Exception {
    if (renewBeforeNextCase) {
      renewBeforeNextCase = false;
      client.stop();
      client = newClient();
    }
    Echo echo = new Echo();
    ClientUpgradeRequest req = new ClientUpgradeRequest(url);
    req.addExtensions("permessage-deflate");
    try {
      client.connect(echo, req).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception refusedOrFailed) {
      // a case may answer with a 101 the client must refuse: nothing more to do here
      if (Boolean.getBoolean("wsconform.debug")) refusedOrFailed.printStackTrace();
      renewBeforeNextCase = true;
      return;
    }
    try {
      echo.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // the server's own deadlines end every case; a client that waits longer only loses time
    }
  }

  /** The text message an information endpoint answers with. */
  public String text(URI url) throws Exception {
    FirstMessage l = new FirstMessage();
    client.connect(l, url).get(10, TimeUnit.SECONDS);
    return l.message.get(10, TimeUnit.SECONDS);
  }

  /** Keeps the first text message of a connection. */
  public static final class FirstMessage implements Session.Listener.AutoDemanding {
    final CompletableFuture<String> message = new CompletableFuture<>();

    @Override
    public void onWebSocketText(String m) {
      message.complete(m);
    }

    @Override
    public void onWebSocketClose(int code, String reason) {
      message.completeExceptionally(new IllegalStateException("closed without a message"));
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * Sends back every message as it came (text as text, binary as binary). Public: Jetty calls the
   * listener through method handles.
   */
  public static final class Echo implements Session.Listener.AutoDemanding {
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Session session;

    @Override
    public void onWebSocketOpen(Session s) {
      this.session = s;
    }

    @Override
    public void onWebSocketText(String message) {
      session.sendText(message, Callback.NOOP);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
      ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
      callback.succeed();
      session.sendBinary(copy, Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int code, String reason) {
      closed.complete(null);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      closed.complete(null);
    }
  }

  @Override
  public void close() throws Exception {
    client.stop();
  }
}
