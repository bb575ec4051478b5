package org.wsconform.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.run.CaseResult;
import org.wsconform.verdict.Outcome;

/**
 * A browser as the client under test: Debian's Chromium, headless through playwright-core
 * (targets/clients/chromium), echoing through the page's own WebSocket, over a subset of the client
 * catalogue that covers text and binary echo, pings, a fragmented control frame the browser must
 * fail on, the close handshake, one permessage-deflate case and every opening-request check (CH.*,
 * with CH.10 requiring the Origin a browser must send, RFC 6455 §4.1 item 8). CI installs the
 * browser with {@code scripts/install-clients chromium}; the profile's command runs install.sh too.
 */
class BrowserClientTest {
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final List<String> SUBSET =
      List.of("1.1.1", "1.2.1", "2.1", "5.1", "7.1.1", "12.1.1", "13.1.1");

  @TempDir Path out;

  @Test
  void chromiumPassesTheBrowserSubset() throws Exception {
    ClientProfile chromium = ClientProfile.load(HOME.resolve("targets/clients"), "chromium");
    assertThat(chromium.browser()).as("the chromium profile says browser=true").isTrue();
    List<ClientCase> catalogue = ClientCatalogue.all(5);
    List<ClientCase> cases =
        catalogue.stream()
            .filter(c -> SUBSET.contains(c.id()) || c.id().startsWith("CH."))
            .toList();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(SUBSET.size() + 10);

    Map<String, CompletableFuture<CaseResult>> results = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    Path log = out.resolve("client.log");
    try (FuzzingServer server = ReferenceClientTest.start(catalogue, lines, out);
        ClientLauncher launcher = new ClientLauncher(chromium, log)) {
      // the profile's browser flag makes CH.10 require Origin, as `wsconform clients` does
      server.open(chromium.agent(), chromium.browser(), chromium.identity());
      for (ClientCase c : cases) results.put(c.id(), server.awaitCase(chromium.agent(), c.id()));
      launcher.runDriver(
          server.base(), cases.stream().map(ClientCase::number).toList(), Duration.ofMinutes(3));
    }
    String clientLog = Files.isRegularFile(log) ? Files.readString(log) : "";
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, CompletableFuture<CaseResult>> e : results.entrySet()) {
      if (!e.getValue().isDone()) {
        problems.add(e.getKey() + ": expected a connection from Chromium, observed none");
        continue;
      }
      CaseResult r = e.getValue().get(1, TimeUnit.SECONDS);
      if (r.outcome() != Outcome.PASSED) {
        problems.add(
            e.getKey()
                + ": expected PASSED, observed "
                + r.outcome()
                + " "
                + r.judgement().behavior().label()
                + "/"
                + r.judgement().behaviorClose().label()
                + " — "
                + r.reason()
                + " ["
                + r.testCase().rfc()
                + "]");
      }
    }
    assertThat(problems)
        .as(
            "Chromium against the browser subset (client.log:%n%s)",
            clientLog.length() > 4000 ? clientLog.substring(0, 4000) : clientLog)
        .isEmpty();
  }
}
