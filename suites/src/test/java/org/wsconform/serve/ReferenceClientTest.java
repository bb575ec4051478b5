package org.wsconform.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.run.CaseResult;
import org.wsconform.session.SessionSettings;
import org.wsconform.targets.ReferenceClient;
import org.wsconform.verdict.Gate.FailOn;
import org.wsconform.verdict.Outcome;

/** The embedded Jetty client against the fuzzing server, case by case. */
class ReferenceClientTest {
  @TempDir Path out;

  @Test
  void jettyClientPassesFramingCases() throws Exception {
    List<ClientCase> catalogue = ClientCatalogue.all(5);
    List<String> lines = new ArrayList<>();
    try (FuzzingServer server =
            FuzzingServer.start(
                new FuzzingServer.Settings(
                    InetAddress.getLoopbackAddress(),
                    0,
                    null,
                    out,
                    catalogue,
                    5,
                    new SessionSettings(1, 256L << 20, null),
                    FailOn.of(false),
                    false,
                    null,
                    lines::add));
        ReferenceClient client = new ReferenceClient()) {
      for (int n = 1; n <= 3; n++) {
        var f = server.awaitCase("jetty", catalogue.get(n - 1).id());
        client.runCase(server.base(), n, "jetty", Duration.ofSeconds(20));
        CaseResult r = f.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.outcome()).as(r.testCase().id() + ": " + r.reason() + " " + lines).isEqualTo(Outcome.PASSED);
      }
    }
  }
}
