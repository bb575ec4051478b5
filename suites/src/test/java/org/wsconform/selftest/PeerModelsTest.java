package org.wsconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.PeerNeed;
import org.wsconform.cases.PeerNeeds;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.judge.Event;
import org.wsconform.run.CaseResult;
import org.wsconform.run.RunSettings;
import org.wsconform.run.Targets;
import org.wsconform.session.PeerModel;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;

/**
 * Issue 14's acceptance against the embedded reference server playing an application: as a silent
 * peer and as a dialogue peer, nothing FAILED or ERROR, every case a verdict or NOT APPLICABLE with
 * its reason, and every record says which peer model ran and how the case was adapted.
 */
class PeerModelsTest {

  @ParameterizedTest
  @EnumSource(
      value = PeerModel.class,
      names = {"SILENT", "DIALOGUE"})
  void referenceServerAsApplicationPeer(PeerModel model) throws Exception {
    // 12.*/13.* are not applicable without an echo, so their round-trip count does not matter
    List<ConformanceCase> cases = Catalogue.all(2);
    Map<String, CaseResult> rs;
    try (ReferenceServer server = ReferenceServer.start(0, Targets.referenceMode(model))) {
      RunSettings s =
          RunSettings.of(Endpoint.parse(server.uri().toString()), "reference-" + model.word())
              .withPeer(Targets.referencePeer(model));
      rs = Runs.runParallel(s, cases, 8);
    }
    List<CaseResult> bad =
        rs.values().stream()
            .filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR)
            .toList();
    assertThat(bad)
        .as("against the reference as a %s peer nothing may fail:%n%s", model, Runs.describe(bad))
        .isEmpty();
    for (CaseResult r : rs.values()) {
      String id = r.testCase().id();
      PeerNeed need = PeerNeeds.of(id).need();
      assertThat(r.details())
          .as("%s says which peer model ran and how it was adapted", id)
          .containsEntry("peer", model.word())
          .containsEntry("peerNeed", need.word())
          .containsKey("adaptation");
      if (r.judgement().behavior() == Behavior.NOT_APPLICABLE) {
        assertThat(need)
            .as("%s is not applicable only when it needs an echo it judges", id)
            .isEqualTo(PeerNeed.ECHO_ONLY);
        assertThat(r.reason())
            .as(id)
            .startsWith("not applicable to this peer (peer=" + model.word());
        assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
      } else {
        assertThat(need).as("%s runs (adapted or as is)", id).isNotEqualTo(PeerNeed.ECHO_ONLY);
        // the table is exact both ways: a case declared to need an echo does expect one (one that
        // needs none but expects an echo ends as the harness's ERROR, above)
        if (need == PeerNeed.ECHO)
          assertThat(r.details().get("adaptation").toString()).as(id).doesNotStartWith("ran as is");
      }
    }
    // a valid message's echo becomes the probe's answer: the pong, or the dialogue's reply
    CaseResult adapted = rs.get("1.1.2");
    assertThat(adapted.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(adapted.details().get("adaptation").toString()).startsWith("echo replaced by");
    assertThat(adapted.received())
        .containsExactly(
            model == PeerModel.SILENT
                ? Event.pong("wsconform-probe")
                : Event.reply("reply to request 1 matching json:type=connection_ack"));
    // invalid input still fails the connection with the right code, judged as in echo mode
    CaseResult invalid = rs.get("6.3.1");
    assertThat(invalid.judgement().behavior()).isEqualTo(Behavior.OK);
    assertThat(invalid.close().remoteCloseCode()).isEqualTo(1007);
    assertThat(rs.get("9.1.1").judgement().behavior()).isEqualTo(Behavior.NOT_APPLICABLE);
  }

  /**
   * A dialogue as strict as graphql-ws: any message but its request closes with 4400. The adapted
   * cases are then NOT APPLICABLE with the close named (the application's decision, never FAILED),
   * while invalid input still fails the connection with 1007 and the cases that send no data pass.
   */
  @Test
  void aStrictApplicationClosingOnForeignMessagesIsNotApplicableNeverFailed() throws Exception {
    Map<String, CaseResult> rs;
    try (ReferenceServer server = ReferenceServer.start(0, ReferenceServer.Mode.STRICT_DIALOGUE)) {
      RunSettings s =
          RunSettings.of(Endpoint.parse(server.uri().toString()), "reference-strict")
              .withPeer(Targets.referencePeer(PeerModel.DIALOGUE));
      List<ConformanceCase> cases =
          Catalogue.all(2).stream()
              .filter(c -> c.id().matches("(1|2|3|6\\.3|6\\.5|7\\.1)\\..*"))
              .toList();
      rs = Runs.runParallel(s, cases, 8);
    }
    List<CaseResult> bad =
        rs.values().stream()
            .filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.ERROR)
            .toList();
    assertThat(bad).as(Runs.describe(bad)).isEmpty();
    CaseResult text = rs.get("1.1.2");
    assertThat(text.judgement().behavior()).isEqualTo(Behavior.NOT_APPLICABLE);
    assertThat(text.reason())
        .startsWith("not applicable to this peer (peer=dialogue)")
        .contains("code 4400 'Invalid message received'");
    assertThat(rs.get("6.5.1").judgement().behavior()).isEqualTo(Behavior.NOT_APPLICABLE);
    assertThat(rs.get("2.2").judgement().behavior()).isEqualTo(Behavior.OK);
    assertThat(rs.get("6.3.1").close().remoteCloseCode()).isEqualTo(1007);
    assertThat(rs.get("6.3.1").judgement().behavior()).isEqualTo(Behavior.OK);
  }
}
