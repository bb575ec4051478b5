import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JDK's own WebSocket client ({@code java.net.http.WebSocket}) as a client under test, driving
 * the fuzzing server the way Autobahn's client drivers do: {@code /getCaseCount} (unless the cases
 * are given), {@code /runCase?case=N&agent=A} for each case, echoing every message whole (text as
 * text, binary as binary), then {@code /updateReports?agent=A}. The JDK client has no extension
 * support, so it offers no permessage-deflate.
 *
 * <p>{@code java -cp target/classes JdkClient ws://127.0.0.1:9001 agent [1,2,3]}
 */
public final class JdkClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public static void main(String[] args) throws Exception {
    JdkClient c = new JdkClient();
    Driver.run(args, c::runCase);
  }

  private void runCase(URI url, Duration timeout) throws Exception {
    Echo echo = new Echo();
    WebSocket ws;
    try {
      ws =
          http.newWebSocketBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .buildAsync(url, echo)
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception refused) {
      // a case may answer with a handshake the client must refuse: nothing more to do
      return;
    }
    try {
      echo.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      System.err.println(url + ": not closed after " + timeout.toSeconds() + " s, aborting");
      ws.abort();
    }
    // after a close the JDK answers it and closes TCP itself: aborting here could cut its answer
  }

  /**
   * Gathers each message's parts and sends it back whole. The JDK allows one outstanding send at a
   * time, so sends are chained; pings are answered by the JDK itself.
   */
  private static final class Echo implements WebSocket.Listener {
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);
    private CompletableFuture<WebSocket> sending;

    @Override
    public void onOpen(WebSocket ws) {
      sending = CompletableFuture.completedFuture(ws);
      ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String whole = text.toString();
        text.setLength(0);
        sending = sending.thenCompose(w -> w.sendText(whole, true));
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      if (binary.remaining() < data.remaining()) {
        ByteBuffer bigger =
            ByteBuffer.allocate(Math.max(binary.capacity() * 2, binary.position() + data.remaining()));
        binary.flip();
        bigger.put(binary);
        binary = bigger;
      }
      binary.put(data);
      if (last) {
        ByteBuffer whole = binary.flip();
        binary = ByteBuffer.allocate(0);
        sending = sending.thenCompose(w -> w.sendBinary(whole, true));
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      // returning null: the JDK answers the Close with the same status code right away
      closed.complete(null);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      if (Boolean.getBoolean("wsconform.debug")) error.printStackTrace();
      closed.complete(null);
    }
  }
}
