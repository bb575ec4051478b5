package org.wsconform.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.judge.ClientHandshakeRules;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.RunSettings;
import org.wsconform.session.Session;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.external.ExternalTarget;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.UpgradeRequest;
import org.wsconform.wire.WireLog;

/**
 * permessage-deflate inside a session, against real servers: the 101 is judged against the offer,
 * our messages are compressed as agreed (RSV1 on the first frame only, split like Autobahn's
 * AUTOFRAG), the server's are inflated, and each fault of the faulty server is caught.
 */
class DeflateSessionTest {
  private static final String OFFER_12 = PermessageDeflate.offer(PermessageDeflate.autobahnOffer());

  /** A case that offers {@code offer} and then runs {@code script}. */
  static ConformanceCase offering(String offer, Consumer<Session> script) {
    UnaryOperator<UpgradeRequest> withOffer = r -> r.with("Sec-WebSocket-Extensions", offer);
    return new ConformanceCase(
        "X.test",
        "X",
        "deflate session",
        "deflate session",
        "sends compressed messages",
        "the server echoes them",
        Requirement.MUST,
        "RFC 7692 §6",
        withOffer,
        ClientHandshakeRules::autobahn,
        script,
        List.of(),
        30,
        Schedule.CONCURRENT,
        Origin.WSCONFORM);
  }

  static CaseResult run(URI target, ConformanceCase c) {
    return CaseRunner.run(c, RunSettings.of(Endpoint.parse(target.toString()), "selftest"));
  }

  /**
   * Messages that exercise every path: empty, 1 octet, fragments, big, text and binary, repeated.
   */
  static List<Object[]> traffic() {
    Random r = new Random(12);
    byte[] big = DeflateCodecTest.repetitiveText(300_000, 1);
    byte[] noise = new byte[70_000];
    r.nextBytes(noise);
    List<Object[]> l = new ArrayList<>();
    l.add(new Object[] {new byte[0], false, 0});
    l.add(new Object[] {"x".getBytes(StandardCharsets.UTF_8), false, 0});
    l.add(new Object[] {new byte[] {7}, true, 0});
    l.add(new Object[] {"Hello".getBytes(StandardCharsets.UTF_8), false, 0});
    l.add(new Object[] {"Hello".getBytes(StandardCharsets.UTF_8), false, 0});
    l.add(new Object[] {"grüße, κόσμε".repeat(200).getBytes(StandardCharsets.UTF_8), false, 256});
    l.add(new Object[] {big, false, 0});
    l.add(new Object[] {big, true, 4096});
    l.add(new Object[] {noise, true, 1000});
    l.add(new Object[] {big, false, 32768});
    byte[] bigNoise = new byte[1_500_000]; // compresses to more than 1 MiB: written in slices
    r.nextBytes(bigNoise);
    l.add(new Object[] {bigNoise, true, 0});
    return l;
  }

  /** Sends {@link #traffic()} compressed and expects every message back. */
  static ConformanceCase echoCase(
      String offer, AtomicReference<Agreement> agreed, List<CompressedMessage> compressed) {
    return offering(
        offer,
        f -> {
          agreed.set(f.agreement().orElse(null));
          f.onCompressedMessage(compressed::add);
          List<Event> expected = new ArrayList<>();
          for (Object[] m : traffic()) expected.add(Event.message((byte[]) m[0], (boolean) m[1]));
          f.expect(Expectation.ok(expected, CloseExpectation.byMe(1000)));
          for (Object[] m : traffic())
            f.sendMessage((byte[]) m[0], (boolean) m[1], (int) m[2], SendOptions.DEFAULT);
          f.killAfter(10);
        });
  }

