package org.wsconform.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.reports.RunFolder;
import org.wsconform.run.CaseResult;
import org.wsconform.targets.faultyclient.FaultyClient;

/**
 * A client that echoes the server's invalid close code (Chromium in 7.9.*, 7.13.*; the faulty
 * client, which checks no close code, does the same): the close state keeps Autobahn's
 * remoteCloseCode (1000 stands in for an invalid code, as autobahn-python's onCloseFrame sets it,
 * so index.json and the verdicts equal Autobahn's) and the code on the wire beside it, and the
 * reason names the code the client sent, not 1000.
 */
@Timeout(120)
class ClientCloseCodeTest {
  @TempDir Path out;

  @Test
  void anEchoedInvalidCodeIsReportedAsItWasSent() throws Exception {
    List<ClientCase> catalogue = ClientCatalogue.all(5);
    FaultyClient client = new FaultyClient(Set.of(), false, Duration.ofSeconds(30));
    try (FuzzingServer server = ReferenceClientTest.start(catalogue, new ArrayList<>(), out)) {
      for (String[] c : new String[][] {{"7.9.1", "0"}, {"7.13.1", "5000"}}) {
        ClientCase cc = ClientCatalogue.byId(catalogue, c[0]).orElseThrow();
        CompletableFuture<CaseResult> f = server.awaitCase("echoer", cc.id());
        client.runCase(server.base(), cc.number(), "echoer");
        CaseResult r = f.get(60, TimeUnit.SECONDS);
        int sent = Integer.parseInt(c[1]);
        assertThat(r.close().remoteCloseCode()).as(c[0] + ": Autobahn's field").isEqualTo(1000);
        assertThat(r.close().remoteCloseCodeOnWire()).as(c[0] + ": on the wire").isEqualTo(sent);
        assertThat(r.wirelog())
            .as(c[0] + ": the wire log shows the client's Close with the echoed code")
            .anyMatch(e -> e.text().startsWith("close ") && e.text().contains("code=" + sent));
        assertThat(r.reason())
            .as(c[0])
            .contains("invalid close code " + sent)
            .doesNotContain("client code 1000")
            .doesNotContain("unclean: null");
        if (c[0].equals("7.9.1")) {
          // WRONG CODE (1002 expected): the close part of the reason names the code sent
          assertThat(r.reason())
              .contains("client code 0 (invalid; Autobahn's remoteCloseCode 1000 stands in for it)")
              .contains("an echo of the harness's own 0");
        }
      }
      server.updateReports("echoer");
      RunFolder folder = server.reportedFolder("echoer").orElseThrow();
      ObjectMapper json = new ObjectMapper();
      JsonNode index = json.readTree(folder.indexJson().toFile()).get("echoer");
      assertThat(index.get("7.9.1").get("remoteCloseCode").asInt())
          .as("index.json keeps Autobahn's value")
          .isEqualTo(1000);
      JsonNode caseFile =
          json.readTree(
              folder
                  .dir()
                  .resolve("cases")
                  .resolve(index.get("7.9.1").get("reportfile").asText())
                  .toFile());
      assertThat(caseFile.get("close").get("remoteCloseCode").asInt()).isEqualTo(1000);
      assertThat(caseFile.get("close").get("remoteCloseCodeOnWire").asInt()).isEqualTo(0);
    }
  }
}
