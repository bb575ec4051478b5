package org.wsconform.cases.utf8;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.RunSettings;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.external.ExternalTarget;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Hex;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.Utf8Validator;
import org.wsconform.wire.WireLog;

/**
 * 6.*: the catalogue's shape; the vector table against Autobahn's own per-case reports; the cases
 * against the reference server (nothing FAILED), against Node ws 8.18.3 (the published verdicts,
 * frame for frame and timer for timer as Autobahn sent them), and against the faulty server
 * (exactly the cases that cover each UTF-8 fault flip).
 */
class Utf8HandlingTest {
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final Path PUBLISHED = HOME.resolve("targets/external/ws/published/8.18.3/servers");
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> FAIL_FAST = Set.of("6.4.1", "6.4.2", "6.4.3", "6.4.4");

  static List<ConformanceCase> cases() {
    return Catalogue.all().stream().filter(c -> c.id().startsWith("6.")).toList();
  }

  static JsonNode published(String id) {
    try {
      return JSON.readTree(
          Files.readAllBytes(
              PUBLISHED.resolve("ws_8_18_3_case_" + id.replace('.', '_') + ".json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, CaseResult> runAll(URI target, List<ConformanceCase> cases) {
    RunSettings s = RunSettings.of(Endpoint.parse(target.toString()), "t");
    Map<String, CaseResult> out = new LinkedHashMap<>();
    for (ConformanceCase c : cases) out.put(c.id(), CaseRunner.run(c, s));
    return out;
  }

  static String verdicts(CaseResult r) {
    return r.judgement().behavior().label() + "/" + r.judgement().behaviorClose().label();
  }

  static String line(CaseResult r) {
    return r.testCase().id()
        + " "
        + verdicts(r)
        + " "
        + r.durationMillis()
        + " ms"
        + (r.reason() == null ? "" : " — " + r.reason());
  }

  /** Autobahn expects the server to fail the connection (6.3.x, 6.4.x, the invalid vectors). */
  static boolean serverMustFail(String id) {
    return !published(id).get("expectedClose").get("closedByMe").asBoolean();
  }

  // ---------------------------------------------------------------- shape and table

  @Test
  void catalogueHasAutobahnsIdsInOrderWithTitlesAndLevels() {
    List<ConformanceCase> cases = cases();
    assertThat(cases).hasSize(145);
    List<String> expectedIds = new ArrayList<>();
    int[] perSub = {3, 4, 2, 4, 5, 11, 4, 2, 4, 3, 5, 8, 5, 10, 1, 3, 5, 5, 5, 7, 8, 34, 7};
    for (int sub = 1; sub <= perSub.length; sub++) {
      for (int i = 1; i <= perSub[sub - 1]; i++) expectedIds.add("6." + sub + "." + i);
    }
    assertThat(cases).extracting(ConformanceCase::id).containsExactlyElementsOf(expectedIds);
    for (ConformanceCase c : cases) {
      assertThat(c.group()).as(c.id()).isEqualTo(c.id().substring(0, c.id().lastIndexOf('.')));
      assertThat(c.groupTitle()).as(c.id()).startsWith("UTF-8 Handling / ");
      assertThat(List.of(c.title(), c.description(), c.expectation()))
          .as(c.id())
          .allMatch(s -> s != null && !s.isBlank());
      assertThat(c.rfc()).as(c.id()).matches("RFC 6455 §\\d.*");
      assertThat(c.requirement())
          .as(c.id())
          .isEqualTo(FAIL_FAST.contains(c.id()) ? Requirement.SHOULD : Requirement.MUST);
    }
    assertThat(cases.stream().map(ConformanceCase::groupTitle).distinct().toList())
        .containsExactly(
            "UTF-8 Handling / Valid UTF-8 with zero payload fragments",
            "UTF-8 Handling / Valid UTF-8 unfragmented, fragmented on code-points and within code-points",
            "UTF-8 Handling / Invalid UTF-8 differently fragmented",
            "UTF-8 Handling / Fail-fast on invalid UTF-8",
            "UTF-8 Handling / Some valid UTF-8 sequences",
            "UTF-8 Handling / All prefixes of a valid UTF-8 string that contains multi-byte code points",
            "UTF-8 Handling / First possible sequence of a certain length",
            "UTF-8 Handling / First possible sequence length 5/6 (invalid codepoints)",
            "UTF-8 Handling / Last possible sequence of a certain length",
            "UTF-8 Handling / Last possible sequence length 4/5/6 (invalid codepoints)",
            "UTF-8 Handling / Other boundary conditions",
            "UTF-8 Handling / Unexpected continuation bytes",
            "UTF-8 Handling / Lonely start characters",
            "UTF-8 Handling / Sequences with last continuation byte missing",
            "UTF-8 Handling / Concatenation of incomplete sequences",
            "UTF-8 Handling / Impossible bytes",
            "UTF-8 Handling / Examples of an overlong ASCII character",
            "UTF-8 Handling / Maximum overlong sequences",
            "UTF-8 Handling / Overlong representation of the NUL character",
            "UTF-8 Handling / Single UTF-16 surrogates",
            "UTF-8 Handling / Paired UTF-16 surrogates",
            "UTF-8 Handling / Non-character code points (valid UTF-8)",
            "UTF-8 Handling / Unicode specials (i.e. replacement char)");
  }

  /**
   * Every vector's octets and validity equal Autobahn's report for the same id, and RFC 3629's
   * verdict.
   */
  @Test
  void vectorTableIsAutobahnsVectorForVector() throws Exception {
    Pattern payload = Pattern.compile("Payload: 0x([0-9a-f]*)");
    int valid = 0;
    int invalid = 0;
    List<String> differences = new ArrayList<>();
    for (Utf8Vectors.VectorGroup g : Utf8Vectors.groups()) {
      for (int i = 0; i < g.vectors().size(); i++) {
        String id = g.id() + "." + (i + 1);
        Utf8Vectors.Vector v = g.vectors().get(i);
        JsonNode ref = published(id);
        Matcher m = payload.matcher(ref.get("description").asText());
        assertThat(m.find()).as(id + " description names its payload").isTrue();
        boolean refValid = !ref.get("description").asText().contains("not valid");
        if (!m.group(1).equals(v.hex()))
          differences.add(id + ": Autobahn 0x" + m.group(1) + ", ours 0x" + v.hex());
        if (refValid != v.valid())
          differences.add(id + ": Autobahn says " + (refValid ? "valid" : "invalid"));
        if (refValid != ref.get("expectedClose").get("closedByMe").asBoolean())
          differences.add(id + ": report inconsistent");
        if (strictUtf8(v.payload()) != v.valid())
          differences.add(id + ": the JDK's UTF-8 decoder disagrees");
        if (Utf8Validator.isValid(v.payload()) != v.valid())
          differences.add(id + ": wire.Utf8Validator disagrees");
        if (v.valid()) valid++;
        else invalid++;
      }
    }
    differences.forEach(System.out::println);
    assertThat(differences).isEmpty();
    assertThat(valid).isEqualTo(63);
    assertThat(invalid).isEqualTo(69);
  }

  private static boolean strictUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- reference server (Jetty 12)

  @Test
  void nothingFailsAgainstTheReferenceServer() {
    Map<String, CaseResult> rs;
    long wall;
    try (ReferenceServer reference = ReferenceServer.start(0)) {
      long t0 = System.nanoTime();
      rs = runAll(reference.uri(), cases());
      wall = (System.nanoTime() - t0) / 1_000_000;
    }
    rs.values().forEach(r -> System.out.println("jetty " + line(r)));
    Map<String, Long> tally =
        rs.values().stream()
            .collect(
                Collectors.groupingBy(
                    Utf8HandlingTest::verdicts, TreeMap::new, Collectors.counting()));
    System.out.println("jetty 6.*: " + rs.size() + " cases in " + wall + " ms wall; " + tally);
    List<String> bad =
        rs.values().stream()
            .filter(
                r ->
                    r.outcome() == Outcome.FAILED
                        || r.outcome() == Outcome.ERROR
                        || r.judgement().behavior() == Behavior.FAILED
                        || r.judgement().behavior() == Behavior.ERROR)
            .map(Utf8HandlingTest::line)
            .toList();
    assertThat(bad).as("FAILED or ERROR against Jetty").isEmpty();
    // event driven: no kill or close timer ever fires against a conformant server; only 6.4.x
    // pause, once (Jetty fails fast, so pause B never ends with the connection open)
    for (CaseResult r : rs.values()) {
      assertThat(fired(r, WireLog.Kind.KLE, WireLog.Kind.TIE)).as(line(r)).isEmpty();
      assertThat(fired(r, WireLog.Kind.CTE))
          .as(line(r))
          .hasSize(FAIL_FAST.contains(r.testCase().id()) ? 1 : 0);
    }
  }

  private static List<String> fired(CaseResult r, WireLog.Kind... kinds) {
    Set<WireLog.Kind> k = Set.of(kinds);
    return r.wirelog().stream().filter(e -> k.contains(e.kind())).map(WireLog.Entry::text).toList();
  }

  // ---------------------------------------------------------------- Node ws 8.18.3

  @Test
  void verdictsAndWirePatternsEqualThePublishedOnesForWs8183() throws Exception {
    JsonNode index =
        JSON.readTree(Files.readAllBytes(PUBLISHED.resolve("index.json"))).get("ws@8.18.3");
    Map<String, CaseResult> rs;
    long wall;
    try (ExternalTarget ws =
        ExternalTarget.start(
            HOME, "ws", List.of("node", "echo.mjs", "0", "1"), Duration.ofSeconds(20))) {
      long t0 = System.nanoTime();
      rs = runAll(ws.uri(), cases());
      wall = (System.nanoTime() - t0) / 1_000_000;
    }
    List<String> differences = new ArrayList<>();
    for (CaseResult r : rs.values()) {
      String id = r.testCase().id();
      JsonNode ref = index.get(id);
      String theirs = ref.get("behavior").asText() + "/" + ref.get("behaviorClose").asText();
      if (!theirs.equals(verdicts(r)))
        differences.add(id + ": Autobahn " + theirs + ", wsconform " + line(r));
      JsonNode perCase = published(id);
      if (!perCase
          .get("expectedClose")
          .equals(JSON.valueToTree(r.expectation().close().toAutobahn()))) {
        differences.add(
            id
                + ": expectedClose Autobahn "
                + perCase.get("expectedClose")
                + ", ours "
                + r.expectation().close().toAutobahn());
      }
      List<String> refExpected = new ArrayList<>();
      perCase
          .get("expected")
          .fields()
          .forEachRemaining(e -> refExpected.add(e.getKey() + "=" + e.getValue().size()));
      List<String> ourExpected = new ArrayList<>();
      r.expectation().outcomes().forEach((k, v) -> ourExpected.add(k.label() + "=" + v.size()));
      if (!Set.copyOf(refExpected).equals(Set.copyOf(ourExpected))) {
        differences.add(id + ": expected Autobahn " + refExpected + ", ours " + ourExpected);
      }
      List<String> theirWire = autobahnScript(perCase.get("wirelog"));
      List<String> ourWire = ourScript(r.wirelog());
      if (!sameScript(theirWire, ourWire))
        differences.add(id + ": wire Autobahn " + theirWire + "\n      ours " + ourWire);
      if (id.equals("6.4.3") || id.equals("6.4.4")) {
        List<String> theirWrites = autobahnWrites(perCase.get("wirelog"));
        List<String> ourWrites = ourWrites(r.wirelog());
        if (!theirWrites.equals(ourWrites))
          differences.add(id + ": writes Autobahn " + theirWrites + ", ours " + ourWrites);
      }
    }
    rs.values().forEach(r -> System.out.println("ws " + line(r)));
    differences.forEach(System.out::println);
    System.out.println(
        "ws 8.18.3 6.*: "
            + rs.size()
            + " cases in "
            + wall
            + " ms wall, "
            + differences.size()
            + " differ");
    assertThat(differences).isEmpty();
    // ws checks UTF-8 only once the message (or frame) is complete: not fail-fast
    for (String id : FAIL_FAST) {
      assertThat(verdicts(rs.get(id))).as(line(rs.get(id))).isEqualTo("NON-STRICT/OK");
      assertThat(rs.get(id).received()).as(id).hasSize(2);
    }
  }

  /**
   * What Autobahn's script did, up to the first close frame either way: the data frames it sent
   * (opcode, FIN, RSV, payload) and the timers it armed, in order. A payload is taken from the
   * octets written (unmasked with the frame's key) when they are logged in full, since the report's
   * text rendering is lossy (Python 2 decodes surrogates); otherwise from the frame row's hex,
   * which may be cut (then ending in "...": a prefix).
   */
  static List<String> autobahnScript(JsonNode wirelog) {
    List<String> l = new ArrayList<>();
    for (int i = 0; i < wirelog.size(); i++) {
      JsonNode row = wirelog.get(i);
      String kind = row.get(0).asText();
      if ((kind.equals("TF") || kind.equals("RF")) && row.get(2).asInt() == Opcode.CLOSE) break;
      switch (kind) {
        case "TF" -> {
          JsonNode next = i + 1 < wirelog.size() ? wirelog.get(i + 1) : null;
          l.add(
              "frame "
                  + row.get(2).asInt()
                  + " fin="
                  + (row.get(3).asBoolean() ? 1 : 0)
                  + " rsv="
                  + row.get(4).asInt()
                  + " "
                  + autobahnPayload(row, next));
        }
        case "KL" -> l.add("kill " + row.get(1).asDouble());
        case "TI" -> l.add("close " + row.get(1).asDouble());
        case "CT" -> l.add("pause " + row.get(1).asDouble() + " " + row.get(2).asText());
        default -> {}
      }
    }
    return l;
  }

  private static String autobahnPayload(JsonNode tf, JsonNode to) {
    int len = tf.get(1).get(0).asInt();
    String shown = tf.get(1).get(1).asText();
    if (to != null
        && to.get(0).asText().equals("TO")
        && !to.get(1).get(1).asText().endsWith("...")) {
      byte[] octets = Hex.parse(to.get(1).get(1).asText());
      int header = 2 + (len > 125 ? (len > 65535 ? 8 : 2) : 0);
      byte[] key = Hex.parse(tf.get(5).asText());
      byte[] payload = new byte[len];
      for (int j = 0; j < len; j++) payload[j] = (byte) (octets[header + 4 + j] ^ key[j & 3]);
      return len + ":" + Hex.of(payload);
    }
    if (shown.startsWith("0x")) {
      String hex = shown.substring(2).replace(" ...", "");
      return len + ":" + hex + (hex.length() / 2 < len ? "..." : "");
    }
    return len
        + ":"
        + Hex.of(shown.getBytes(StandardCharsets.UTF_8))
        + (shown.endsWith(" ...") ? "..." : "");
  }

  /** Equal, or ours starts with theirs where theirs was cut ("..."). */
  static boolean sameScript(List<String> theirs, List<String> ours) {
    if (theirs.size() != ours.size()) return false;
    for (int i = 0; i < theirs.size(); i++) {
      String t = theirs.get(i);
      if (t.endsWith("...")
          ? !ours.get(i).startsWith(t.substring(0, t.length() - 3))
          : !t.equals(ours.get(i))) return false;
    }
    return true;
  }

  private static final Pattern OUR_FRAME = Pattern.compile("^(\\S+) fin=(\\d) rsv=(\\d) ");
  private static final Pattern SECONDS = Pattern.compile("(\\d+(?:\\.\\d+)?) s");
  private static final Pattern TAG = Pattern.compile("\\((\\w+)\\)");

  static List<String> ourScript(List<WireLog.Entry> wirelog) {
    List<String> l = new ArrayList<>();
    for (WireLog.Entry e : wirelog) {
      if (e.kind() == WireLog.Kind.TF || e.kind() == WireLog.Kind.RF) {
        Matcher m = OUR_FRAME.matcher(e.text());
        assertThat(m.find()).as(e.text()).isTrue();
        int opcode = opcodeNamed(m.group(1));
        if (opcode == Opcode.CLOSE) break;
        if (e.kind() == WireLog.Kind.RF) continue;
        if (e.text().contains("header only"))
          continue; // a streamed frame's header: Autobahn logs no frame row
        l.add(
            "frame "
                + opcode
                + " fin="
                + m.group(2)
                + " rsv="
                + m.group(3)
                + " "
                + e.length()
                + ":"
                + e.hex());
      } else if (e.kind() == WireLog.Kind.KL
          || e.kind() == WireLog.Kind.TI
          || e.kind() == WireLog.Kind.CT) {
        Matcher s = SECONDS.matcher(e.text());
        assertThat(s.find()).as(e.text()).isTrue();
        double t = Double.parseDouble(s.group(1));
        switch (e.kind()) {
          case KL -> l.add("kill " + t);
          case TI -> l.add("close " + t);
          default -> {
            Matcher tag = TAG.matcher(e.text());
            assertThat(tag.find()).as(e.text()).isTrue();
            l.add("pause " + t + " " + tag.group(1));
          }
        }
      }
    }
    return l;
  }

  private static int opcodeNamed(String name) {
    for (int i = 0; i < 16; i++) if (Opcode.name(i).equals(name)) return i;
    throw new IllegalArgumentException("opcode name " + name);
  }

  /**
   * The octet writes after the handshake and before the first close frame: length, and the first
   * two octets of the first.
   */
  static List<String> autobahnWrites(JsonNode wirelog) {
    List<String> l = new ArrayList<>();
    boolean first = true;
    for (JsonNode row : wirelog) {
      String kind = row.get(0).asText();
      if ((kind.equals("TF") || kind.equals("RF")) && row.get(2).asInt() == Opcode.CLOSE) break;
      if (!kind.equals("TO")) continue;
      if (first) { // the upgrade request
        first = false;
        continue;
      }
      int len = row.get(1).get(0).asInt();
      l.add(
          l.isEmpty()
              ? len + ":" + row.get(1).get(1).asText().substring(0, 4)
              : String.valueOf(len));
    }
    return l;
  }

  static List<String> ourWrites(List<WireLog.Entry> wirelog) {
    List<String> l = new ArrayList<>();
    boolean first = true;
    for (WireLog.Entry e : wirelog) {
      if (e.kind() == WireLog.Kind.TF && e.text().startsWith(Opcode.name(Opcode.CLOSE) + " "))
        break;
      if (e.kind() == WireLog.Kind.RF && e.text().startsWith(Opcode.name(Opcode.CLOSE) + " "))
        break;
      if (e.kind() != WireLog.Kind.TO) continue;
      if (first) { // the upgrade request
        first = false;
        continue;
      }
      l.add(l.isEmpty() ? e.length() + ":" + e.hex().substring(0, 4) : String.valueOf(e.length()));
    }
    return l;
  }

  // ---------------------------------------------------------------- faulty server

  @Test
  void eachUtf8FaultFlipsExactlyItsCoveringCases() {
    List<ConformanceCase> cases = cases();
    Map<String, CaseResult> baseline;
    Map<String, CaseResult> notValidated;
    Map<String, CaseResult> atMessageEnd;
    try (FaultyServer none = FaultyServer.start(0, Set.of());
        FaultyServer nv = FaultyServer.start(0, Set.of(Fault.UTF8_NOT_VALIDATED));
        FaultyServer ame = FaultyServer.start(0, Set.of(Fault.UTF8_VALIDATED_AT_MESSAGE_END))) {
      baseline = runAll(none.uri(), cases);
      notValidated = runAll(nv.uri(), cases);
      atMessageEnd = runAll(ame.uri(), cases);
    }
    List<String> notOk =
        baseline.values().stream()
            .filter(r -> !verdicts(r).equals("OK/OK"))
            .map(Utf8HandlingTest::line)
            .toList();
    assertThat(notOk).as("the faulty server without faults passes every 6.* case").isEmpty();

    List<String> flippedByNotValidated = flipped(baseline, notValidated);
    List<String> flippedByMessageEnd = flipped(baseline, atMessageEnd);
    System.out.println(
        "UTF8_NOT_VALIDATED flips " + flippedByNotValidated.size() + ": " + flippedByNotValidated);
    System.out.println(
        "UTF8_VALIDATED_AT_MESSAGE_END flips "
            + flippedByMessageEnd.size()
            + ": "
            + flippedByMessageEnd);

    List<String> covering =
        cases.stream().map(ConformanceCase::id).filter(Utf8HandlingTest::serverMustFail).toList();
    assertThat(covering).hasSize(2 + 4 + 69);
    assertThat(flippedByNotValidated).containsExactlyElementsOf(covering);
    for (String id : covering) {
      assertThat(notValidated.get(id).judgement().behavior())
          .as(line(notValidated.get(id)))
          .isEqualTo(Behavior.FAILED);
    }
    assertThat(flippedByMessageEnd).containsExactly("6.4.1", "6.4.2", "6.4.3", "6.4.4");
    for (String id : FAIL_FAST) {
      assertThat(verdicts(atMessageEnd.get(id)))
          .as(line(atMessageEnd.get(id)))
          .isEqualTo("NON-STRICT/OK");
    }
  }

  private static List<String> flipped(
      Map<String, CaseResult> baseline, Map<String, CaseResult> faulty) {
    return baseline.keySet().stream()
        .filter(id -> !verdicts(baseline.get(id)).equals(verdicts(faulty.get(id))))
        .toList();
  }
}
