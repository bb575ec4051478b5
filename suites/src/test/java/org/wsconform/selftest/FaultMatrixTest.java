package org.wsconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.reports.CaseIdOrder;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.RunSettings;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;

/**
 * The oracle proved both ways, across the whole frame-level catalogue: the faulty server with no
 * fault passes every case, and each fault changes the verdicts of exactly the cases that cover it —
 * no fewer (the check exists) and no more (the check is precise).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultMatrixTest {
  /** The groups the faulty server implements (no compression, no bulk limits). */
  static final Pattern GROUPS = Pattern.compile("([1-7]|10|H|R|F|C)\\..*");

  static final Map<Fault, Set<String>> FLIPS = new LinkedHashMap<>();

  /*
   * What each fault changes (behavior/behaviorClose differ from the run without faults). The
   * handshake faults break every case that needs a 101 — all but the refusal cases of H and R;
   * NO_CLOSE_REPLY and SERVER_KEEPS_TCP_OPEN touch every case whose close the server must answer
   * or finish. A fault absent from this table (the compression faults) must change nothing
   * here: the X.*, 12.* and 13.* tests cover those.
   */
  static {
    FLIPS.put(
        Fault.WRONG_ACCEPT,
        allBut(
            "H.2,H.3,H.4,H.8,H.9,H.10,H.11,H.12,H.13,H.14,H.15,H.16,H.17,H.18,H.19,R.1,R.2,R.3,R.4,R.6,R.7,R.8,R.9"));
    FLIPS.put(Fault.PLAIN_GET_200, only("H.2"));
    FLIPS.put(
        Fault.UNOFFERED_SUBPROTOCOL,
        allBut(
            "H.2,H.3,H.4,H.8,H.9,H.10,H.11,H.12,H.13,H.14,H.15,H.16,H.17,H.18,H.19,R.1,R.2,R.3,R.4,R.5,R.8,R.9"));
    FLIPS.put(
        Fault.PONG_WRONG_PAYLOAD,
        only("2.1,2.2,2.3,2.4,2.6,2.9,2.10,2.11,5.6,5.7,5.8,5.19,5.20,R.10"));
    FLIPS.put(Fault.CORRUPT_LONG_ECHO, only("1.1.6,1.1.7,1.1.8,1.2.6,1.2.7,1.2.8,10.1.1,F.10"));
    FLIPS.put(Fault.RSV_IGNORED, only("3.1,3.2,3.3,3.4,3.5,3.6,3.7,F.12,F.13"));
    FLIPS.put(
        Fault.RESERVED_OPCODE_IGNORED,
        only("4.1.1,4.1.2,4.1.3,4.1.4,4.1.5,4.2.1,4.2.2,4.2.3,4.2.4,4.2.5"));
    FLIPS.put(
        Fault.CONTINUATION_WITHOUT_START_IGNORED,
        only("5.9,5.10,5.11,5.12,5.13,5.14,5.15,5.16,5.17"));
    FLIPS.put(Fault.FRAGMENTED_PING_ANSWERED, only("5.1"));
    FLIPS.put(Fault.UNMASKED_ACCEPTED, only("F.1,F.2,F.3,F.4"));
    FLIPS.put(
        Fault.UTF8_NOT_VALIDATED,
        only(
            "6.3.1,6.3.2,6.4.1,6.4.2,6.4.3,6.4.4,6.6.1,6.6.3,6.6.4,6.6.6,6.6.8,6.6.10,6.8.1,6.8.2,6.10.1,6.10.2,6.10.3,6.11.5,6.12.1,6.12.2,6.12.3,6.12.4,6.12.5,6.12.6,6.12.7,6.12.8,6.13.1,6.13.2,6.13.3,6.13.4,6.13.5,6.14.1,6.14.2,6.14.3,6.14.4,6.14.5,6.14.6,6.14.7,6.14.8,6.14.9,6.14.10,6.15.1,6.16.1,6.16.2,6.16.3,6.17.1,6.17.2,6.17.3,6.17.4,6.17.5,6.18.1,6.18.2,6.18.3,6.18.4,6.18.5,6.19.1,6.19.2,6.19.3,6.19.4,6.19.5,6.20.1,6.20.2,6.20.3,6.20.4,6.20.5,6.20.6,6.20.7,6.21.1,6.21.2,6.21.3,6.21.4,6.21.5,6.21.6,6.21.7,6.21.8"));
    FLIPS.put(Fault.UTF8_VALIDATED_AT_MESSAGE_END, only("6.4.1,6.4.2,6.4.3,6.4.4"));
    FLIPS.put(
        Fault.INVALID_CLOSE_CODE_ECHOED,
        only("7.9.1,7.9.2,7.9.3,7.9.4,7.9.5,7.9.6,7.9.7,7.9.8,7.9.9,7.13.1,7.13.2,C.4"));
    // docs/close-audit.md: the switches for §5.5.1 and §7.1.7 requirements (CloseAuditTest)
    FLIPS.put(Fault.CLOSE_REASON_NOT_VALIDATED, only("7.5.1,C.5"));
    FLIPS.put(Fault.ONE_OCTET_CLOSE_ACCEPTED, only("7.3.2"));
    FLIPS.put(Fault.REGISTERED_CODES_REJECTED, only("C.1,C.2,C.3"));
    FLIPS.put(
        Fault.KEEPS_PROCESSING_AFTER_CLOSE,
        only(
            "3.2,3.3,3.4,4.1.3,4.1.4,4.1.5,4.2.3,4.2.4,4.2.5,5.9,5.10,5.11,5.12,5.13,5.14,5.15,5.16,5.17,7.1.3,7.1.4,7.1.5"));
    FLIPS.put(
        Fault.NO_CLOSE_REPLY,
        allBut(
            "2.5,3.1,3.2,3.3,3.4,3.5,3.6,3.7,4.1.1,4.1.2,4.1.3,4.1.4,4.1.5,4.2.1,4.2.2,4.2.3,4.2.4,4.2.5,5.1,5.2,5.9,5.10,5.11,5.12,5.13,5.14,5.15,5.16,5.17,5.18,6.3.1,6.3.2,6.4.1,6.4.2,6.4.3,6.4.4,6.6.1,6.6.3,6.6.4,6.6.6,6.6.8,6.6.10,6.8.1,6.8.2,6.10.1,6.10.2,6.10.3,6.11.5,6.12.1,6.12.2,6.12.3,6.12.4,6.12.5,6.12.6,6.12.7,6.12.8,6.13.1,6.13.2,6.13.3,6.13.4,6.13.5,6.14.1,6.14.2,6.14.3,6.14.4,6.14.5,6.14.6,6.14.7,6.14.8,6.14.9,6.14.10,6.15.1,6.16.1,6.16.2,6.16.3,6.17.1,6.17.2,6.17.3,6.17.4,6.17.5,6.18.1,6.18.2,6.18.3,6.18.4,6.18.5,6.19.1,6.19.2,6.19.3,6.19.4,6.19.5,6.20.1,6.20.2,6.20.3,6.20.4,6.20.5,6.20.6,6.20.7,6.21.1,6.21.2,6.21.3,6.21.4,6.21.5,6.21.6,6.21.7,6.21.8,7.1.6,7.3.6,7.13.1,7.13.2,H.2,H.3,H.4,H.8,H.9,H.10,H.11,H.12,H.13,H.14,H.15,H.16,H.17,H.18,H.19,H.23,F.1,F.2,F.3,F.4,F.6,F.7,F.8,F.11,F.12,F.13,F.14,F.15"));
    // not a fault: a late echo is lost where the bad frame arrived with its message (SHOULD,
    // NON-STRICT); frame-wise and octet-wise writes wait for it (SlowEchoTest)
    FLIPS.put(Fault.SLOW_ECHO, only("3.2,4.1.3,4.1.4,4.2.3,4.2.4,5.15"));
    // F.8 judges no TCP closer: after the refused 2^63-octet header a server may wait for a Close
    // it can never parse, so who drops TCP first is a race there (Judge.Override)
    FLIPS.put(
        Fault.SERVER_KEEPS_TCP_OPEN,
        allBut(
            "7.1.6,7.13.1,7.13.2,H.2,H.3,H.4,H.8,H.9,H.10,H.11,H.12,H.13,H.14,H.15,H.16,H.17,H.18,H.19,H.23,F.6,F.7,F.8,F.11,C.6"));
  }

  static Set<String> only(String ids) {
    return ids.isEmpty() ? Set.of() : Set.of(ids.split(","));
  }

  static Set<String> allBut(String ids) {
    Set<String> except = only(ids);
    return cases().stream()
        .map(ConformanceCase::id)
        .filter(id -> !except.contains(id))
        .collect(Collectors.toSet());
  }

  Map<String, String> baseline;

  static List<ConformanceCase> cases() {
    return Catalogue.all().stream().filter(c -> GROUPS.matcher(c.id()).matches()).toList();
  }

  static Map<String, CaseResult> runAll(Set<Fault> faults) throws Exception {
    try (FaultyServer server = FaultyServer.start(0, faults)) {
      RunSettings s = RunSettings.of(Endpoint.parse(server.uri().toString()), "faulty");
      // the raw server has a thread per connection and most of a faulty run is waiting on timers
      ExecutorService pool = Executors.newFixedThreadPool(24);
      try {
        Map<String, Future<CaseResult>> futures = new LinkedHashMap<>();
        for (ConformanceCase c : cases())
          futures.put(c.id(), pool.submit(() -> CaseRunner.run(c, s)));
        Map<String, CaseResult> out = new LinkedHashMap<>();
        for (var e : futures.entrySet()) out.put(e.getKey(), e.getValue().get());
        return out;
      } finally {
        pool.shutdownNow();
      }
    }
  }

  static String verdicts(CaseResult r) {
    return r.judgement().behavior().label() + "/" + r.judgement().behaviorClose().label();
  }

  @BeforeAll
  void baselineWithoutFaults() throws Exception {
    Map<String, CaseResult> rs = runAll(Set.of());
    List<CaseResult> bad = rs.values().stream().filter(r -> r.outcome() != Outcome.PASSED).toList();
    assertThat(bad)
        .as("the faulty server with no fault must pass every case:%n%s", Runs.describe(bad))
        .isEmpty();
    baseline = new LinkedHashMap<>();
    rs.forEach((id, r) -> baseline.put(id, verdicts(r)));
  }

  @ParameterizedTest
  // SLOW_CLOSER is conformant but outlasts the 1 s timers this matrix runs with: SlowCloserTest
  @EnumSource(value = Fault.class, mode = EnumSource.Mode.EXCLUDE, names = "SLOW_CLOSER")
  void eachFaultFlipsExactlyTheCasesThatCoverIt(Fault fault) throws Exception {
    Map<String, CaseResult> rs = runAll(EnumSet.of(fault));
    TreeSet<String> flipped = new TreeSet<>(CaseIdOrder.INSTANCE);
    List<String> lines = new ArrayList<>();
    rs.forEach(
        (id, r) -> {
          if (!verdicts(r).equals(baseline.get(id))) {
            flipped.add(id);
            lines.add(id + " " + baseline.get(id) + " -> " + verdicts(r));
          }
        });
    Set<String> expected = FLIPS.getOrDefault(fault, Set.of());
    TreeSet<String> missing = new TreeSet<>(CaseIdOrder.INSTANCE);
    missing.addAll(expected);
    missing.removeAll(flipped);
    TreeSet<String> extra = new TreeSet<>(flipped);
    extra.removeAll(expected);
    assertThat(missing)
        .as("%s should change these cases but did not:%n%s", fault, String.join("\n", lines))
        .isEmpty();
    assertThat(extra)
        .as("%s changed cases it does not cover:%n%s", fault, String.join("\n", lines))
        .isEmpty();
    if (FLIPS.containsKey(fault)) assertThat(flipped).as("a fault no case catches").isNotEmpty();
  }
}
