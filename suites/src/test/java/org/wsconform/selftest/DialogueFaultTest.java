package org.wsconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.PeerNeed;
import org.wsconform.cases.PeerNeeds;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.run.RunSettings;
import org.wsconform.session.Dialogue;
import org.wsconform.session.Peer;
import org.wsconform.session.PeerModel;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;

/**
 * Issue 14's acceptance: the faulty server switched to answer only a dialogue (no echo) still gets
 * each protocol fault caught without an echo. For each fault, the cases that cover it ({@link
 * FaultMatrixTest#FLIPS}, and for the permessage-deflate faults the X.* cases of {@code
 * ExtensionNegotiationTest}) and do not judge an echo ({@link PeerNeeds}: those that need nothing
 * first, then those whose echo is replaced by the dialogue) run against the faulty dialogue server,
 * at most {@link #PER_FAULT} per fault to stay within a minute; at least one must change its
 * verdicts from the run without the fault, and that run must pass them all. A fault only an echo
 * shows (a corrupted echo, a compressed echo's window or context) is skipped with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DialogueFaultTest {
  static final int PER_FAULT = 10;

  static final Peer PEER =
      new Peer(
          PeerModel.DIALOGUE,
          Dialogue.parse(
              Map.of(
                  "dialogue.request",
                  "text:" + ReferenceServer.DIALOGUE_REQUEST,
                  "dialogue.reply",
                  "json:type=connection_ack")));

  Map<String, String> baseline;

  /** What each permessage-deflate fault fails in echo mode (ExtensionNegotiationTest). */
  static final Map<Fault, Set<String>> DEFLATE_FLIPS =
      Map.of(
          Fault.ACCEPTS_BAD_PARAMETERS,
          Set.of(
              "X.5", "X.6", "X.7", "X.8", "X.9", "X.10", "X.11", "X.12", "X.13", "X.14", "X.15",
              "X.16", "X.17"),
          Fault.ANSWERS_CLIENT_MAX_WINDOW_BITS_UNOFFERED,
          Set.of("X.2", "X.18", "X.20", "X.21", "X.22", "X.23", "X.24"),
          Fault.KEEPS_CONTEXT_DESPITE_NO_CONTEXT_TAKEOVER,
          Set.of("X.27"),
          Fault.ACCEPTS_RSV1_ON_CONTINUATION,
          Set.of("X.22"),
          Fault.IGNORES_SERVER_MAX_WINDOW_BITS,
          Set.of("X.28", "X.29"));

  /**
   * The faults in what the server echoes: its content (a corrupted echo), or the window and context
   * of a compressed echo. Only an echo shows them; a dialogue peer's short replies cannot.
   */
  static final Set<Fault> ECHO_FAULTS =
      EnumSet.of(
          Fault.CORRUPT_LONG_ECHO,
          Fault.KEEPS_CONTEXT_DESPITE_NO_CONTEXT_TAKEOVER,
          Fault.IGNORES_SERVER_MAX_WINDOW_BITS,
          Fault.SLOW_ECHO);

  static Set<String> covers(Fault fault) {
    return FaultMatrixTest.FLIPS.containsKey(fault)
        ? FaultMatrixTest.FLIPS.get(fault)
        : DEFLATE_FLIPS.getOrDefault(fault, Set.of());
  }

  /**
   * The cases that cover {@code fault} and judge no echo, those needing nothing first, at most
   * {@link #PER_FAULT}.
   */
  static List<ConformanceCase> noEchoCases(Fault fault) {
    Set<String> covers = covers(fault);
    List<ConformanceCase> pool =
        Catalogue.all(2).stream()
            .filter(
                c -> FaultMatrixTest.GROUPS.matcher(c.id()).matches() || c.id().startsWith("X."))
            .filter(c -> covers.contains(c.id()))
            .toList();
    List<ConformanceCase> out = new ArrayList<>();
    for (PeerNeed need : List.of(PeerNeed.NONE, PeerNeed.ECHO))
      pool.stream()
          .filter(c -> PeerNeeds.of(c.id()).need() == need)
          .limit(PER_FAULT - out.size())
          .forEach(out::add);
    return out;
  }

  static Map<String, CaseResult> run(Set<Fault> faults, List<ConformanceCase> cases)
      throws Exception {
    try (FaultyServer server = FaultyServer.start(0, faults, true)) {
      RunSettings s =
          RunSettings.of(Endpoint.parse(server.uri().toString()), "faulty-dialogue").withPeer(PEER);
      return Runs.runParallel(s, cases, 24);
    }
  }

  @BeforeAll
  void withoutFaults() throws Exception {
    Set<ConformanceCase> all = new LinkedHashSet<>();
    for (Fault f : Fault.values()) all.addAll(noEchoCases(f));
    Map<String, CaseResult> rs = run(Set.of(), new ArrayList<>(all));
    List<CaseResult> bad = rs.values().stream().filter(r -> r.outcome() != Outcome.PASSED).toList();
    assertThat(bad)
        .as("the faulty dialogue server with no fault must pass:%n%s", Runs.describe(bad))
        .isEmpty();
    baseline = new LinkedHashMap<>();
    rs.forEach((id, r) -> baseline.put(id, FaultMatrixTest.verdicts(r)));
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, mode = EnumSource.Mode.EXCLUDE, names = "SLOW_CLOSER")
  void eachProtocolFaultIsCaughtWithoutAnEcho(Fault fault) throws Exception {
    Assumptions.assumeFalse(
        ECHO_FAULTS.contains(fault),
        fault
            + " is caught only by cases that judge the server's echo (its content, its order, or"
            + " the window and context of a compressed echo): a dialogue peer's short replies"
            + " cannot show it");
    List<ConformanceCase> cases = noEchoCases(fault);
    assertThat(cases).as("cases that cover %s and judge no echo", fault).isNotEmpty();
    Map<String, CaseResult> rs = run(EnumSet.of(fault), cases);
    List<String> caught = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    rs.forEach(
        (id, r) -> {
          String v = FaultMatrixTest.verdicts(r);
          lines.add(id + " " + baseline.get(id) + " -> " + v);
          if (!v.equals(baseline.get(id))) caught.add(id);
        });
    assertThat(caught)
        .as(
            "%s must still be caught by a case that needs no echo, against a dialogue peer:%n%s",
            fault, String.join("\n", lines))
        .isNotEmpty();
  }
}
