package org.wsconform.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.deflate.DeflateAccept;
import org.wsconform.run.CaseResult;
import org.wsconform.targets.faultyclient.FaultyClient;
import org.wsconform.verdict.Behavior;

/**
 * The UNIMPLEMENTED reason of 12.* and 13.* when the harness is the server: it names what the
 * client offered (nothing, offers that break RFC 7692 §7, an offer without the
 * client_max_window_bits the case needs), never "the server declined", which is the harness's own
 * doing in this role.
 */
@Timeout(120)
class ClientDeflateWordingTest {
  @TempDir Path out;

  private static final List<DeflateAccept> PLAIN = List.of(DeflateAccept.PLAIN);
  private static final List<DeflateAccept> WINDOW_9 = List.of(new DeflateAccept(false, 9));

  @Test
  void noOfferAtAll() {
    assertThat(DeflateAccept.whyNone(List.of(), PLAIN))
        .startsWith("The client offered no permessage-deflate: nothing to test")
        .contains("RFC 7692 §5")
        .doesNotContain("server declined");
    assertThat(DeflateAccept.whyNone(List.of("x-webkit-deflate-frame"), PLAIN))
        .startsWith("The client offered no permessage-deflate");
  }

  @Test
  void onlyOffersThatBreakRfc7692() {
    assertThat(DeflateAccept.whyNone(List.of("permessage-deflate; x_unknown"), PLAIN))
        .startsWith("Every permessage-deflate offer of the client breaks RFC 7692 §7")
        .contains("x_unknown");
  }

  @Test
  void anOfferWithoutTheWindowTheCaseAsksFor() {
    assertThat(DeflateAccept.whyNone(List.of("permessage-deflate"), WINDOW_9))
        .contains("carries no client_max_window_bits")
        .contains("9-bit window")
        .contains("RFC 7692 §7.1.2.2");
  }

  @Test
  void theRunSaysTheClientOfferedNothing() throws Exception {
    // the JDK's WebSocket client has no extensions: it offers no permessage-deflate
    CaseResult r = runJdkClient("12.1.1");
    assertThat(r.judgement().behavior()).isEqualTo(Behavior.UNIMPLEMENTED);
    assertThat(r.reason())
        .contains("The client offered no permessage-deflate")
        .doesNotContain("server declined");
  }

  @Test
  void theRunSaysTheOfferLacksClientMaxWindowBits() throws Exception {
    List<ClientCase> catalogue = ClientCatalogue.all(5);
    ClientCase c = ClientCatalogue.byId(catalogue, "13.3.1").orElseThrow();
    // a plain 'permessage-deflate' offer: 13.3.1 asks for client_max_window_bits=8
    FaultyClient client = new FaultyClient(Set.of(), false, Duration.ofSeconds(30));
    try (FuzzingServer server = ReferenceClientTest.start(catalogue, new ArrayList<>(), out)) {
      CompletableFuture<CaseResult> f = server.awaitCase("plain", c.id());
      client.runCase(server.base(), c.number(), "plain");
      CaseResult r = f.get(60, TimeUnit.SECONDS);
      assertThat(r.judgement().behavior()).isEqualTo(Behavior.UNIMPLEMENTED);
      assertThat(r.reason())
          .contains("carries no client_max_window_bits")
          .doesNotContain("server declined");
    }
  }

  private CaseResult runJdkClient(String id) throws Exception {
    List<ClientCase> catalogue = ClientCatalogue.all(5);
    ClientCase c = ClientCatalogue.byId(catalogue, id).orElseThrow();
    try (FuzzingServer server = ReferenceClientTest.start(catalogue, new ArrayList<>(), out)) {
      CompletableFuture<CaseResult> f = server.awaitCase("jdk", c.id());
      WebSocket.Listener echo =
          new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
              return ws.sendText(data, last).thenRun(() -> ws.request(1));
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
              return ws.sendBinary(data, last).thenRun(() -> ws.request(1));
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
              return ws.sendClose(code, "");
            }
          };
      HttpClient.newHttpClient()
          .newWebSocketBuilder()
          .buildAsync(URI.create(server.runCaseUrl(c.number(), "jdk").toString()), echo)
          .get(20, TimeUnit.SECONDS);
      return f.get(60, TimeUnit.SECONDS);
    }
  }
}
