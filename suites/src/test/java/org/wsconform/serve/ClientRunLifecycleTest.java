package org.wsconform.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.cli.WsConform;
import org.wsconform.reports.RunTotals;

/**
 * When a run's reports are written while cases are still being served: a driver asks for
 * /updateReports as soon as its last case's connection closes, while the server may still be
 * recording that case; and 'wsconform clients' must name the cases a driver never ran.
 */
class ClientRunLifecycleTest {
  @TempDir Path out;

  @Test
  void reportsWaitForTheCaseStillBeingServed() throws Exception {
    List<ClientCase> catalogue = ClientCatalogue.all(5);
    try (FuzzingServer server = ReferenceClientTest.start(catalogue, new ArrayList<>(), out)) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch closed = new CountDownLatch(1);
      // a client that holds its echo of case 1.1.1 until the reports were asked for
      WebSocket.Listener held =
          new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
              String text = data.toString();
              return CompletableFuture.runAsync(
                  () -> {
                    try {
                      release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    ws.sendText(text, last).join();
                    ws.request(1);
                  });
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
              closed.countDown();
              return ws.sendClose(code, "");
            }
          };
      HttpClient http = HttpClient.newHttpClient();
      http.newWebSocketBuilder()
          .buildAsync(URI.create(server.base() + "/runCase?case=1&agent=held"), held)
          .get(20, TimeUnit.SECONDS);
      // the 101 has arrived: the server is serving case 1.1.1 now
      CompletableFuture<Optional<RunTotals>> reports =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return server.updateReports("held");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      release.countDown();
      assertThat(closed.await(30, TimeUnit.SECONDS)).isTrue();
      RunTotals t = reports.get(60, TimeUnit.SECONDS).orElseThrow();
      assertThat(t.cases()).as("the case in flight is in the reports").isEqualTo(1);
      JsonNode index =
          new ObjectMapper()
              .readTree(server.reportedFolder("held").orElseThrow().indexJson().toFile());
      assertThat(index.get("held").get("1.1.1").get("behavior").asText()).isEqualTo("OK");
    }
  }

  @Test
  void aDriverThatAsksForReportsItselfAndSkipsACaseIsReportedWhole() throws Exception {
    // the reference client as an external driver, told to run case 1 only, of 1.1.1 and 1.1.2
    String driver =
        "'"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' org.wsconform.targets.ReferenceClient {base} {agent} 1";
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code =
        WsConform.execute(
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8),
            "clients",
            "--client-cmd",
            driver,
            "--agent",
            "skipper",
            "--cases",
            "1.1.1,1.1.2",
            "-o",
            out.toString());
    assertThat(code).as(stdout + "\n" + stderr).isEqualTo(1);
    assertThat(stdout.toString())
        .contains("skipper: 2 cases")
        .contains("1 passed")
        .contains("1 error")
        .doesNotContain("no case was run");
    Path index;
    try (var dirs = Files.list(out)) {
      index = dirs.filter(Files::isDirectory).findFirst().orElseThrow().resolve("index.json");
    }
    JsonNode cases = new ObjectMapper().readTree(index.toFile()).get("skipper");
    assertThat(cases.get("1.1.1").get("behavior").asText()).isEqualTo("OK");
    assertThat(cases.get("1.1.2").get("behavior").asText()).isEqualTo("ERROR");
  }
}
