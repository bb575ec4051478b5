package org.wsconform.cases.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.payloads.CompressionPayloads;
import org.wsconform.cases.support.AutobahnTexts;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.RunSettings;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.external.ExternalTarget;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.UpgradeRequest;

/**
 * 12.* and 13.*: the catalogue's shape against Autobahn's, the payload slices, and the cases
 * against Jetty, Node ws 8.18.3 (compared with its published Autobahn verdicts) and the faulty
 * server. Autobahn's 1000 round trips per case move ~10.9 GB each way over the 216 cases, far too
 * much for {@code mvn verify}: here every case runs with {@link #ROUND_TRIPS} round trips ({@link
 * Compression#cases(int)}: the same offers, sizes, slices and verdicts). The full run is a
 * benchmark: {@code scripts/bench-compression}.
 */
class CompressionTest {
  /** Round trips per case in these tests (Autobahn: 1000). */
  static final int ROUND_TRIPS = 4;

  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final Path PUBLISHED = HOME.resolve("targets/external/ws/published/8.18.3/servers");

  // ---------------------------------------------------------------- the catalogue

  @Test
  void twoHundredSixteenCasesWithAutobahnsIdsTextsAndOrder() {
    List<ConformanceCase> cases = Compression.cases();
    List<String> ids = new ArrayList<>();
    for (int j = 1; j <= 5; j++) for (int i = 1; i <= 18; i++) ids.add("12." + j + "." + i);
    for (int j = 1; j <= 7; j++) for (int i = 1; i <= 18; i++) ids.add("13." + j + "." + i);
    assertThat(cases).extracting(ConformanceCase::id).containsExactlyElementsOf(ids);
    assertThat(
            Catalogue.all().stream()
                .filter(c -> c.id().startsWith("12.") || c.id().startsWith("13.")))
        .extracting(ConformanceCase::id)
        .containsExactlyElementsOf(ids);
    for (ConformanceCase c : cases) {
      AutobahnTexts.Text t = AutobahnTexts.of(c.id());
      assertThat(c.description()).as(c.id()).isEqualTo(t.description());
      assertThat(c.expectation()).as(c.id()).isEqualTo(t.expectation());
      assertThat(c.timed()).as(c.id()).isTrue();
      int wait = Integer.parseInt(t.expectation().replaceAll(".*after (\\d+) secs.*", "$1"));
      assertThat(c.deadlineSeconds()).as(c.id()).isGreaterThan(wait);
    }
    Map<String, String> groups = new LinkedHashMap<>();
    cases.forEach(c -> groups.putIfAbsent(c.group(), c.groupTitle()));
    assertThat(groups)
        .containsEntry(
            "12.1",
            "WebSocket Compression (different payloads) / Large JSON data file (utf8, 194056 bytes)")
        .containsEntry(
            "12.2",
            "WebSocket Compression (different payloads) / Lena Picture, Bitmap 512x512 bw (binary, 263222 bytes)")
        .containsEntry(
            "12.3",
            "WebSocket Compression (different payloads) / Human readable text, Goethe's Faust I (German) (binary, 222218 bytes)")
        .containsEntry(
            "12.4",
            "WebSocket Compression (different payloads) / Large HTML file (utf8, 263647 bytes)")
        .containsEntry(
            "12.5",
            "WebSocket Compression (different payloads) / A larger PDF (binary, 1042328 bytes)")
        .containsEntry(
            "13.7",
            "WebSocket Compression (different parameters) / Large JSON data file (utf8, 194056 bytes) - "
                + "client offers (requestNoContextTakeover, requestMaxWindowBits): [(True, 9), (True, 0), (False, 0)] / server "
                + "accept (requestNoContextTakeover, requestMaxWindowBits): [(True, 9), (True, 0), (False, 0)]");
  }

