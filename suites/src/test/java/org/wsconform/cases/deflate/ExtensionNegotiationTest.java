package org.wsconform.cases.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.external.ExternalTarget;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;
import org.wsconform.verdict.Outcome;

/**
 * X.*: the catalogue's shape, and the cases against Jetty, the faulty server (clean, and each of
 * its permessage-deflate faults caught by exactly the cases that cover it) and Node ws 8.18.3.
 */
class ExtensionNegotiationTest {
  /**
   * The offers a server MUST decline: bad window values, a window without its value, repeats,
   * unknown and valued flags.
   */
  static final Set<String> MUST_DECLINE =
      Set.of(
          "X.5", "X.6", "X.7", "X.8", "X.9", "X.10", "X.11", "X.12", "X.13", "X.14", "X.15", "X.16",
          "X.17");

  /** The cases whose offer has no client_max_window_bits and which need the extension accepted. */
  static final Set<String> ACCEPTED_WITHOUT_CLIENT_WINDOW =
      Set.of(
          "X.2", "X.18", "X.20", "X.21", "X.22", "X.23", "X.24", "X.26", "X.27", "X.30", "X.31",
          "X.32", "X.33", "X.34", "X.35");

  /** The X.* group as the catalogue has it: the offers, then what the server honours. */
  static List<ConformanceCase> cases() {
    return Stream.concat(DeflateOffers.cases().stream(), DeflateHonouring.cases().stream())
        .toList();
  }

