package org.wsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wsconform clients} with several clients in one run, and {@code wsconform compare} on the
 * client run folders it writes: the reference client (embedded Jetty), the faulty client from its
 * profile ({@code targets/clients/faulty.properties}, no switch) and the faulty client with
 * UNMASKED_BINARY as a {@code --client-cmd}. 6.3.1 tells the faulty client from Jetty (it validates
 * no UTF-8, by design), CM.1 tells the switch from the profile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ClientsMatrixTest {
  private static final String CASES = "1.1.1,6.3.1,CM.1";

  @TempDir static Path out;
  String previousHome;
  WsConformCliTest.Run run;

  /** Agent name to its run folder, from the "report:" lines. */
  final Map<String, Path> folders = new LinkedHashMap<>();

  @BeforeAll
  void runThreeClients() {
    previousHome = System.getProperty("wsconform.home");
    // the repository root: the faulty profile is read from its targets/clients/
    System.setProperty(
        "wsconform.home",
        Path.of(previousHome != null ? previousHome : "..").toAbsolutePath().toString());
    run =
        WsConformCliTest.cli(
            "clients",
            "--client",
            "reference",
            "--client",
            "faulty",
            "--client-cmd",
            "{java} -cp {classpath} org.wsconform.targets.faultyclient.FaultyClient"
                + " {base} {agent} {cases} UNMASKED_BINARY",
            "--agent",
            "faulty-unmasked",
            "--cases",
            CASES,
            "--deflate-round-trips",
            "5",
            "-o",
            out.toString());
    Matcher m =
        Pattern.compile("(?m)^(\\S+): \\d+ cases? in .*\\n  report: (.*)/index.html$")
            .matcher(run.out());
    while (m.find()) folders.put(m.group(1), Path.of(m.group(2)));
  }

  @AfterAll
  void restoreHome() {
    if (previousHome == null) System.clearProperty("wsconform.home");
    else System.setProperty("wsconform.home", previousHome);
  }

  private String printed() {
    return run.out() + "\n" + run.err();
  }

  private Path folder(String agentPrefix) {
    return folders.entrySet().stream()
        .filter(e -> e.getKey().startsWith(agentPrefix))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no run folder for " + agentPrefix + " in:\n" + printed()));
  }

  private static JsonNode index(Path folder, String agent) throws Exception {
    return new ObjectMapper().readTree(folder.resolve("index.json").toFile()).get(agent);
  }

  @Test
  void everyClientIsRunAndReportedWithoutHarnessFaults() {
    // 6.3.1 fails the faulty client, CM.1 the switched one: a failed case exits 1
    assertThat(run.exit()).as(printed()).isEqualTo(1);
    assertThat(folders.keySet())
        .as(printed())
        .hasSize(3)
        .contains("faulty-client", "faulty-unmasked");
    assertThat(run.err())
        .as("no fault of the fuzzing server (e.g. results writer already finished)")
        .doesNotContain("wsconform serve:");
    assertThat(run.out()).doesNotContain("no case was run");
  }

  @Test
  void theFaultyProfileRunsTheCasesInOrderIntoACleanRunFolder() throws Exception {
    Path f = folder("faulty-client");
    for (String file :
        List.of("index.json", "results.jsonl", "run.json", "summary.md", "index.html")) {
      assertThat(f.resolve(file)).as(file).exists();
    }
    assertThat(f.resolve("junit/TEST-wsconform.xml")).exists();
    List<String> ids = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(f.resolve("results.jsonl"))) {
      ids.add(json.readTree(line).get("id").asText());
    }
    // one record per case (in the order the cases finished: the server drops TCP before it has
    // judged a case, so the driver's next case may finish first)
    assertThat(ids).containsExactlyInAnyOrder(CASES.split(","));
    JsonNode cases = index(f, "faulty-client");
    assertThat(cases.get("1.1.1").get("behavior").asText()).isEqualTo("OK");
    assertThat(cases.get("CM.1").get("behavior").asText()).isEqualTo("OK");
    assertThat(cases.get("6.3.1").get("behavior").asText())
        .as("the faulty client validates no UTF-8 (a test double for the client rules only)")
        .isEqualTo("FAILED");
    JsonNode runJson = json.readTree(f.resolve("run.json").toFile());
    assertThat(runJson.get("cases").asInt()).isEqualTo(3);
    assertThat(Files.readString(f.resolve("client.log"))).doesNotContain("Exception");
  }

  @Test
  void aSwitchGivenOnTheCommandBreaksItsCase() throws Exception {
    JsonNode cases = index(folder("faulty-unmasked"), "faulty-unmasked");
    assertThat(cases.get("CM.1").get("behavior").asText()).isEqualTo("FAILED");
    assertThat(cases.get("1.1.1").get("behavior").asText()).isEqualTo("OK");
  }

  @Test
  void compareShowsEveryClientWithItsVerdicts() throws Exception {
    Path html = out.resolve("matrix.html");
    Path jetty = folder("jetty-client-");
    WsConformCliTest.Run r =
        WsConformCliTest.cli(
            "compare",
            "--out",
            html.toString(),
            jetty.toString(),
            folder("faulty-client").toString(),
            folder("faulty-unmasked").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("3 targets, 3 cases")
        .containsPattern("\\[1\\] jetty-client-\\S+ .*3 cases · Pass 3")
        .containsPattern("\\[2\\] faulty-client .*3 cases · Pass 2 · Fail 1")
        .containsPattern("\\[3\\] faulty-unmasked .*3 cases · Pass 1 · Fail 2")
        // Jetty validates UTF-8 and fails 6.3.1's connection; the faulty client echoes it
        .containsPattern("\\n6\\.3\\.1 +Pass \\S+ +Fail .*Fail ")
        // UNMASKED_BINARY sends CM.1's binary echo unmasked (RFC 6455 §5.1)
        .containsPattern("\\nCM\\.1 +Pass \\S+ +Pass \\S+ +Fail ");
    String page = Files.readString(html);
    assertThat(page)
        .contains("faulty-client")
        .contains("faulty-unmasked")
        .contains("jetty-client-");
  }
}
