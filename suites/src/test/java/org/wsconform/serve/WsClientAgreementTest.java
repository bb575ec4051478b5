package org.wsconform.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.wsconform.cases.Origin;
import org.wsconform.run.CaseResult;

/**
 * Agreement with the reference, client side: the Node ws 8.18.3 client (targets/clients/ws,
 * permessage-deflate offered, driven like ws's own Autobahn client driver) against all 517 Autobahn
 * client cases; our behavior and behaviorClose must equal the published Autobahn|Testsuite client
 * verdicts for ws 8.18.3 case for case.
 *
 * <p>12.* and 13.* run 5 round trips per case instead of Autobahn's 1000 (the whole run took 47 s
 * here instead of many minutes); the verdicts do not depend on the count (measured: the same 517
 * verdicts at 20 round trips with {@code wsconform clients --client ws --deflate-round-trips 20}).
 * The profile's command runs targets/clients/ws/install.sh first (npm ci from the pinned lock, a
 * no-op once installed); CI installs it beforehand with {@code scripts/install-clients ws}.
 */
class WsClientAgreementTest {
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final Path REFERENCE =
      HOME.resolve("targets/external/ws/published/8.18.3/clients/index.json");

  /**
   * Cases where a difference from the published verdict is explained (id to reason). None today: an
   * entry needs the reason the two harnesses legitimately differ, never "flaky".
   */
  static final Map<String, String> EXPLAINED = Map.of();

  @TempDir Path out;

  @Test
  void clientVerdictsEqualThePublishedAutobahnVerdictsForWs8183() throws Exception {
    assertThat(REFERENCE)
        .as("Autobahn's published ws 8.18.3 client verdicts, vendored in the repository")
        .isRegularFile();
    JsonNode published =
        new ObjectMapper().readTree(Files.readAllBytes(REFERENCE)).get("ws@8.18.3");
    ClientProfile ws = ClientProfile.load(HOME.resolve("targets/clients"), "ws");
    List<ClientCase> catalogue = ClientCatalogue.all(5);
    List<ClientCase> autobahn =
        catalogue.stream().filter(c -> c.testCase().origin() == Origin.AUTOBAHN).toList();
    assertThat(autobahn).as("Autobahn's client cases").hasSize(517);

    Map<String, CompletableFuture<CaseResult>> ours = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    try (FuzzingServer server = ReferenceClientTest.start(catalogue, lines, out);
        ClientLauncher launcher = new ClientLauncher(ws, out.resolve("client.log"))) {
      server.open(ws.agent(), ws.browser(), ws.identity());
      for (ClientCase c : autobahn) ours.put(c.id(), server.awaitCase(ws.agent(), c.id()));
      launcher.runDriver(
          server.base(), autobahn.stream().map(ClientCase::number).toList(), Duration.ofMinutes(5));
    }

    List<String> differences = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (ClientCase c : autobahn) {
      CompletableFuture<CaseResult> f = ours.get(c.id());
      if (!f.isDone()) {
        missing.add(c.id());
        continue;
      }
      CaseResult r = f.get(1, TimeUnit.SECONDS);
      JsonNode ref = published.get(c.id());
      String theirs = ref.get("behavior").asText() + "/" + ref.get("behaviorClose").asText();
      String mine = r.judgement().behavior().label() + "/" + r.judgement().behaviorClose().label();
      if (!theirs.equals(mine) && !EXPLAINED.containsKey(c.id())) {
        differences.add(
            c.id()
                + ": Autobahn "
                + theirs
                + ", wsconform "
                + mine
                + (r.reason() == null ? "" : " — " + r.reason()));
      }
    }
    String log =
        Files.isRegularFile(out.resolve("client.log"))
            ? Files.readString(out.resolve("client.log"))
            : "";
    assertThat(missing)
        .as(
            "cases the ws client never ran (expected all 517 to connect; client.log:%n%s)",
            log.length() > 4000 ? log.substring(0, 4000) : log)
        .isEmpty();
    differences.forEach(System.out::println);
    System.out.println(
        "ws 8.18.3 client agreement: "
            + autobahn.size()
            + " cases compared, "
            + differences.size()
            + " differ");
    assertThat(differences)
        .as(
            "client cases whose verdicts differ from Autobahn's published ones for ws 8.18.3"
                + " (expected none; RFC 6455 / RFC 7692 section per case in its report)")
        .isEmpty();
  }
}