  private static void assertRoundTrips(
      CaseResult r, AtomicReference<Agreement> agreed, List<CompressedMessage> compressed) {
    assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.PASSED);
    assertThat(r.judgement().behavior()).isEqualTo(Behavior.OK);
    assertThat(r.judgement().behaviorClose()).isEqualTo(BehaviorClose.OK);
    assertThat(agreed.get()).isNotNull();
    assertThat(compressed).isNotEmpty(); // the server compressed its echoes: our inflater was used
    assertThat(r.wirelog()).anyMatch(e -> e.text().startsWith("permessage-deflate agreed"));
  }

  @Test
  void jettyEchoesEveryCompressedMessage() {
    AtomicReference<Agreement> agreed = new AtomicReference<>();
    List<CompressedMessage> compressed = new CopyOnWriteArrayList<>();
    try (ReferenceServer jetty = ReferenceServer.start(0)) {
      CaseResult r = run(jetty.uri(), echoCase(OFFER_12, agreed, compressed));
      assertRoundTrips(r, agreed, compressed);
      assertThat(agreed.get()).isEqualTo(new Agreement(false, true, 15, 15));
      // our frames: RSV1 on the first frame of each message only
      assertThat(r.wirelog())
          .filteredOn(e -> e.kind() == WireLog.Kind.TF)
          .allMatch(e -> !e.text().startsWith("continuation") || e.text().contains("rsv=0"))
          .anyMatch(e -> e.text().startsWith("text") && e.text().contains("rsv=4"));
    }
  }

  /**
   * 13.5's offer to the reference server: it agrees to server_max_window_bits=9 and keeps its word
   * although Java's Deflater cannot shrink its window (literal-only blocks). The same check fails
   * against the faulty server's IGNORES_SERVER_MAX_WINDOW_BITS (ExtensionNegotiationTest).
   */
  @Test
  void jettyHonoursAServerWindowBelow15() throws Exception {
    try (ReferenceServer jetty = ReferenceServer.start(0)) {
      assertKeepsWindow9WithoutContext(jetty.uri());
    }
  }

  @Test
  void nodeWsEchoesEveryCompressedMessage() throws Exception {
    Path home = Path.of("..").toAbsolutePath().normalize();
    try (ExternalTarget ws =
        ExternalTarget.start(
            home, "ws", List.of("node", "echo.mjs", "0", "1"), Duration.ofSeconds(20))) {
      assertKeepsWindow9WithoutContext(ws.uri());
    }
  }

  /**
   * 13.5's offer (server_no_context_takeover, server_max_window_bits=9): the server agrees, every
   * message round-trips, and it kept its word: no reference beyond 2^9, none into an earlier
   * message.
   */
  private static void assertKeepsWindow9WithoutContext(URI target) throws Exception {
    AtomicReference<Agreement> agreed = new AtomicReference<>();
    List<CompressedMessage> compressed = new CopyOnWriteArrayList<>();
    String offer = PermessageDeflate.offer(PermessageDeflate.autobahnOffer(true, 9));
    CaseResult r = run(target, echoCase(offer, agreed, compressed));
    assertRoundTrips(r, agreed, compressed);
    assertThat(agreed.get().serverNoContextTakeover()).isTrue();
    assertThat(agreed.get().serverMaxWindowBits()).isEqualTo(9);
    TracingInflater t = new TracingInflater(1 << 24);
    for (CompressedMessage m : compressed) {
      t.reset();
      TracingInflater.Trace tr = t.inflateMessage(m.compressed());
      assertThat(tr.payload()).isEqualTo(m.inflated());
      assertThat(tr.fitsWindow(9)).isTrue();
      assertThat(tr.reachBeforeStart()).isZero();
    }
  }

  @Test
  void aDeclinedOfferMeansPlainMessages() {
    // the faulty server without faults declines a server window below 15 (RFC 7692 §7.1.2.1
    // lets a server decline what it will not honour)
    AtomicReference<Agreement> agreed = new AtomicReference<>(Agreement.DEFAULT);
    try (FaultyServer clean = FaultyServer.start(0, Set.of())) {
      CaseResult r =
          run(
              clean.uri(),
              offering(
                  PermessageDeflate.offer(PermessageDeflate.autobahnOffer(false, 9)),
                  f -> {
                    agreed.set(f.agreement().orElse(null));
                    f.expect(
                        Expectation.ok(List.of(Event.text("plain")), CloseExpectation.byMe(1000)));
                    f.sendMessage("plain");
                    f.killAfter(5);
                  }));
      assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.PASSED);
      assertThat(agreed.get()).isNull();
      assertThat(r.wirelog()).anyMatch(e -> e.text().contains("declined every offer"));
    }
  }

  @Test
  void anUnofferedClientMaxWindowBitsFailsTheHandshake() {
    ConformanceCase c =
        offering(
            "permessage-deflate",
            f -> {
              f.expect(Expectation.ok(List.of(Event.text("x")), CloseExpectation.byMe(1000)));
              f.sendMessage("x");
              f.killAfter(5);
            });
    try (FaultyServer good = FaultyServer.start(0, Set.of());
        FaultyServer bad =
            FaultyServer.start(0, EnumSet.of(Fault.ANSWERS_CLIENT_MAX_WINDOW_BITS_UNOFFERED))) {
      CaseResult ok = run(good.uri(), c);
      assertThat(ok.outcome()).as(ok.reason()).isEqualTo(Outcome.PASSED);
      CaseResult failed = run(bad.uri(), c);
      assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(failed.reason())
          .contains("expected no client_max_window_bits")
          .contains("observed")
          .contains("RFC 7692 §7.1.2.2");
    }
  }

  @Test
  void aServerKeepingItsContextDespiteNoContextTakeoverIsCaughtAs1007() {
    byte[] m = DeflateCodecTest.repetitiveText(5000, 4);
    ConformanceCase c =
        offering(
            PermessageDeflate.offer(PermessageDeflate.autobahnOffer(true, 0)),
            f -> {
              f.expect(
                  Expectation.ok(
                      List.of(Event.message(m, false), Event.message(m, false)),
                      CloseExpectation.byMe(1000)));
              f.sendMessage(m, false, 0, SendOptions.DEFAULT);
              f.sendMessage(m, false, 0, SendOptions.DEFAULT);
              f.killAfter(5);
            });
    try (FaultyServer good = FaultyServer.start(0, Set.of());
        FaultyServer bad =
            FaultyServer.start(0, EnumSet.of(Fault.KEEPS_CONTEXT_DESPITE_NO_CONTEXT_TAKEOVER))) {
      CaseResult ok = run(good.uri(), c);
      assertThat(ok.outcome()).as(ok.reason()).isEqualTo(Outcome.PASSED);
      CaseResult failed = run(bad.uri(), c);
      assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(failed.reason())
          .contains("compressed message cannot be inflated")
          .contains("RFC 7692 §7.2.2");
      assertThat(failed.close().localCloseCode()).isEqualTo(1007);
    }
  }

  @Test
  void textIsValidatedAfterInflating() {
    byte[] invalid = {
      (byte) 0xce,
      (byte) 0xba,
      (byte) 0xe1,
      (byte) 0xbd,
      (byte) 0xb9,
      (byte) 0xcf,
      (byte) 0x83,
      (byte) 0xce,
      (byte) 0xbc,
      (byte) 0xce,
      (byte) 0xb5,
      (byte) 0xed,
      (byte) 0xa0,
      (byte) 0x80,
      'e',
      'd',
      'i',
      't',
      'e',
      'd'
    };
    // 100 ASCII octets first: the invalid octet (0xa0 after 0xed, RFC 3629 §4) is octet 112
    byte[] message = new byte[100 + invalid.length];
    Arrays.fill(message, 0, 100, (byte) 'a');
    System.arraycopy(invalid, 0, message, 100, invalid.length);
    ConformanceCase c =
        offering(
            OFFER_12,
            f -> {
              f.expect(Expectation.ok(List.of(), CloseExpectation.byPeer(1007)));
              f.sendMessage(message, false, 0, SendOptions.DEFAULT);
              f.killAfter(5);
            });
    try (FaultyServer good = FaultyServer.start(0, Set.of());
        FaultyServer bad = FaultyServer.start(0, EnumSet.of(Fault.UTF8_NOT_VALIDATED))) {
      CaseResult ok = run(good.uri(), c);
      assertThat(ok.outcome()).as(ok.reason()).isEqualTo(Outcome.PASSED);
      CaseResult failed = run(bad.uri(), c);
      assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
      // the server's echo came compressed: only a check after inflating can name this
      assertThat(failed.reason())
          .contains("text message is not valid UTF-8 (at octet 112)")
          .contains("RFC 6455 §8.1");
    }
  }

  @Test
  void withoutAnOfferNothingChanges() {
    AtomicReference<Boolean> hasAgreement = new AtomicReference<>();
    try (ReferenceServer jetty = ReferenceServer.start(0)) {
      CaseResult r =
          run(
              jetty.uri(),
              ConformanceCase.session(
                  "X.plain",
                  "X",
                  "plain",
                  "plain",
                  "d",
                  "e",
                  Requirement.MUST,
                  "RFC 6455",
                  f -> {
                    hasAgreement.set(f.agreement().isPresent());
                    byte[] big =
                        DeflateCodecTest.repetitiveText(
                            3_000_000, 9); // one 3 MB frame, masked in slices
                    f.expect(
                        Expectation.ok(
                            List.of(Event.binary(new byte[300]), Event.message(big, false)),
                            CloseExpectation.byMe(1000)));
                    f.sendMessage(new byte[300], true, 100, SendOptions.DEFAULT);
                    f.sendMessage(big, false, 0, SendOptions.DEFAULT);
                    f.killAfter(5);
                  }));
      assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.PASSED);
      assertThat(hasAgreement.get()).isFalse();
      assertThat(r.wirelog()).noneMatch(e -> e.text().contains("permessage-deflate"));
    }
  }
}
