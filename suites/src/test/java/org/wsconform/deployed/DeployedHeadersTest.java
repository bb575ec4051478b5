package org.wsconform.deployed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.run.Redaction;
import org.wsconform.targets.ReferenceServer;

/**
 * What a deployed endpoint often insists on before it upgrades: an Origin it allows, a session
 * cookie, a subprotocol offer. Given once with -H, each goes out on every case's request (RFC 6455
 * §4.1: Origin, Cookie and Sec-WebSocket-Protocol are ordinary request headers), the reference
 * server's choice of subprotocol is accepted by the R.* cases, and the cookie is sent yet shown
 * redacted.
 */
@Timeout(120)
class DeployedHeadersTest {
  private static final String ORIGIN = "https://app.example";
  private static final String COOKIE_VALUE = "deployed-session-8d2f";

  @Test
  void originCookieAndSubprotocolOfferGoOutOnEveryCase(@TempDir Path out) throws Exception {
    try (ReferenceServer target = ReferenceServer.start(0)) {
      Cli.Run r =
          Cli.run(
              "--target",
              target.uri().toString(),
              "--cases",
              "1.1.1,2.1,5.1,7.1.1,R.6,R.7",
              "-H",
              "Origin: " + ORIGIN,
              "-H",
              "Cookie: session=" + COOKIE_VALUE,
              "-H",
              "Sec-WebSocket-Protocol: wsconform, chat",
              "--out",
              out.toString());
      assertThat(r.exit()).as(r.all()).isZero();
      List<String> lines = Files.readAllLines(Cli.runFolder(out).resolve("results.jsonl"));
      assertThat(lines).hasSize(6);
      ObjectMapper json = new ObjectMapper();
      for (String line : lines) {
        JsonNode c = json.readTree(line);
        String id = c.path("id").asText();
        String request = c.path("httpRequest").asText();
        assertThat(request)
            .as(id + "'s request")
            .contains("\r\nOrigin: " + ORIGIN + "\r\n")
            .contains("\r\nCookie: " + Redaction.MARK + "\r\n")
            .doesNotContain(COOKIE_VALUE);
        if (id.startsWith("R."))
          continue; // R.6 and R.7 judge their own offers (none; chat, superchat), and pass
        assertThat(request)
            .as(id + "'s request")
            .contains("\r\nSec-WebSocket-Protocol: wsconform, chat\r\n");
        // the server takes the first offer it speaks: proof the offer arrived as sent
        assertThat(c.path("httpResponse").asText())
            .as(id + "'s response")
            .containsIgnoringCase("Sec-WebSocket-Protocol: wsconform");
      }
    }
  }
}
