package org.wsconform.cases.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsconform.cases.handshake.OpeningHandshakeTest.byId;
import static org.wsconform.cases.handshake.OpeningHandshakeTest.describe;
import static org.wsconform.cases.handshake.OpeningHandshakeTest.failed;
import static org.wsconform.cases.handshake.OpeningHandshakeTest.judge;
import static org.wsconform.cases.handshake.OpeningHandshakeTest.line;
import static org.wsconform.cases.handshake.OpeningHandshakeTest.response;
import static org.wsconform.cases.handshake.OpeningHandshakeTest.switchingProtocols;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.judge.HandshakeVerdict;
import org.wsconform.run.CaseResult;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.UpgradeRequest;

/**
 * R.*: the catalogue's shape; each case against the reference server and the faulty server (a wrong
 * accept fails R.5, an unoffered subprotocol fails R.6); and each property on crafted 101s.
 */
class UpgradeResponseTest {
  private static ReferenceServer reference;

  @BeforeAll
  static void startReference() {
    reference = ReferenceServer.start(0);
  }

  @AfterAll
  static void stopReference() {
    if (reference != null) reference.close();
  }

  static Stream<Arguments> cases() {
    return UpgradeResponse.cases().stream().map(c -> Arguments.argumentSet(c.displayName(), c));
  }

