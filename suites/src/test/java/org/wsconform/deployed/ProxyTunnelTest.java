package org.wsconform.deployed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.RunSettings;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.HttpProxy;
import org.wsconform.wire.TlsOptions;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * ws:// and wss:// through a real CONNECT proxy (Jetty's), with and without Basic proxy
 * authentication.
 */
@Timeout(120)
class ProxyTunnelTest {
  private static final String USER = "wsconform";
  private static final String PASSWORD = "tunnel-pass";
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  @Test
  void wsThroughAnAuthenticatingProxyPasses(@TempDir Path out) throws Exception {
    try (ReferenceServer target = ReferenceServer.start(0);
        ConnectProxy proxy = new ConnectProxy(BASIC)) {
      Cli.Run r =
          Cli.run(
              "--target",
              target.uri().toString(),
              "--cases",
              "1.1.1,2.1,7.1.1",
              "--proxy",
              proxy.url(),
              "--proxy-auth",
              USER + ":" + PASSWORD,
              "--out",
              out.toString());
      assertThat(r.exit()).as(r.all()).isZero();
      assertThat(proxy.tunnels.get())
          .as("the preflight and three cases went through the proxy")
          .isEqualTo(4);
      assertThat(r.all()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void credentialsInTheProxyUrlWorkToo() throws Exception {
    try (ReferenceServer target = ReferenceServer.start(0);
        ConnectProxy proxy = new ConnectProxy(BASIC)) {
      HttpProxy p =
          HttpProxy.parse(
              proxy.url().replace("http://", "http://" + USER + ":" + PASSWORD + "@"), null);
      RunSettings s =
          RunSettings.of(Endpoint.parse(target.uri().toString()), "proxied")
              .withTls(TlsOptions.SYSTEM.withProxy(p));
      CaseResult r = CaseRunner.run(Catalogue.byId("1.1.1").orElseThrow(), s);
      assertThat(r.outcome()).as(String.valueOf(r.reason())).isEqualTo(Outcome.PASSED);
      assertThat(r.wirelog())
          .anySatisfy(
              e ->
                  assertThat(e.text())
                      .contains("CONNECT 127.0.0.1:" + target.port() + " sent to the proxy")
                      .contains("with Basic proxy authentication"));
      assertThat(p.toString()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void wssThroughTheProxyVerifiesTheTargetNotTheProxy(@TempDir Path out) throws Exception {
    TestPki pki = TestPki.get();
    try (ReferenceServer target =
            ReferenceServer.startTls(0, TestPki.load(pki.selfSigned), TestPki.PASSWORD, null);
        ConnectProxy proxy = new ConnectProxy(null)) {
      Cli.Run r =
          Cli.run(
              "--target",
              "wss://localhost:" + target.port() + "/",
              "--cases",
              "1.1.1,2.1",
              "--proxy",
              proxy.url(),
              "--ca-cert",
              pki.selfSignedPem.toString(),
              "--out",
              out.toString());
      assertThat(r.exit()).as(r.all()).isZero();
      assertThat(proxy.tunnels.get()).isEqualTo(3);
    }
  }

  @Test
  void aProxyThatWantsCredentialsStopsTheRunSayingSo(@TempDir Path out) throws Exception {
    try (ReferenceServer target = ReferenceServer.start(0);
        ConnectProxy proxy = new ConnectProxy(BASIC)) {
      Cli.Run none =
          Cli.run(
              "--target",
              target.uri().toString(),
              "--cases",
              "1.1.1",
              "--proxy",
              proxy.url(),
              "--out",
              out.toString());
      assertThat(none.exit()).as(none.all()).isEqualTo(3);
      assertThat(none.err())
          .contains("refused the tunnel")
          .contains("407")
          .contains("--proxy-auth");
      Cli.Run wrong =
          Cli.run(
              "--target",
              target.uri().toString(),
              "--cases",
              "1.1.1",
              "--proxy",
              proxy.url(),
              "--proxy-auth",
              USER + ":not-it",
              "--out",
              out.toString());
      assertThat(wrong.exit()).as(wrong.all()).isEqualTo(3);
      assertThat(wrong.err()).contains("refused the credentials").doesNotContain("not-it");
      assertThat(proxy.refused.get()).isEqualTo(2);
    }
  }

  @Test
  void aProxyThatIsNotAProxyIsNamedAsSuch() throws Exception {
    try (ReferenceServer notAProxy = ReferenceServer.start(0);
        ReferenceServer target = ReferenceServer.start(0)) {
      HttpProxy p = HttpProxy.parse("http://127.0.0.1:" + notAProxy.port(), null);
      assertThatThrownBy(
              () ->
                  WireConnection.open(
                      Endpoint.parse(target.uri().toString()),
                      Duration.ofSeconds(5),
                      TlsOptions.SYSTEM.withProxy(p),
                      new WireLog()))
          .isInstanceOf(HttpProxy.ProxyRefused.class)
          .hasMessageContaining("refused the tunnel");
    }
  }

  @Test
  void badProxyOptionsAreBadUsage(@TempDir Path out) {
    Cli.Run socks = Cli.run("--proxy", "socks5://127.0.0.1:1080", "--out", out.toString());
    assertThat(socks.exit()).isEqualTo(2);
    assertThat(socks.err()).contains("only http:// proxies");
    Cli.Run authAlone = Cli.run("--proxy-auth", "a:b", "--out", out.toString());
    assertThat(authAlone.exit()).isEqualTo(2);
    assertThat(authAlone.err()).contains("--proxy-auth needs --proxy");
  }
}