  /**
   * The Sec-WebSocket-Extensions offers, octet for octet those of Autobahn's published requests.
   */
  @Test
  void offersAreAutobahnsOffers() throws Exception {
    Pattern offer = Pattern.compile("Sec-WebSocket-Extensions: ([^\\r\\n]*)");
    for (ConformanceCase c : Compression.cases()) {
      if (!c.id().endsWith(".1")) continue;
      JsonNode published =
          new ObjectMapper()
              .readTree(
                  PUBLISHED
                      .resolve("ws_8_18_3_case_" + c.id().replace('.', '_') + ".json")
                      .toFile());
      Matcher m = offer.matcher(published.get("httpRequest").asText());
      assertThat(m.find()).as(c.id()).isTrue();
      UpgradeRequest ours =
          c.request()
              .apply(
                  UpgradeRequest.canonical(Endpoint.parse("ws://127.0.0.1:9/"), "key", List.of()));
      assertThat(ours.all("Sec-WebSocket-Extensions")).as(c.id()).containsExactly(m.group(1));
    }
  }

  /**
   * Autobahn's moving pointer: consecutive slices, the one crossing the end joined to the start.
   * Text sets are cut at code points, so every slice is valid UTF-8 with exactly LEN code points.
   */
  @Test
  void slicesWrapAroundAndTextSlicesAreWholeCodePoints() throws Exception {
    CompressionPayloads.Payload json = CompressionPayloads.jsonData();
    byte[] all = json.bytes();
    CompressionPayloads.Slices s = json.slices(131072);
    assertThat(Arrays.equals(s.next(), range(all, 0, 131072))).isTrue();
    // 131072..194056 joined to 0..68088, then 68088..194056 joined to 0..5104
    assertThat(Arrays.equals(s.next(), concat(range(all, 131072, 194056), range(all, 0, 68088))))
        .isTrue();
    assertThat(Arrays.equals(s.next(), concat(range(all, 68088, 194056), range(all, 0, 5104))))
        .isTrue();
    assertThat(Arrays.equals(s.next(), range(all, 5104, 5104 + 131072))).isTrue();

    for (CompressionPayloads.Payload set : CompressionPayloads.all()) {
      for (Compression.Size size : Compression.SIZES) {
        CompressionPayloads.Slices slices = set.slices(size.length());
        int n = size.length() >= 65536 ? 12 : 200;
        for (int i = 0; i < n; i++) {
          byte[] m = slices.next();
          assertThat(set.unitsOf(m)).isEqualTo(size.length());
          if (!set.binary())
            assertThat(strictUtf8(m).codePointCount(0, strictUtf8(m).length()))
                .isEqualTo(size.length());
        }
      }
    }
  }

  /**
   * Reused compressed slices stay within their budget, oldest sequence out first, and only in
   * order.
   */
  @Test
  void compressedSlicesStayWithinTheirBudget() {
    Compression.CompressedSlices.Key older =
        new Compression.CompressedSlices.Key("test-older", 1, 15);
    Compression.CompressedSlices.Key newer =
        new Compression.CompressedSlices.Key("test-newer", 1, 15);
    int chunk = 8 << 20;
    for (int i = 0; i < 7; i++) Compression.CompressedSlices.put(older, i, new byte[chunk]);
    assertThat(Compression.CompressedSlices.get(older, 6)).hasSize(chunk);
    Compression.CompressedSlices.put(newer, 1, new byte[1]); // not the next in order: not kept
    assertThat(Compression.CompressedSlices.get(newer, 1)).isNull();
    Compression.CompressedSlices.put(
        newer, 0, new byte[2 * chunk]); // 56 + 16 MiB > 64 MiB: the older goes
    assertThat(Compression.CompressedSlices.get(newer, 0)).hasSize(2 * chunk);
    assertThat(Compression.CompressedSlices.get(older, 0)).isNull();
    Compression.CompressedSlices.put(
        newer, 1, new byte[(int) Compression.CompressedSlices.BUDGET]); // alone too big
    assertThat(Compression.CompressedSlices.get(newer, 1)).isNull();
  }

  // ---------------------------------------------------------------- against real servers

