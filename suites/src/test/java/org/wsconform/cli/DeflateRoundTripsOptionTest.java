package org.wsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsconform.cli.WsConformCliTest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.cli.WsConformCliTest.Run;

/**
 * {@code --deflate-round-trips N}: the 12.x/13.x cases with N round trips instead of Autobahn's
 * 1000, for comparisons of many implementations; every output says so, so that nobody takes a quick
 * run for Autobahn's.
 */
class DeflateRoundTripsOptionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void listNamesTheCountInEachDeflateCase() {
    Run r = cli("--list", "--cases", "12.1.1,13.7.18", "--deflate-round-trips", "7");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("12.1.1")
        .contains("7 text messages of 16 code points")
        .contains("13.7.18")
        .contains("7 text messages of 131072 code points")
        .contains("2 cases")
        .doesNotContain("1000 ");
  }

  @Test
  void theDefaultIsAutobahnsThousand() {
    Run r = cli("--list", "--cases", "12.1.3");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("1000 text messages of 256 code points");
  }

  @Test
  void fewerThanOneRoundTripIsBadUsage() {
    Run r = cli("--list", "--deflate-round-trips", "0");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--deflate-round-trips must be at least 1, got 0").hasLineCount(1);
  }

  @Test
  void aReducedRunSaysSoOnTheConsoleInRunJsonAndInTheSummary(@TempDir Path out) throws Exception {
    Run r =
        cli(
            "--cases",
            "12.1.1,12.1.2",
            "--deflate-round-trips",
            "3",
            "--out",
            out.toString(),
            "--quiet");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("NOTE: 12.*/13.* ran 3 round trips per case, not Autobahn's 1000");
    Path run = runFolder(out);
    JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
    assertThat(runJson.get("deflateRoundTrips").asInt()).isEqualTo(3);
    assertThat(runJson.get("deflateRoundTripsNote").asText()).contains("not Autobahn's 1000");
    assertThat(Files.readString(run.resolve("summary.md")))
        .contains("Not Autobahn's round trips:")
        .contains("ran 3 round trips per case");
    assertThat(Files.readString(run.resolve("index.html"))).contains("ran 3 round trips per case");
    // the verdict rules are Autobahn's: the reference server echoes every message, so OK
    JsonNode index = JSON.readTree(run.resolve("index.json").toFile()).elements().next();
    assertThat(index.get("12.1.1").get("behavior").asText()).isEqualTo("OK");
    assertThat(index.get("12.1.2").get("behavior").asText()).isEqualTo("OK");
    assertThat(Files.readString(run.resolve("results.jsonl")))
        .contains("3 text messages of 16 code points")
        .doesNotContain("1000 text messages");
  }

  @Test
  void anAutobahnSizedRunRecordsTheCountWithoutANote(@TempDir Path out) throws Exception {
    Run r = cli("--cases", "1.1.1", "--out", out.toString(), "--quiet");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).doesNotContain("NOTE:");
    JsonNode runJson = JSON.readTree(runFolder(out).resolve("run.json").toFile());
    assertThat(runJson.get("deflateRoundTrips").asInt()).isEqualTo(1000);
    assertThat(runJson.has("deflateRoundTripsNote")).isFalse();
  }

  private static Path runFolder(Path out) throws Exception {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().equals("latest"))
          .findFirst()
          .orElseThrow();
    }
  }
}