  @Test
  void idsAreStableAndEveryCaseSaysWhatItChecks() {
    List<ConformanceCase> cases = UpgradeResponse.cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
    assertThat(cases)
        .extracting(ConformanceCase::id)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, cases.size()).mapToObj(i -> "R." + i).toList());
    for (ConformanceCase c : cases) {
      assertThat(c.group()).as(c.id()).isEqualTo("R");
      assertThat(c.groupTitle()).as(c.id()).isEqualTo("Upgrade Response (101)");
      assertThat(List.of(c.title(), c.description(), c.expectation()))
          .as(c.id())
          .allMatch(s -> s != null && !s.isBlank());
      assertThat(c.rfc()).as(c.id()).startsWith("RFC 6455 §");
    }
  }

  // ---------------------------------------------------------------- against real servers

  @ParameterizedTest(name = "{argumentSetName}")
  @MethodSource("cases")
  void passesAgainstTheReferenceServer(ConformanceCase c) {
    CaseResult r = OpeningHandshakeTest.run(reference.uri(), c);
    assertThat(r.judgement().behavior()).as(line(r)).isEqualTo(Behavior.OK);
    assertThat(r.outcome()).as(line(r)).isEqualTo(Outcome.PASSED);
  }

  @Test
  void aConformantFaultyServerFailsNoCase() {
    try (FaultyServer server = FaultyServer.start(0, Set.of())) {
      Map<String, CaseResult> results =
          OpeningHandshakeTest.runAll(server.uri(), UpgradeResponse.cases());
      assertThat(failed(results)).as("%s", describe(results.values())).isEmpty();
    }
  }

  @Test
  void aWrongAcceptFailsR5AndOnlyTheCasesThatNeedASession() {
    try (FaultyServer server = FaultyServer.start(0, Set.of(Fault.WRONG_ACCEPT))) {
      Map<String, CaseResult> results =
          OpeningHandshakeTest.runAll(server.uri(), UpgradeResponse.cases());
      // R.10's property is the session after the 101, which a wrong accept forbids
      assertThat(failed(results))
          .as("%s", describe(results.values()))
          .containsExactly("R.5", "R.10");
      assertThat(results.get("R.5").reason())
          .contains(
              "expected 'Sec-WebSocket-Accept: ",
              "for key",
              "observed 'Sec-WebSocket-Accept: ",
              "RFC 6455 §4.2.2 item 5.4");
      assertThat(results.get("R.1").judgement().result())
          .contains("as required", "no session", "Sec-WebSocket-Accept");
    }
  }

  @Test
  void anUnofferedSubprotocolFailsR6() {
    try (FaultyServer server = FaultyServer.start(0, Set.of(Fault.UNOFFERED_SUBPROTOCOL))) {
      Map<String, CaseResult> results =
          OpeningHandshakeTest.runAll(server.uri(), UpgradeResponse.cases());
      assertThat(failed(results))
          .as("%s", describe(results.values()))
          .contains("R.6", "R.7")
          .doesNotContain("R.5");
      assertThat(results.get("R.6").reason())
          .contains(
              "expected no Sec-WebSocket-Protocol header",
              "observed 'Sec-WebSocket-Protocol: bogus'",
              "RFC 6455 §4.1 step 6");
    }
  }

  // ---------------------------------------------------------------- each property on crafted 101s

  @Test
  void r1WantsHttp11And101() {
    ConformanceCase r1 = byId("R.1");
    assertThat(judge(r1, switchingProtocols(r1)).openSession()).isTrue();
    HandshakeVerdict v =
        judge(
            r1,
            new ResponseHead(
                "HTTP/1.0",
                101,
                "Switching Protocols",
                switchingProtocols(r1).headers(),
                "HTTP/1.0 101 Switching Protocols\r\n\r\n",
                new byte[0]));
    assertThat(v.behavior()).isEqualTo(Behavior.FAILED);
    assertThat(v.reason())
        .contains("expected version HTTP/1.1", "observed 'HTTP/1.0 101 Switching Protocols'");
    assertThat(judge(r1, response(200, "OK")).behavior()).isEqualTo(Behavior.FAILED);
    assertThat(judge(r1, null).reason()).contains("observed no HTTP response");
  }

  @Test
  void r2WantsExactlyOneUpgradeWebsocketInAnyCase() {
    ConformanceCase r2 = byId("R.2");
    assertThat(
            judge(
                    r2,
                    response(
                        101,
                        "Switching Protocols",
                        "Upgrade: WebSocket",
                        "Connection: Upgrade",
                        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
                .openSession())
        .isTrue();
    HandshakeVerdict twice = judge(r2, switchingProtocols(r2, "Upgrade: websocket"));
    assertThat(twice.behavior()).isEqualTo(Behavior.FAILED);
    assertThat(twice.reason())
        .contains("observed 2 headers 'Upgrade: websocket', 'Upgrade: websocket'");
  }

  @Test
  void r3WantsTheUpgradeTokenInConnection() {
    ConformanceCase r3 = byId("R.3");
    assertThat(
            judge(
                    r3,
                    response(
                        101,
                        "Switching Protocols",
                        "Upgrade: websocket",
                        "Connection: keep-alive, UPGRADE",
                        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
                .openSession())
        .isTrue();
    HandshakeVerdict v =
        judge(
            r3,
            response(
                101,
                "Switching Protocols",
                "Upgrade: websocket",
                "Connection: keep-alive",
                "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    assertThat(v.behavior()).isEqualTo(Behavior.FAILED);
    assertThat(v.reason())
        .contains("observed 'Connection: keep-alive'", "RFC 6455 §4.2.2 item 5.3");
  }

  @Test
  void r4AndR5CountAndCheckTheAccept() {
    ConformanceCase r4 = byId("R.4");
    ConformanceCase r5 = byId("R.5");
    ResponseHead twice =
        switchingProtocols(r4, "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    assertThat(judge(r4, twice).behavior()).isEqualTo(Behavior.FAILED);
    assertThat(judge(r4, twice).reason()).contains("observed 2 headers");
    // the same values twice: R.5's value is right, the count is R.4's business
    HandshakeVerdict sameTwice = judge(r5, twice);
    assertThat(sameTwice.behavior()).isEqualTo(Behavior.OK);
    assertThat(sameTwice.openSession()).isFalse();
    HandshakeVerdict wrong =
        judge(
            r5,
            response(
                101,
                "Switching Protocols",
                "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ=="));
    assertThat(wrong.behavior()).isEqualTo(Behavior.FAILED);
    assertThat(wrong.reason())
        .contains(
            "expected 'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo='",
            "observed 'Sec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ=='");
  }

  @Test
  void r7WantsOneOfTheOfferedSubprotocolsOnce() {
    ConformanceCase r7 = byId("R.7");
    UpgradeRequest sent = r7.request().apply(OpeningHandshakeTest.canonical());
    assertThat(sent.header("Sec-WebSocket-Protocol")).contains("chat, superchat");
    assertThat(judge(r7, switchingProtocols(r7, "Sec-WebSocket-Protocol: superchat")).openSession())
        .isTrue();
    assertThat(judge(r7, switchingProtocols(r7)).openSession()).isTrue();
    HandshakeVerdict both =
        judge(r7, switchingProtocols(r7, "Sec-WebSocket-Protocol: chat, superchat"));
    assertThat(both.behavior()).isEqualTo(Behavior.FAILED);
    assertThat(both.reason()).contains("exactly one of the offered values");
    assertThat(
            judge(
                    r7,
                    switchingProtocols(
                        r7, "Sec-WebSocket-Protocol: chat", "Sec-WebSocket-Protocol: chat"))
                .behavior())
        .isEqualTo(Behavior.FAILED);
    assertThat(judge(r7, switchingProtocols(r7, "Sec-WebSocket-Protocol: Chat")).behavior())
        .isEqualTo(Behavior.FAILED);
  }

  @Test
  void r8AndR9AllowOnlyWhatWasOffered() {
    ConformanceCase r8 = byId("R.8");
    HandshakeVerdict unsolicited =
        judge(r8, switchingProtocols(r8, "Sec-WebSocket-Extensions: permessage-deflate"));
    assertThat(unsolicited.behavior()).isEqualTo(Behavior.FAILED);
    assertThat(unsolicited.reason()).contains("expected no Sec-WebSocket-Extensions header");
    ConformanceCase r9 = byId("R.9");
    assertThat(
            judge(
                    r9,
                    switchingProtocols(
                        r9,
                        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=15"))
                .openSession())
        .isTrue();
    assertThat(judge(r9, switchingProtocols(r9)).openSession()).isTrue();
    HandshakeVerdict other =
        judge(
            r9,
            switchingProtocols(
                r9, "Sec-WebSocket-Extensions: permessage-deflate, x-webkit-deflate-frame"));
    assertThat(other.behavior()).isEqualTo(Behavior.FAILED);
    assertThat(other.reason()).contains("not offered: x-webkit-deflate-frame", "RFC 7692 §5");
    assertThat(
            judge(
                    r9,
                    switchingProtocols(
                        r9,
                        "Sec-WebSocket-Extensions: permessage-deflate",
                        "Sec-WebSocket-Extensions: permessage-deflate"))
                .behavior())
        .isEqualTo(Behavior.FAILED);
  }

  @Test
  void r10PipelinesAMaskedPing() {
    UpgradeRequest sent = byId("R.10").request().apply(OpeningHandshakeTest.canonical());
    assertThat(sent.trailing()).hasSize(2 + 4 + "early".length());
    assertThat(sent.trailing()[0]).isEqualTo((byte) 0x89);
    assertThat(sent.trailing()[1] & 0xff).isEqualTo(0x80 | "early".length());
  }
}