  /**
   * Jetty passes every case. Its permessage-deflate compresses with java.util.zip, whose window is
   * always 2^15; the reference server still accepts {@code server_max_window_bits} below 15 and
   * honours it with literal-only blocks, so 13.3.*, 13.5.* and 13.7.* (window 9 offered first) are
   * agreed with window 9, and OK.
   */
  @Test
  void jettyPassesEveryCase() {
    try (ReferenceServer jetty = ReferenceServer.start(0)) {
      Map<String, CaseResult> rs = run(jetty.uri(), Compression.cases(ROUND_TRIPS));
      Map<String, String> expected = new TreeMap<>();
      rs.keySet().forEach(id -> expected.put(id, "OK/OK"));
      assertThat(verdicts(rs)).as(describe(rs)).isEqualTo(expected);
      assertThat(rs.get("13.7.1").httpResponse())
          .contains("server_no_context_takeover")
          .contains("server_max_window_bits=9");
      assertThat(rs.get("13.3.1").httpResponse()).contains("server_max_window_bits=9");
    }
  }

  /**
   * Each round-trip case records its compression each way in its details: the messages, their
   * octets before and after compression, and the ratio; the session's own compressor (12.1.1) and
   * the reused pre-compressed slices (13.2.1, no context takeover) are both counted.
   */
  @Test
  @SuppressWarnings("unchecked")
  void roundTripCasesRecordTheirCompressionEachWay() {
    try (ReferenceServer jetty = ReferenceServer.start(0)) {
      List<ConformanceCase> some =
          Compression.cases(ROUND_TRIPS).stream()
              .filter(c -> Set.of("12.1.1", "12.2.10", "13.2.1").contains(c.id()))
              .toList();
      Map<String, CaseResult> rs = run(jetty.uri(), some);
      assertThat(rs).hasSize(3);
      for (CaseResult r : rs.values()) {
        Map<String, Object> c = (Map<String, Object>) r.details().get("compression");
        assertThat(c).as(r.testCase().id() + " " + r.details()).isNotNull();
        Map<String, Object> sent = (Map<String, Object>) c.get("sent");
        assertThat(sent.get("messages")).as(r.testCase().id()).isEqualTo((long) ROUND_TRIPS);
        long in = (Long) sent.get("bytesIn");
        long out = (Long) sent.get("bytesOut");
        assertThat(in).isPositive();
        assertThat(out).isPositive();
        assertThat((Double) sent.get("ratio")).isCloseTo(in / (double) out, within(0.001));
        Map<String, Object> received = (Map<String, Object>) c.get("received");
        // Jetty compresses its echoes: each echo is the message sent, so as many octets inflated
        assertThat(received.get("messages")).isEqualTo((long) ROUND_TRIPS);
        assertThat(received.get("bytesIn")).isEqualTo(in);
      }
      assertThat(rs.get("12.2.10").details().toString()).contains("ratio");
    }
  }

  /**
   * Node ws 8.18.3 (deflate on): our verdicts equal the published Autobahn verdicts, case for case.
   */
  @Test
  void nodeWs8183AgreesWithItsPublishedAutobahnVerdicts() throws Exception {
    JsonNode published =
        new ObjectMapper()
            .readTree(Files.readAllBytes(PUBLISHED.resolve("index.json")))
            .get("ws@8.18.3");
    try (ExternalTarget ws =
        ExternalTarget.start(
            HOME, "ws", List.of("node", "echo.mjs", "0", "1"), Duration.ofSeconds(20))) {
      Map<String, CaseResult> rs = run(ws.uri(), Compression.cases(ROUND_TRIPS));
      List<String> differences = new ArrayList<>();
      for (CaseResult r : rs.values()) {
        JsonNode ref = published.get(r.testCase().id());
        String theirs = ref.get("behavior").asText() + "/" + ref.get("behaviorClose").asText();
        if (!theirs.equals(verdict(r))) differences.add(line(r) + " (Autobahn: " + theirs + ")");
      }
      System.out.println(
          "12.*/13.* vs ws 8.18.3: "
              + rs.size()
              + " cases compared with the published verdicts, "
              + differences.size()
              + " differ"
              + (differences.isEmpty() ? "" : ":\n" + String.join("\n", differences)));
      assertThat(differences).isEmpty();
      assertThat(rs).hasSize(216);
    }
  }

