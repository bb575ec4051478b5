package org.wsconform.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.RunSettings;
import org.wsconform.targets.hostile.HostileServer;
import org.wsconform.targets.hostile.Hostility;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.WireLog;

/**
 * RFC 9110 §15.2: a client must accept any number of 1xx responses before the final one. A server
 * that sends "100 Continue" and "103 Early Hints" before a correct 101 is as good as one that sends
 * the 101 alone: every handshake case (H.*, R.*) ends as it does against {@link
 * Hostility#SILENCE_AFTER_101}, which sends the same 101 and the same silence after it.
 */
@Timeout(120)
class InterimResponsesTest {
  private static final double SCALE = 0.25;

  private static List<ConformanceCase> handshakeCases() {
    return Catalogue.all().stream()
        .filter(c -> c.id().startsWith("H.") || c.id().startsWith("R."))
        .toList();
  }

  private static Map<String, CaseResult> run(Hostility h) {
    Map<String, CaseResult> results = new LinkedHashMap<>();
    try (HostileServer server = HostileServer.start(h)) {
      RunSettings s =
          RunSettings.of(Endpoint.parse(server.uri().toString()), "interim").withTimeScale(SCALE);
      for (ConformanceCase c : handshakeCases()) results.put(c.id(), CaseRunner.run(c, s));
    }
    return results;
  }

  @Test
  void handshakeCasesPassAfterInterimResponsesAsWithoutThem() {
    Map<String, CaseResult> plain = run(Hostility.SILENCE_AFTER_101);
    Map<String, CaseResult> interim = run(Hostility.INTERIM_BEFORE_101);
    assertThat(plain.get("H.1").outcome()).isEqualTo(Outcome.PASSED);
    for (String id : plain.keySet()) {
      assertThat(interim.get(id).outcome())
          .as(
              id
                  + ": "
                  + interim.get(id).reason()
                  + " (without interim responses: "
                  + plain.get(id).reason()
                  + ")")
          .isEqualTo(plain.get(id).outcome());
    }
    assertThat(interim.values().stream().filter(r -> r.outcome() == Outcome.PASSED).count())
        .as("handshake cases that pass")
        .isGreaterThanOrEqualTo(5);

    CaseResult h1 = interim.get("H.1");
    assertThat(h1.httpResponse()).startsWith("HTTP/1.1 101 ");
    assertThat(h1.wirelog())
        .filteredOn(e -> e.kind() == WireLog.Kind.NOTE)
        .extracting(WireLog.Entry::text)
        .anySatisfy(t -> assertThat(t).contains("RFC 9110 §15.2").contains("100 Continue"))
        .anySatisfy(t -> assertThat(t).contains("103 Early Hints").contains("Link: </style.css>"));
  }
}
