package org.wsconform.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.cli.WsConform;

/**
 * Issue 7: a parallel run gives the verdicts of a serial one. A subset with cases of every phase
 * (independent cases, the paused ones 5.19/5.20/6.4.*, bulk 9.* and L.*) runs against the embedded
 * reference server with {@code -j 1} and {@code -j 4}; behavior and behaviorClose must be equal
 * case by case, and the parallel run must really have overlapped cases (else this test would prove
 * nothing), while the timed cases never overlap anything.
 */
class ParallelScheduleTest {
  private static final String SUBSET =
      "1.1.*,2.*,3.*,4.*,5.1,5.2,5.19,5.20,6.1.*,6.4.*,7.1.*,H.1,H.2,H.3,R.*,F.11,F.12,C.1,"
          + "X.1,X.2,9.1.1,9.2.1,9.7.1";
  private static final Map<String, ConformanceCase> CATALOGUE = new TreeMap<>();

  static {
    Catalogue.all().forEach(c -> CATALOGUE.put(c.id(), c));
  }

  /** Start and end in microseconds; ends are rounded to the millisecond, hence the tolerance. */
  record Span(String id, long start, long end) {
    boolean overlaps(Span o) {
      return start < o.end - 2000 && o.start < end - 2000;
    }
  }

  @Test
  void parallelVerdictsEqualSerialOnes(@TempDir Path dir) throws IOException {
    Path serialDir = run(dir.resolve("serial"), "1");
    Path parallelDir = run(dir.resolve("parallel"), "4");
    Map<String, String> serial = verdicts(serialDir);
    Map<String, String> parallel = verdicts(parallelDir);
    assertThat(serial).hasSizeGreaterThan(70);
    assertThat(parallel).as("verdicts with -j 4 against -j 1").isEqualTo(serial);

    List<Span> p = spans(parallelDir);
    assertThat(overlapping(p, s -> !CATALOGUE.get(s.id()).timed()))
        .as("independent cases overlapping in the -j 4 run")
        .isPositive();
    assertThat(overlapping(spans(serialDir), s -> true))
        .as("cases overlapping in the -j 1 run")
        .isZero();
    assertThat(p)
        .anyMatch(s -> CATALOGUE.get(s.id()).paused())
        .anyMatch(s -> CATALOGUE.get(s.id()).bulk());
    for (Span timed : p.stream().filter(s -> CATALOGUE.get(s.id()).timed()).toList()) {
      // a paused case may share its phase only with the other paused cases; a bulk case with
      // nothing
      List<String> beside =
          p.stream()
              .filter(o -> o != timed && o.overlaps(timed))
              .filter(o -> !(isPaused(timed.id()) && isPaused(o.id())))
              .filter(o -> !(isVolume(timed.id()) && isVolume(o.id())))
              .map(Span::id)
              .toList();
      assertThat(beside).as("cases running beside %s", timed.id()).isEmpty();
    }
  }

  /**
   * Issue 17: the permessage-deflate cases (12.*, 13.*) share the cores among themselves, with the
   * verdicts of a serial run, and nothing else runs beside them.
   */
  @Test
  void volumeCasesOverlapOnlyEachOtherWithSerialVerdicts(@TempDir Path dir) throws IOException {
    String cases = "12.1.*,13.1.1,13.1.2,13.2.1,13.2.2,1.1.1,9.1.1";
    Path serialDir =
        run(dir.resolve("serial"), "--cases", cases, "--deflate-round-trips", "20", "-j", "1");
    Path parallelDir =
        run(dir.resolve("parallel"), "--cases", cases, "--deflate-round-trips", "20", "-j", "3");
    assertThat(verdicts(parallelDir)).isEqualTo(verdicts(serialDir));
    List<Span> p = spans(parallelDir);
    assertThat(overlapping(p, s -> isVolume(s.id()))).as("12.*/13.* overlapping").isPositive();
    for (Span v : p.stream().filter(s -> isVolume(s.id())).toList()) {
      assertThat(p.stream().filter(o -> o != v && o.overlaps(v) && !isVolume(o.id())))
          .as("other cases beside %s", v.id())
          .isEmpty();
    }
  }

  private static boolean isVolume(String id) {
    return CATALOGUE.get(id).volume();
  }

  private static boolean isPaused(String id) {
    return CATALOGUE.get(id).paused();
  }

  private static long overlapping(List<Span> spans, Predicate<Span> which) {
    List<Span> l = spans.stream().filter(which).toList();
    long n = 0;
    for (int i = 0; i < l.size(); i++) {
      for (int j = i + 1; j < l.size(); j++) {
        if (l.get(i).overlaps(l.get(j))) n++;
      }
    }
    return n;
  }

  private static Path run(Path out, String parallel) throws IOException {
    return run(out, "--cases", SUBSET, "-j", parallel);
  }

  private static Path run(Path out, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-q", "--out", out.toString()));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit =
        WsConform.execute(
            new PrintStream(console, true, StandardCharsets.UTF_8),
            new PrintStream(console, true, StandardCharsets.UTF_8),
            all.toArray(String[]::new));
    assertThat(exit).as(console.toString(StandardCharsets.UTF_8)).isZero();
    try (var s = Files.list(out)) {
      return s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().equals("latest"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static Map<String, String> verdicts(Path run) throws IOException {
    Map<String, String> v = new TreeMap<>();
    JsonNode agent =
        new ObjectMapper().readTree(run.resolve("index.json").toFile()).elements().next();
    agent
        .properties()
        .forEach(
            e ->
                v.put(
                    e.getKey(),
                    e.getValue().path("behavior").asText()
                        + "/"
                        + e.getValue().path("behaviorClose").asText()));
    return v;
  }

  private static List<Span> spans(Path run) throws IOException {
    List<Span> l = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(run.resolve("results.jsonl"))) {
      if (line.isBlank()) continue;
      JsonNode r = json.readTree(line);
      Instant started = Instant.parse(r.path("started").asText());
      long start = started.getEpochSecond() * 1_000_000 + started.getNano() / 1000;
      l.add(
          new Span(r.path("id").asText(), start, start + r.path("durationMillis").asLong() * 1000));
    }
    return l;
  }
}