  @Test
  void idsAreStableAndEveryCaseSaysWhatItChecks() {
    List<ConformanceCase> cases = cases();
    assertThat(cases).hasSize(35);
    assertThat(cases)
        .extracting(ConformanceCase::id)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, cases.size()).mapToObj(i -> "X." + i).toList());
    assertThat(
            Catalogue.all().stream()
                .filter(c -> c.id().startsWith("X."))
                .map(ConformanceCase::id)
                .toList())
        .containsExactlyElementsOf(cases.stream().map(ConformanceCase::id).toList());
    for (ConformanceCase c : cases) {
      assertThat(c.group()).as(c.id()).isEqualTo("X");
      assertThat(List.of(c.title(), c.description(), c.expectation()))
          .as(c.id())
          .allMatch(s -> s != null && !s.isBlank());
      assertThat(c.rfc()).as(c.id()).startsWith("RFC ");
      assertThat(c.timed()).as(c.id()).isFalse();
    }
  }

  /**
   * Jetty (the reference server) conforms: every case OK. It accepts server_max_window_bits 10 and
   * 8 and honours them with literal-only blocks (its Deflater's window is always 2^15), so X.28 and
   * X.29 find no back-reference beyond the window.
   */
  @Test
  void jettyPassesEveryCase() {
    try (ReferenceServer jetty = ReferenceServer.start(0)) {
      Map<String, CaseResult> rs = CompressionTest.run(jetty.uri(), cases());
      System.out.println(
          "X.* against Jetty 12 (reference server):\n" + CompressionTest.describe(rs));
      assertThat(rs.values())
          .as(CompressionTest.describe(rs))
          .allMatch(r -> r.outcome() != Outcome.FAILED && r.outcome() != Outcome.ERROR);
      Map<String, String> expected = expectedAll("OK/OK");
      assertThat(rs.get("X.28").httpResponse()).contains("server_max_window_bits=10");
      assertThat(CompressionTest.verdicts(rs)).as(CompressionTest.describe(rs)).isEqualTo(expected);
    }
  }

  /**
   * The faulty server with no fault: it declines windows below 15 (RFC 7692 §7.1.2.1 allows it),
   * and passes the rest.
   */
  @Test
  void faultyServerWithoutFaultsFailsNothing() {
    try (FaultyServer clean = FaultyServer.start(0, Set.of())) {
      Map<String, CaseResult> rs = CompressionTest.run(clean.uri(), cases());
      Map<String, String> expected = expectedAll("OK/OK");
      expected.put("X.28", "UNIMPLEMENTED/OK");
      expected.put("X.29", "UNIMPLEMENTED/OK");
      assertThat(CompressionTest.verdicts(rs)).as(CompressionTest.describe(rs)).isEqualTo(expected);
    }
  }

  /** Each permessage-deflate fault of the faulty server fails exactly the cases that cover it. */
  @Test
  void eachDeflateFaultFailsExactlyItsCases() {
    Map<Fault, Map<String, CaseResult>> runs = new LinkedHashMap<>();
    for (Fault fault :
        List.of(
            Fault.ACCEPTS_BAD_PARAMETERS,
            Fault.ANSWERS_CLIENT_MAX_WINDOW_BITS_UNOFFERED,
            Fault.KEEPS_CONTEXT_DESPITE_NO_CONTEXT_TAKEOVER,
            Fault.ACCEPTS_RSV1_ON_CONTINUATION,
            Fault.IGNORES_SERVER_MAX_WINDOW_BITS)) {
      try (FaultyServer faulty = FaultyServer.start(0, Set.of(fault))) {
        runs.put(fault, CompressionTest.run(faulty.uri(), cases()));
      }
      System.out.println(
          "X.* against the faulty server with "
              + fault
              + ", cases not OK/OK:\n"
              + CompressionTest.describe(notOk(runs.get(fault))));
    }
    Map<String, CaseResult> bad = runs.get(Fault.ACCEPTS_BAD_PARAMETERS);
    assertThat(failed(bad)).as(CompressionTest.describe(bad)).isEqualTo(MUST_DECLINE);
    // it picks the first offer, ignoring its unknown parameter: the order is a preference,
    // NON-STRICT
    assertThat(CompressionTest.verdict(bad.get("X.18"))).isEqualTo("NON-STRICT/OK");
    assertThat(bad.get("X.16").reason()).contains("x_wsconform_unknown", "RFC 7692 §7");

    Map<String, CaseResult> unoffered = runs.get(Fault.ANSWERS_CLIENT_MAX_WINDOW_BITS_UNOFFERED);
    assertThat(failed(unoffered))
        .as(CompressionTest.describe(unoffered))
        .isEqualTo(ACCEPTED_WITHOUT_CLIENT_WINDOW);
    assertThat(unoffered.get("X.2").reason()).contains("client_max_window_bits", "RFC 7692");

    Map<String, CaseResult> keeps = runs.get(Fault.KEEPS_CONTEXT_DESPITE_NO_CONTEXT_TAKEOVER);
    assertThat(failed(keeps)).as(CompressionTest.describe(keeps)).isEqualTo(Set.of("X.27"));

    Map<String, CaseResult> rsv1 = runs.get(Fault.ACCEPTS_RSV1_ON_CONTINUATION);
    assertThat(failed(rsv1)).as(CompressionTest.describe(rsv1)).isEqualTo(Set.of("X.22"));

    // windows 10 and 8 accepted and answered, but the compressor reaches back 2048 octets
    Map<String, CaseResult> window = runs.get(Fault.IGNORES_SERVER_MAX_WINDOW_BITS);
    assertThat(failed(window))
        .as(CompressionTest.describe(window))
        .isEqualTo(Set.of("X.28", "X.29"));
    String result = window.get("X.28").judgement().result();
    assertThat(result)
        .contains("no back-reference further than 2^10 = 1024 octets", "RFC 7692 §7.1.2.1");
    assertThat(Integer.parseInt(result.replaceAll(".*observed a distance of (\\d+).*", "$1")))
        .isGreaterThanOrEqualTo(2048);
  }

  /**
   * Node ws 8.18.3 (perMessageDeflate on), pinned. It refuses the connection (400) over an offer it
   * must decline, and over a list whose first offer is bad: NON-STRICT. It really deviates on "09":
   * it reads the window as 9 and accepts, where RFC 7692 §7.1.2.1 and §7.1.2.2 say the parameter
   * has "a decimal integer value without leading zeroes between 8 to 15", and §7 "A server MUST
   * decline an extension negotiation offer for this extension if ... The negotiation offer contains
   * an extension parameter with an invalid value." So X.8 and X.12 fail.
   */
  @Test
  void nodeWs8183() throws Exception {
    Path home = Path.of("..").toAbsolutePath().normalize();
    try (ExternalTarget ws =
        ExternalTarget.start(
            home, "ws", List.of("node", "echo.mjs", "0", "1"), Duration.ofSeconds(20))) {
      Map<String, CaseResult> rs = CompressionTest.run(ws.uri(), cases());
      System.out.println("X.* against Node ws 8.18.3:\n" + CompressionTest.describe(rs));
      Map<String, String> expected = expectedAll("OK/OK");
      for (String id : MUST_DECLINE) expected.put(id, "NON-STRICT/OK");
      expected.put("X.8", "FAILED/OK");
      expected.put("X.12", "FAILED/OK");
      expected.put("X.18", "NON-STRICT/OK");
      assertThat(CompressionTest.verdicts(rs)).as(CompressionTest.describe(rs)).isEqualTo(expected);
      assertThat(rs.get("X.8").reason()).contains("leading zero", "server_max_window_bits=9");
    }
  }

  private static Map<String, String> expectedAll(String verdict) {
    Map<String, String> m = new TreeMap<>();
    cases().forEach(c -> m.put(c.id(), verdict));
    return m;
  }

  private static Set<String> failed(Map<String, CaseResult> rs) {
    return Set.copyOf(CompressionTest.ids(rs, r -> r.outcome() == Outcome.FAILED));
  }

  private static Map<String, CaseResult> notOk(Map<String, CaseResult> rs) {
    Map<String, CaseResult> m = new LinkedHashMap<>();
    rs.forEach(
        (id, r) -> {
          if (!CompressionTest.verdict(r).equals("OK/OK")) m.put(id, r);
        });
    return m;
  }
}