  /**
   * The faulty server's permessage-deflate: everything round-trips (13.3/13.5 declined: it does not
   * limit its window, so it turns such offers down). With CORRUPT_LONG_ECHO every echo above 1000
   * octets differs in its last octet, and exactly those cases fail with Autobahn's SHA-1 text;
   * KEEPS_CONTEXT_DESPITE_NO_CONTEXT_TAKEOVER fails the cases whose offer asks for
   * server_no_context_takeover and gets it.
   */
  @Test
  void faultyServerRoundTripsAndItsFaultsFailExactlyTheirCases() {
    List<ConformanceCase> quick =
        Compression.cases(ROUND_TRIPS).stream()
            .filter(c -> c.id().matches("1[23]\\.\\d\\.([1-5]|11)"))
            .toList();
    try (FaultyServer clean = FaultyServer.start(0, Set.of())) {
      Map<String, CaseResult> rs = run(clean.uri(), quick);
      assertThat(ids(rs, r -> r.judgement().behavior() != Behavior.OK))
          .as(describe(rs))
          .allMatch(id -> id.startsWith("13.3.") || id.startsWith("13.5."));
      assertThat(ids(rs, r -> r.judgement().behavior() == Behavior.UNIMPLEMENTED)).hasSize(12);
    }
    try (FaultyServer corrupt = FaultyServer.start(0, Set.of(Fault.CORRUPT_LONG_ECHO))) {
      Map<String, CaseResult> rs = run(corrupt.uri(), quick);
      // messages longer than 1000 octets: rows .4 (1024), .5 (4096), .11 (8192)
      assertThat(ids(rs, r -> r.judgement().behavior() == Behavior.FAILED))
          .as(describe(rs))
          .allMatch(id -> id.matches("1[23]\\.\\d\\.(4|5|11)"))
          .hasSize(5 * 3 + 5 * 3);
      CaseResult r = rs.get("12.1.4");
      assertThat(r.judgement().result())
          .matches(
              "Echo'ed message contents differs from what I sent \\(got SHA1 [0-9a-f]{40}, "
                  + "expected SHA1 [0-9a-f]{40}\\)\\.");
      assertThat(r.judgement().behaviorClose()).isEqualTo(BehaviorClose.OK);
    }
    try (FaultyServer keeps =
        FaultyServer.start(0, Set.of(Fault.KEEPS_CONTEXT_DESPITE_NO_CONTEXT_TAKEOVER))) {
      Map<String, CaseResult> rs = run(keeps.uri(), quick);
      // 13.2, 13.6 and 13.7 (the faulty server takes 13.7's second offer) get
      // server_no_context_takeover
      assertThat(ids(rs, r -> r.judgement().behavior() == Behavior.FAILED))
          .as(describe(rs))
          .allMatch(id -> id.matches("13\\.[267]\\..*"))
          .isNotEmpty();
    }
  }

  // ---------------------------------------------------------------- helpers

  static Map<String, CaseResult> run(URI target, List<ConformanceCase> cases) {
    RunSettings s = RunSettings.of(Endpoint.parse(target.toString()), "compression-test");
    Map<String, CaseResult> out = new LinkedHashMap<>();
    for (ConformanceCase c : cases) out.put(c.id(), CaseRunner.run(c, s));
    return out;
  }

  static String verdict(CaseResult r) {
    return r.judgement().behavior().label() + "/" + r.judgement().behaviorClose().label();
  }

  static Map<String, String> verdicts(Map<String, CaseResult> rs) {
    Map<String, String> m = new TreeMap<>();
    rs.forEach((id, r) -> m.put(id, verdict(r)));
    return m;
  }

  static String line(CaseResult r) {
    return r.testCase().id() + " " + verdict(r) + (r.reason() == null ? "" : " — " + r.reason());
  }

  static String describe(Map<String, CaseResult> rs) {
    return rs.values().stream().map(CompressionTest::line).collect(Collectors.joining("\n"));
  }

  static List<String> ids(Map<String, CaseResult> rs, Predicate<CaseResult> p) {
    return rs.values().stream().filter(p).map(r -> r.testCase().id()).toList();
  }

  private static String strictUtf8(byte[] b) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(b))
        .toString();
  }

  private static byte[] range(byte[] b, int from, int to) {
    return Arrays.copyOfRange(b, from, to);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
