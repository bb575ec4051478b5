package org.wsconform.deployed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.ConnectionSettings;
import org.wsconform.run.RunConfig;
import org.wsconform.run.RunContext;
import org.wsconform.run.RunSettings;
import org.wsconform.targets.hostile.HostileServer;
import org.wsconform.targets.hostile.Hostility;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.ConnectPacing;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.TlsFailure;
import org.wsconform.wire.TlsOptions;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * Retries of the TCP connect (and of nothing else), --rate and --max-concurrency, seen from the
 * server.
 */
@Timeout(120)
class ConnectRetryAndPacingTest {

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aRefusedConnectIsTriedAgainWithABackOffAndSaysSo() throws Exception {
    int port = freePort();
    WireLog log = new WireLog();
    long t0 = System.nanoTime();
    assertThatThrownBy(
            () ->
                WireConnection.open(
                    Endpoint.parse("ws://127.0.0.1:" + port + "/"),
                    Duration.ofSeconds(2),
                    TlsOptions.SYSTEM.withConnectRetries(2),
                    log))
        .isInstanceOf(ConnectException.class);
    assertThat((System.nanoTime() - t0) / 1_000_000)
        .as("200 ms, then 400 ms between the three attempts")
        .isGreaterThanOrEqualTo(600);
    assertThat(log.entries())
        .extracting(WireLog.Entry::text)
        .filteredOn(t -> t.contains("--connect-retries"))
        .hasSize(2)
        .anySatisfy(t -> assertThat(t).contains("attempt 3 of 3"));
  }

  @Test
  void aTargetThatComesUpDuringTheRetriesIsReached() throws Exception {
    int port = freePort();
    WireLog log = new WireLog();
    CompletableFuture<WireConnection> open =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return WireConnection.open(
                    Endpoint.parse("ws://127.0.0.1:" + port + "/"),
                    Duration.ofSeconds(2),
                    TlsOptions.SYSTEM.withConnectRetries(5),
                    log);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    // the first attempt has failed once the log says so; the target starts listening then
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (log.entries().stream().noneMatch(e -> e.text().contains("--connect-retries"))) {
      assertThat(System.nanoTime()).as("the first attempt failed").isLessThan(deadline);
      Thread.onSpinWait();
    }
    try (ServerSocket listener = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
        WireConnection c = open.get(20, TimeUnit.SECONDS)) {
      assertThat(c.isClosed()).isFalse();
      assertThat(log.entries())
          .anySatisfy(e -> assertThat(e.text()).contains("succeeded on attempt"));
    }
  }

  @Test
  void aTlsFailureIsNeverRetried() throws Exception {
    try (HostileServer server = HostileServer.start(Hostility.TLS_HANDSHAKE_FAILURE)) {
      assertThatThrownBy(
              () ->
                  WireConnection.open(
                      Endpoint.parse(server.uri().toString()),
                      Duration.ofSeconds(5),
                      TlsOptions.SYSTEM.withConnectRetries(3),
                      new WireLog()))
          .isInstanceOf(TlsFailure.class);
      assertThat(server.accepted()).isEqualTo(1);
    }
  }

  @Test
  void anHttpAnswerIsNeverRetriedNorIsAVerdict() throws Exception {
    try (HostileServer server = HostileServer.start(Hostility.REDIRECT_LOOP)) {
      RunSettings s =
          RunSettings.of(Endpoint.parse(server.uri().toString()), "retries")
              .withTls(TlsOptions.SYSTEM.withConnectRetries(3));
      CaseResult r = CaseRunner.run(Catalogue.byId("1.1.1").orElseThrow(), s);
      assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(server.accepted()).isEqualTo(1);
    }
  }

  @Test
  void rateSpacesNewConnectionsEvenly() throws Exception {
    try (HostileServer server = HostileServer.start(Hostility.HTTP09_BODY)) {
      RunSettings s =
          RunSettings.of(Endpoint.parse(server.uri().toString()), "paced")
              .withTls(TlsOptions.SYSTEM.withPacing(ConnectPacing.parse("10/s")));
      ConformanceCase c = Catalogue.byId("1.1.1").orElseThrow();
      long start = System.nanoTime();
      List<CompletableFuture<CaseResult>> runs = new ArrayList<>();
      for (int i = 0; i < 5; i++)
        runs.add(CompletableFuture.supplyAsync(() -> CaseRunner.run(c, s)));
      for (CompletableFuture<CaseResult> f : runs) f.get(30, TimeUnit.SECONDS);
      List<Long> at = server.acceptedAt().stream().sorted().toList();
      assertThat(at).hasSize(5);
      // Connection k gets the slot k x 100 ms after the first one, and the first slot is no
      // earlier than 'start'; the server accepts a connection only after it was opened. So the
      // k-th accept is at least k x 100 ms after 'start' however busy the machine is (gaps
      // between accepts alone jitter with the server's accept thread). Unpaced, all five land
      // within a few milliseconds.
      for (int k = 1; k < at.size(); k++) {
        assertThat((at.get(k) - start) / 1_000_000)
            .as("accept %d", k)
            .isGreaterThanOrEqualTo(k * 100L - 1);
      }
    }
  }

  @Test
  void rateParsesPerSecondAndPerMinuteAndRefusesNonsense() {
    assertThat(ConnectPacing.parse("5").perSecond()).isEqualTo(5.0);
    assertThat(ConnectPacing.parse("5/s").perSecond()).isEqualTo(5.0);
    assertThat(ConnectPacing.parse("120/min").perSecond()).isEqualTo(2.0);
    for (String bad : List.of("fast", "0", "-3/s", "1/h")) {
      assertThatThrownBy(() -> ConnectPacing.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--rate");
    }
  }

  @Test
  void maxConcurrencyCapsTheCasesOpenAtOnce(@TempDir Path out) throws Exception {
    try (HostileServer server = HostileServer.start(Hostility.SILENCE_AFTER_101)) {
      String cases = "1.1.1,1.1.2,1.1.3,1.1.4,1.1.5,1.2.1";
      ConnectionSettings capped = new ConnectionSettings(TlsOptions.SYSTEM, List.of(), 2);
      RunConfig config =
          new RunConfig(
              server.uri().toString(), cases, null, List.of(), 0.3, false, out, "capped", capped);
      try (RunContext ctx = RunContext.open(config)) {
        ctx.schedule(6);
        for (ConformanceCase c : ctx.selected()) ctx.execute(c);
      }
      assertThat(server.accepted()).isEqualTo(7);
      assertThat(server.peakConnections())
          .as("--max-concurrency 2 with --parallel 6")
          .isLessThanOrEqualTo(2);
    }
  }

  @Test
  void badPacingOptionsAreBadUsage(@TempDir Path out) {
    Cli.Run rate = Cli.run("--rate", "fast", "--out", out.toString());
    assertThat(rate.exit()).isEqualTo(2);
    assertThat(rate.err()).contains("--rate");
    Cli.Run cap = Cli.run("--max-concurrency", "0", "--out", out.toString());
    assertThat(cap.exit()).isEqualTo(2);
    assertThat(cap.err()).contains("--max-concurrency");
    Cli.Run retries = Cli.run("--connect-retries", "-1", "--out", out.toString());
    assertThat(retries.exit()).isEqualTo(2);
    Cli.Run header = Cli.run("--secret-header", "X-Key: value", "--out", out.toString());
    assertThat(header.exit()).isEqualTo(2);
    assertThat(header.err()).contains("--secret-header takes a header name");
  }
}
