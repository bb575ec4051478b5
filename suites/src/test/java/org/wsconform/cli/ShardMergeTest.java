package org.wsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.reports.CaseRecord;
import org.wsconform.reports.ResultsReader;
import org.wsconform.targets.ReferenceServer;

/**
 * Acceptance for issue 17: a selection split into 3 shards, each run in a JVM of its own (as 3 CI
 * jobs would), merged, gives the verdicts, counts and JUnit totals of one unsharded run; and merge
 * refuses what would make the merged run lie.
 */
class ShardMergeTest {
  /**
   * A representative selection: each scheduling class (pauses in 7.*, bulk 9.1.1), handshake cases,
   * deflate 12.1.1-3; small enough for CI.
   */
  static final String SELECTION = "1.1.*,2.*,5.1*,7.1.*,9.1.1,12.1.1,12.1.2,12.1.3,H.*";

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static ReferenceServer server;
  static List<Path> shards = new ArrayList<>();
  static Path whole;

  @BeforeAll
  static void runShardsAndWhole() throws Exception {
    server = ReferenceServer.start(0);
    String url = server.uri().toString();
    List<Process> ps = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Path out = tmp.resolve("shard-" + i);
      shards.add(out);
      ps.add(
          child(
              out,
              "--target",
              url,
              "--cases",
              SELECTION,
              "--deflate-round-trips",
              "5",
              "--shard",
              i + "/3",
              "--out",
              out.toString(),
              "--quiet",
              // three JVMs start at once beside the build: the timers get room, so that a close
              // wait expiring under load (1.1.3 once came out UNCLEAN) cannot differ from the whole
              "--timeout-scale",
              "4",
              "-j",
              "2"));
    }
    for (int i = 0; i < 3; i++) {
      Process p = ps.get(i);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("shard " + (i + 1) + " did not finish within 120 s");
      }
      assertThat(p.exitValue())
          .as("shard %d's exit code; stdout/stderr in %s", i + 1, shards.get(i))
          .isIn(0, 1);
    }
    whole = tmp.resolve("whole");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int code =
        WsConform.execute(
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(o, true, StandardCharsets.UTF_8),
            "--target",
            url,
            "--cases",
            SELECTION,
            "--deflate-round-trips",
            "5",
            "--out",
            whole.toString(),
            "--quiet",
            "--timeout-scale",
            "4",
            "-j",
            "2");
    assertThat(code).as(o.toString(StandardCharsets.UTF_8)).isIn(0, 1);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  /** java -cp <this test's class path> WsConform args..., output in OUT/console.txt. */
  static Process child(Path out, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WsConform.class.getName()));
    cmd.addAll(List.of(args));
    Files.createDirectories(out);
    Path log = out.getParent().resolve(out.getFileName() + "-console.txt");
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static int merge(ByteArrayOutputStream o, String... args) {
    List<String> all = new ArrayList<>(List.of("merge"));
    all.addAll(List.of(args));
    PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
    return WsConform.execute(ps, ps, all.toArray(String[]::new));
  }

  static Path runOf(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> !Files.isSymbolicLink(p) && Files.isRegularFile(p.resolve("run.json")))
          .findFirst()
          .orElseThrow();
    }
  }

  static Map<String, String> verdicts(Path run) throws IOException {
    Map<String, String> m = new TreeMap<>();
    for (CaseRecord r : ResultsReader.readLatest(run))
      m.put(r.id(), r.behavior() + "/" + r.behaviorClose() + "/" + r.outcome());
    return m;
  }

  /** tests, failures, errors, skipped of the JUnit XML's testsuites element. */
  static String junitTotals(Path run) throws IOException {
    String x = Files.readString(run.resolve("junit/TEST-wsconform.xml"));
    Matcher m = Pattern.compile("<testsuites[^>]*>").matcher(x);
    assertThat(m.find()).isTrue();
    StringBuilder sb = new StringBuilder();
    for (String a : List.of("tests", "failures", "errors", "skipped")) {
      Matcher v = Pattern.compile(" " + a + "=\"(\\d+)\"").matcher(m.group());
      sb.append(a).append('=').append(v.find() ? v.group(1) : "?").append(' ');
    }
    return sb.toString();
  }

  @Test
  void theMergedShardsAreTheUnshardedRun() throws Exception {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    Path merged = tmp.resolve("merged");
    int code =
        merge(
            o,
            merged.toString(),
            shards.get(2).toString(),
            shards.get(0).toString(),
            shards.get(1).toString());
    Path wholeRun = runOf(whole);
    Map<String, String> expected = verdicts(wholeRun);
    assertThat(code).as(o.toString(StandardCharsets.UTF_8)).isIn(0, 1);

    // the split: every case once, none of the three parts empty
    Set<String> seen = new HashSet<>();
    for (Path s : shards) {
      Set<String> ids = verdicts(runOf(s)).keySet();
      assertThat(ids).isNotEmpty();
      for (String id : ids) assertThat(seen.add(id)).as("%s in two shards", id).isTrue();
    }
    assertThat(seen).isEqualTo(expected.keySet());

    assertThat(verdicts(merged)).isEqualTo(expected);
    JsonNode a = JSON.readTree(wholeRun.resolve("run.json").toFile());
    JsonNode b = JSON.readTree(merged.resolve("run.json").toFile());
    for (String k : List.of("cases", "outcomes", "behavior", "behaviorClose"))
      assertThat(b.get(k)).as(k).isEqualTo(a.get(k));
    assertThat(b.get("shards")).hasSize(3);
    assertThat(b.get("shards").get(0).get("index").asInt()).isEqualTo(1);
    assertThat(junitTotals(merged)).isEqualTo(junitTotals(wholeRun));
    assertThat(JSON.readTree(merged.resolve("index.json").toFile()).elements().next().size())
        .isEqualTo(expected.size());
    assertThat(merged.resolve("index.html")).exists();
    assertThat(merged.resolve("summary.md")).content().contains("Merged from");
    try (Stream<Path> s = Files.list(merged.resolve("cases"))) {
      assertThat(s.count()).isEqualTo(expected.size());
    }
    long allure = 0;
    for (Path s : shards) {
      try (Stream<Path> f = Files.list(runOf(s).resolve("allure-results"))) {
        allure += f.count();
      }
    }
    try (Stream<Path> f = Files.list(merged.resolve("allure-results"))) {
      assertThat(f.count()).isEqualTo(allure);
    }
    // a shard's run.json says which part it was
    JsonNode shard = JSON.readTree(runOf(shards.get(1)).resolve("run.json").toFile()).get("shard");
    assertThat(shard.get("index").asInt()).isEqualTo(2);
    assertThat(shard.get("total").asInt()).isEqualTo(3);
    assertThat(shard.get("selectedCases")).hasSize(expected.size());
  }

  @Test
  void aMissingShardIsRefusedWithItsCasesNamed() throws Exception {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    Path out = tmp.resolve("missing");
    int code = merge(o, out.toString(), shards.get(0).toString(), shards.get(1).toString());
    String said = o.toString(StandardCharsets.UTF_8);
    assertThat(code).as(said).isEqualTo(2);
    String someCase = verdicts(runOf(shards.get(2))).keySet().iterator().next();
    assertThat(said).contains("missing cases", someCase, "shard 3/3 not given");
    assertThat(out).doesNotExist();
  }

  @Test
  void aDuplicatedCaseIsRefused() throws Exception {
    // shard 1 again, under the index of shard 3: its cases are given twice
    Path copy = tmp.resolve("copy-of-1");
    copyTree(runOf(shards.get(0)), copy);
    ObjectNode run = (ObjectNode) JSON.readTree(copy.resolve("run.json").toFile());
    ((ObjectNode) run.get("shard")).put("index", 3);
    JSON.writeValue(copy.resolve("run.json").toFile(), run);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int code =
        merge(
            o,
            tmp.resolve("dup").toString(),
            shards.get(0).toString(),
            shards.get(1).toString(),
            copy.toString());
    String said = o.toString(StandardCharsets.UTF_8);
    assertThat(code).as(said).isEqualTo(2);
    String someCase = verdicts(runOf(shards.get(0))).keySet().iterator().next();
    assertThat(said).contains("duplicated cases", someCase);

    o.reset();
    code =
        merge(
            o,
            tmp.resolve("dup2").toString(),
            shards.get(0).toString(),
            shards.get(0).toString(),
            shards.get(1).toString());
    assertThat(code).isEqualTo(2);
    assertThat(o.toString(StandardCharsets.UTF_8)).contains("shard 1/3 is given twice");
  }

  @Test
  void shardsOfDifferentTargetsAreRefused() throws Exception {
    Path copy = tmp.resolve("other-target");
    copyTree(runOf(shards.get(2)), copy);
    ObjectNode run = (ObjectNode) JSON.readTree(copy.resolve("run.json").toFile());
    run.put("target", "ws://127.0.0.1:1/other");
    JSON.writeValue(copy.resolve("run.json").toFile(), run);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int code =
        merge(
            o,
            tmp.resolve("other").toString(),
            shards.get(0).toString(),
            shards.get(1).toString(),
            copy.toString());
    String said = o.toString(StandardCharsets.UTF_8);
    assertThat(code).as(said).isEqualTo(2);
    assertThat(said).contains("different targets", "ws://127.0.0.1:1/other");
  }

  @Test
  void aWholeRunIsNoShard() throws Exception {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    int code = merge(o, tmp.resolve("w").toString(), whole.toString());
    assertThat(code).isEqualTo(2);
    assertThat(o.toString(StandardCharsets.UTF_8)).contains("is a whole run, not a shard");
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }
}
