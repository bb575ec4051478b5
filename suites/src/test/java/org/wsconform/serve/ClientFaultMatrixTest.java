package org.wsconform.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsconform.run.CaseResult;
import org.wsconform.targets.faultyclient.FaultyClient;
import org.wsconform.targets.faultyclient.FaultyClient.Fault;
import org.wsconform.verdict.Behavior;

/**
 * The client checks (CA.*, CM.*, CC.*, CX.*) against the faulty client: conformant, it passes every
 * one (UNIMPLEMENTED where its offer leaves a case nothing to test); each switch breaks exactly its
 * case(s) and no other.
 */
class ClientFaultMatrixTest {
  private static final Set<Behavior> PASSING =
      EnumSet.of(Behavior.OK, Behavior.UNIMPLEMENTED, Behavior.INFORMATIONAL);

  /** Each switch and the cases it must break (the conformant client: none). */
  private static final Map<Fault, Set<String>> BREAKS =
      Map.ofEntries(
          Map.entry(Fault.IGNORES_ACCEPT, Set.of("CA.1", "CA.2")),
          Map.entry(Fault.IGNORES_UPGRADE, Set.of("CA.3", "CA.4")),
          Map.entry(Fault.IGNORES_CONNECTION, Set.of("CA.5", "CA.6")),
          Map.entry(Fault.IGNORES_STATUS, Set.of("CA.7", "CA.8")),
          Map.entry(Fault.ACCEPTS_UNOFFERED_EXTENSION, Set.of("CA.9")),
          Map.entry(Fault.ACCEPTS_UNOFFERED_SUBPROTOCOL, Set.of("CA.10")),
          Map.entry(Fault.ACCEPTS_UNOFFERED_WINDOW_BITS, Set.of("CA.11")),
          Map.entry(Fault.LAX_DEFLATE_PARAMETERS, Set.of("CA.12", "CA.13", "CA.14", "CA.15")),
          Map.entry(Fault.READS_101_IN_ONE_READ, Set.of("CA.16")),
          Map.entry(Fault.CASE_SENSITIVE_HEADERS, Set.of("CA.17")),
          Map.entry(Fault.UNMASKED_BINARY, Set.of("CM.1")),
          Map.entry(Fault.REPEATED_MASK_KEY, Set.of("CM.2")),
          Map.entry(Fault.COUNTER_MASK_KEYS, Set.of("CM.2")),
          Map.entry(Fault.ZERO_MASK_KEY, Set.of("CM.2")),
          Map.entry(Fault.IGNORES_MASKED_SERVER_FRAMES, Set.of("CM.3")),
          Map.entry(Fault.CLOSES_TCP_FIRST, Set.of("CC.1")),
          Map.entry(Fault.CLOSE_REPLY_1000, Set.of("CC.2")),
          Map.entry(Fault.IGNORES_CLIENT_NO_CONTEXT_TAKEOVER, Set.of("CX.2")),
          Map.entry(Fault.IGNORES_CLIENT_MAX_WINDOW_BITS, Set.of("CX.1")));

  @TempDir Path out;

  static Stream<Arguments> settings() {
    List<Arguments> l = new ArrayList<>();
    l.add(Arguments.of("conformant, offers client_max_window_bits", null, true));
    l.add(Arguments.of("conformant, plain offer", null, false));
    for (Fault f : Fault.values()) {
      // CA.11 needs an offer without client_max_window_bits; CX.1 one with it
      l.add(Arguments.of(f.name(), f, f != Fault.ACCEPTS_UNOFFERED_WINDOW_BITS));
    }
    return l.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void eachSwitchBreaksExactlyItsCases(String name, Fault fault, boolean offerWindowBits)
      throws Exception {
    Set<Fault> faults = fault == null ? Set.of() : Set.of(fault);
    FaultyClient client = new FaultyClient(faults, offerWindowBits, Duration.ofSeconds(30));
    List<ClientCase> catalogue = ClientCatalogue.all(5);
    Set<String> broken = new TreeSet<>();
    List<String> seen = new ArrayList<>();
    try (FuzzingServer server = ReferenceClientTest.start(catalogue, new ArrayList<>(), out)) {
      for (ClientCase c : catalogue) {
        if (!c.id().matches("C[AMCX]\\..*")) continue;
        CompletableFuture<CaseResult> f = server.awaitCase("faulty", c.id());
        client.runCase(server.base(), c.number(), "faulty");
        CaseResult r = f.get(60, TimeUnit.SECONDS);
        seen.add(c.id() + " " + r.judgement().behavior() + ": " + r.judgement().result());
        if (!PASSING.contains(r.judgement().behavior())) broken.add(c.id());
      }
    }
    Set<String> expected = fault == null ? Set.of() : BREAKS.get(fault);
    assertThat(broken).as(name + "\n" + String.join("\n", seen)).isEqualTo(new TreeSet<>(expected));
  }
}
