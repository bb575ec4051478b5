package org.wsconform.deployed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.run.CaseResult;
import org.wsconform.run.CaseRunner;
import org.wsconform.run.RunSettings;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.hostile.HostileServer;
import org.wsconform.targets.hostile.Hostility;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.ClientIdentity;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.TlsFailure;
import org.wsconform.wire.TlsOptions;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * wss:// end to end: the embedded reference server behind TLS with certificates made by keytool.
 * Without trust the run stops with exit 3 and says why in a word (untrusted, expired, hostname
 * mismatch, client certificate); with --ca-cert or --insecure it passes, and --insecure is said
 * loudly in the console and in every report.
 */
@Timeout(120)
class WssEndToEndTest {
  private static final String CASES = "1.1.1,2.1,7.1.1";
  private static TestPki pki;
  private static ReferenceServer selfSigned;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.get();
    selfSigned = ReferenceServer.startTls(0, TestPki.load(pki.selfSigned), TestPki.PASSWORD, null);
  }

  @AfterAll
  static void stop() {
    if (selfSigned != null) selfSigned.close();
  }

  @Test
  void aSelfSignedServerIsUntrustedWithoutCaCertOrInsecure(@TempDir Path out) {
    Cli.Run r =
        Cli.run("--target", selfSigned.uri().toString(), "--cases", CASES, "--out", out.toString());
    assertThat(r.exit()).as(r.all()).isEqualTo(3);
    assertThat(r.err())
        .contains("TLS handshake with 127.0.0.1:" + selfSigned.port() + " failed: untrusted")
        .contains("--ca-cert")
        .contains("--insecure");
  }

  /**
   * Exit 3 still leaves evidence: a results folder with run.json, the HTML report and every
   * selected case recorded as ERROR with the TLS reason, so CI keeps an artefact that says why.
   */
  @Test
  void anUntrustedServerStillGetsAResultsFolderWithEveryCaseAnError(@TempDir Path out)
      throws Exception {
    Cli.Run r =
        Cli.run("--target", selfSigned.uri().toString(), "--cases", CASES, "--out", out.toString());
    assertThat(r.exit()).as(r.all()).isEqualTo(3);
    Path run = Cli.runFolder(out);
    assertThat(r.err()).as(r.all()).contains(run.getFileName().toString());
    for (String f : List.of("run.json", "index.html", "index.json", "results.jsonl"))
      assertThat(run.resolve(f)).as(f).exists();
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(run.resolve("results.jsonl"));
    assertThat(lines).hasSize(CASES.split(",").length);
    List<String> ids = new java.util.ArrayList<>();
    for (String line : lines) {
      JsonNode c = json.readTree(line);
      ids.add(c.path("id").asText());
      assertThat(c.path("outcome").asText()).as(line).isEqualTo("ERROR");
      assertThat(c.path("reason").asText())
          .as(line)
          .contains("TLS handshake with 127.0.0.1:" + selfSigned.port() + " failed: untrusted");
    }
    assertThat(ids).containsExactlyInAnyOrder(CASES.split(","));
    assertThat(Files.readString(run.resolve("index.html"))).contains("failed: untrusted");
  }

  @Test
  void caCertMakesItPass(@TempDir Path out) throws Exception {
    Cli.Run r =
        Cli.run(
            "--target",
            selfSigned.uri().toString(),
            "--cases",
            CASES,
            "--ca-cert",
            pki.selfSignedPem.toString(),
            "--out",
            out.toString());
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("PASSED 3").doesNotContain("INSECURE");
    Path run = Cli.runFolder(out);
    assertThat(Files.readString(run.resolve("run.json"))).doesNotContain("INSECURE");
    assertThat(Files.readString(run.resolve("index.html"))).doesNotContain("insecure-warning");
    JsonNode one =
        new ObjectMapper().readTree(Files.readAllLines(run.resolve("results.jsonl")).get(0));
    assertThat(one.path("wirelog").toString()).contains("TLS ").doesNotContain("NOT verified");
  }

  @Test
  void insecureMakesItPassAndEveryOutputSaysSo(@TempDir Path out) throws Exception {
    Cli.Run r =
        Cli.run(
            "--target",
            selfSigned.uri().toString(),
            "--cases",
            CASES,
            "--insecure",
            "--out",
            out.toString());
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("PASSED 3").contains("WARNING: INSECURE");
    assertThat(r.err()).contains("WARNING: INSECURE");
    Path run = Cli.runFolder(out);
    for (String file :
        List.of("run.json", "summary.md", "index.html", "junit/TEST-wsconform.xml")) {
      assertThat(Files.readString(run.resolve(file))).as(file).contains("INSECURE");
    }
    assertThat(Files.readString(run.resolve("index.html")))
        .as("the report opens with the warning, not only in a table")
        .contains(
            "<p class=\"warning insecure\" id=\"insecure-warning\"><strong>WARNING:</strong> INSECURE: TLS verification was off");
    for (String line : Files.readAllLines(run.resolve("results.jsonl"))) {
      assertThat(new ObjectMapper().readTree(line).path("details").path("tls").asText())
          .startsWith("INSECURE");
    }
    try (Stream<Path> cases = Files.list(run.resolve("cases"))) {
      for (Path c : cases.toList()) assertThat(Files.readString(c)).contains("INSECURE");
    }
    try (Stream<Path> allure = Files.list(run.resolve("allure-results"))) {
      List<Path> results = allure.filter(p -> p.toString().endsWith("-result.json")).toList();
      assertThat(results).hasSize(3);
      for (Path c : results)
        assertThat(Files.readString(c)).as(c.getFileName().toString()).contains("INSECURE");
    }
  }

  @Test
  void aCertificateForAnotherNameIsAHostnameMismatch(@TempDir Path out) throws Exception {
    try (ReferenceServer other =
        ReferenceServer.startTls(0, TestPki.load(pki.otherName), TestPki.PASSWORD, null)) {
      Cli.Run r =
          Cli.run(
              "--target",
              other.uri().toString(),
              "--cases",
              CASES,
              "--ca-cert",
              pki.otherNamePem.toString(),
              "--out",
              out.toString());
      assertThat(r.exit()).as(r.all()).isEqualTo(3);
      assertThat(r.err()).contains("failed: hostname mismatch").contains("'127.0.0.1'");
      Cli.Run insecure =
          Cli.run(
              "--target",
              other.uri().toString(),
              "--cases",
              CASES,
              "--insecure",
              "--out",
              out.toString());
      assertThat(insecure.exit())
          .as("--insecure skips the hostname check too: " + insecure.all())
          .isZero();
    }
  }

  @Test
  void anExpiredCertificateSaysExpired(@TempDir Path out) throws Exception {
    try (ReferenceServer expired =
        ReferenceServer.startTls(0, TestPki.load(pki.expired), TestPki.PASSWORD, null)) {
      Cli.Run r =
          Cli.run(
              "--target",
              expired.uri().toString(),
              "--cases",
              CASES,
              "--ca-cert",
              pki.caPem.toString(),
              "--out",
              out.toString());
      assertThat(r.exit()).as(r.all()).isEqualTo(3);
      assertThat(r.err()).contains("failed: expired");
    }
  }

  @Test
  void mutualTlsWithAPemClientCertificatePassesAndWithoutOneSaysClientCertificate(@TempDir Path out)
      throws Exception {
    try (ReferenceServer mtls =
        ReferenceServer.startTls(
            0, TestPki.load(pki.selfSigned), TestPki.PASSWORD, pki.clientTrust())) {
      Cli.Run without =
          Cli.run(
              "--target",
              mtls.uri().toString(),
              "--cases",
              CASES,
              "--ca-cert",
              pki.selfSignedPem.toString(),
              "--out",
              out.toString());
      // TLS 1.3: the refusal comes after the client's handshake; the harness waits for it once
      assertThat(without.exit()).as(without.all()).isEqualTo(3);
      assertThat(without.err()).contains("failed: client certificate:").contains("--client-cert");
      Cli.Run with =
          Cli.run(
              "--target",
              mtls.uri().toString(),
              "--cases",
              CASES,
              "--ca-cert",
              pki.selfSignedPem.toString(),
              "--client-cert",
              pki.clientCertPem.toString(),
              "--client-key",
              pki.clientKeyPem.toString(),
              "--out",
              out.toString());
      assertThat(with.exit()).as(with.all()).isZero();
      assertThat(with.out()).contains("PASSED 3");
    }
  }

  @Test
  void mutualTlsWithAPkcs12ClientCertificate() throws Exception {
    try (ReferenceServer mtls =
        ReferenceServer.startTls(
            0, TestPki.load(pki.selfSigned), TestPki.PASSWORD, pki.clientTrust())) {
      ClientIdentity id = ClientIdentity.load(pki.client, null, TestPki.PASSWORD.toCharArray());
      TlsOptions tls = TlsOptions.of(pki.selfSignedPem, false, id);
      RunSettings s = RunSettings.of(Endpoint.parse(mtls.uri().toString()), "mtls").withTls(tls);
      CaseResult r = CaseRunner.run(Catalogue.byId("1.1.1").orElseThrow(), s);
      assertThat(r.outcome()).as(String.valueOf(r.reason())).isEqualTo(Outcome.PASSED);
    }
  }

  @Test
  void aWrongPkcs12PasswordOrAMissingKeyIsBadUsage(@TempDir Path out) throws Exception {
    Cli.Run missingKey =
        Cli.run(
            "--target",
            selfSigned.uri().toString(),
            "--client-cert",
            pki.clientCertPem.toString(),
            "--out",
            out.toString());
    assertThat(missingKey.exit()).isEqualTo(2);
    assertThat(missingKey.err()).contains("--client-key");
    Cli.Run noFile =
        Cli.run(
            "--target",
            selfSigned.uri().toString(),
            "--ca-cert",
            out.resolve("nope.pem").toString(),
            "--out",
            out.toString());
    assertThat(noFile.exit()).isEqualTo(2);
    assertThat(noFile.err()).contains("--ca-cert").contains("nope.pem");
    assertThatThrownBy(() -> ClientIdentity.load(pki.client, null, "wrong".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password");
  }

  @Test
  void aTlsHandshakeThatNeverEndsIsATimeoutWithinTheConnectTimeout() throws Exception {
    try (HostileServer silent = HostileServer.start(Hostility.SILENT_ACCEPT)) {
      long t0 = System.nanoTime();
      assertThatThrownBy(
              () ->
                  WireConnection.open(
                      Endpoint.parse("wss://127.0.0.1:" + silent.port() + "/"),
                      Duration.ofMillis(800),
                      TlsOptions.SYSTEM,
                      new WireLog()))
          .isInstanceOf(TlsFailure.class)
          .hasMessageStartingWith("timeout:");
      assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(700L, 3000L);
    }
  }

  /**
   * SNI (RFC 6066 §3): a deployed endpoint behind a CDN or a shared load balancer picks its
   * certificate by the name the client sends, so the URL's host name goes out as server_name; an IP
   * literal does not (§3 forbids it). Seen from a JDK TLS server that records what arrived.
   */
  @Test
  void theUrlsHostNameIsSentAsSniAndAnIpLiteralIsNot() throws Exception {
    TlsOptions trust = TlsOptions.of(pki.selfSignedPem, false, null);
    assertThat(serverNamesSeenFor("localhost", trust)).containsExactly("localhost");
    assertThat(serverNamesSeenFor("127.0.0.1", trust)).isEmpty();
    assertThat(serverNamesSeenFor("localhost", TlsOptions.of(null, true, null)))
        .as("--insecure changes what is verified, not what is sent")
        .containsExactly("localhost");
  }

  /**
   * Opens wss://host:port/ against a one-connection TLS server and returns the SNI host names it
   * was sent.
   */
  private static List<String> serverNamesSeenFor(String host, TlsOptions tls) throws Exception {
    KeyStore keys = TestPki.load(pki.selfSigned);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, TestPki.PASSWORD.toCharArray());
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);
    // bound to the address the host name resolves to, so that the client reaches it by that name
    try (SSLServerSocket listener =
        (SSLServerSocket)
            server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getByName(host))) {
      CompletableFuture<List<String>> seen =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                  s.setSoTimeout(10_000);
                  s.startHandshake();
                  List<SNIServerName> names =
                      ((ExtendedSSLSession) s.getSession()).getRequestedServerNames();
                  return names.stream()
                      .map(n -> n instanceof SNIHostName h ? h.getAsciiName() : n.toString())
                      .toList();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      String url = "wss://" + host + ":" + listener.getLocalPort() + "/";
      try (WireConnection c =
          WireConnection.open(Endpoint.parse(url), Duration.ofSeconds(10), tls, new WireLog())) {
        return seen.get(20, TimeUnit.SECONDS);
      }
    }
  }
}
