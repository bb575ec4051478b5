package org.wsconform.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.reports.RunFolder;
import org.wsconform.session.SessionSettings;
import org.wsconform.targets.ReferenceClient;
import org.wsconform.verdict.Gate.FailOn;

/** Autobahn's fuzzing-server protocol, as client drivers use it. */
class FuzzingServerTest {
  @TempDir Path out;

  @Test
  void answersTheDriverProtocolOverWebSocketAndPlainHttp() throws Exception {
    List<ClientCase> catalogue = ClientCatalogue.all(5);
    try (FuzzingServer server = ReferenceClientTest.start(catalogue, new ArrayList<>(), out);
        ReferenceClient client = new ReferenceClient()) {
      // Autobahn's 517 client cases keep their numbers; ours follow
      assertThat(catalogue.get(0).id()).isEqualTo("1.1.1");
      assertThat(catalogue.get(516).id()).isEqualTo("13.7.18");
      assertThat(catalogue.get(517).id()).startsWith("CH.");
      String count = client.text(server.base().resolve("/getCaseCount"));
      assertThat(count).isEqualTo(Integer.toString(catalogue.size()));
      assertThat(plainGet(server.port(), "/getCaseCount")).contains(count);
      JsonNode info =
          new ObjectMapper().readTree(client.text(server.base().resolve("/getCaseInfo?case=1")));
      assertThat(info.get("id").asText()).isEqualTo("1.1.1");
      // casetuple= selects by id
      client.runCase(server.base(), 1, "drv", Duration.ofSeconds(20)); // case=1
      var second = server.awaitCase("drv", "2.1");
      client.runCaseUrl(
          server.base().resolve("/runCase?casetuple=2.1&agent=drv"), Duration.ofSeconds(20));
      assertThat(second.get().outcome().name()).isEqualTo("PASSED");
      JsonNode status =
          new ObjectMapper()
              .readTree(client.text(server.base().resolve("/getCaseStatus?case=1&agent=drv")));
      assertThat(status.get("behavior").asText()).isEqualTo("OK");
      assertThat(client.text(server.base().resolve("/updateReports?agent=drv")))
          .isEqualTo("reports written");
      RunFolder folder = server.reportedFolder("drv").orElseThrow();
      JsonNode index = new ObjectMapper().readTree(folder.indexJson().toFile());
      assertThat(index.get("drv").get("1.1.1").get("behavior").asText()).isEqualTo("OK");
      assertThat(index.get("drv").get("2.1").get("behavior").asText()).isEqualTo("OK");
      assertThat(folder.junitXml()).exists();
      assertThat(folder.dir().resolve("index.html")).exists();
      try (var files = Files.list(folder.allureResultsDir())) {
        assertThat(files.filter(p -> p.toString().endsWith("-result.json")).count()).isEqualTo(2);
      }
      // what a driver gets wrong is said, with what to do
      assertThat(plainGet(server.port(), "/runCase?case=9999&agent=x"))
          .contains("404")
          .contains("numbered 1 to " + catalogue.size());
      assertThat(plainGet(server.port(), "/nothing")).contains("404").contains("/getCaseCount");
    }
  }

  @Test
  void servesWssWithASelfSignedCertificate() throws Exception {
    ServerTls.Identity id = ServerTls.selfSigned(out.resolve("tls"));
    List<ClientCase> catalogue = ClientCatalogue.all(5);
    try (FuzzingServer server =
        FuzzingServer.start(
            new FuzzingServer.Settings(
                InetAddress.getLoopbackAddress(),
                0,
                id.context(),
                out,
                catalogue,
                5,
                new SessionSettings(1, 256L << 20, null),
                FailOn.of(false),
                false,
                null,
                l -> {}))) {
      assertThat(server.base().getScheme()).isEqualTo("wss");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(id.certificate())) {
        trust.setCertificateEntry(
            "wsconform", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      try (SSLSocket s =
          (SSLSocket) ctx.getSocketFactory().createSocket("localhost", server.port())) {
        s.setSoTimeout(10_000);
        String answer = exchange(s, "/getCaseCount");
        assertThat(answer).startsWith("HTTP/1.1 200").contains(Integer.toString(catalogue.size()));
      }
    }
  }

  /**
   * Autobahn's drivers ask for /updateReports the moment their last case's connection closes; the
   * reports must wait for a case still being judged instead of dropping it.
   */
  @Test
  void updateReportsWaitsForTheCaseStillRunning() throws Exception {
    List<ClientCase> catalogue = ClientCatalogue.all(5);
    try (FuzzingServer server = ReferenceClientTest.start(catalogue, new ArrayList<>(), out);
        Socket caseConn = new Socket("127.0.0.1", server.port());
        Socket reports = new Socket("127.0.0.1", server.port())) {
      caseConn.setSoTimeout(10_000);
      OutputStream o = caseConn.getOutputStream();
      o.write(
          ("GET /runCase?case=1&agent=late HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                  + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                  + "Sec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      o.flush();
      byte[] head = new byte[12];
      assertThat(caseConn.getInputStream().readNBytes(head, 0, 12)).isEqualTo(12);
      assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
      // the case has started: reports asked for now wait for it
      reports
          .getOutputStream()
          .write(
              "GET /updateReports?agent=late HTTP/1.1\r\nHost: localhost\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      reports.getOutputStream().flush();
      reports.setSoTimeout(300);
      assertThatThrownBy(() -> reports.getInputStream().read())
          .as("expected /updateReports to wait for case 1.1.1, still running")
          .isInstanceOf(SocketTimeoutException.class);
      caseConn.close(); // the client drops the connection: the case ends now
      reports.setSoTimeout(10_000);
      String answer = new String(reports.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).contains("reports written");
      JsonNode index =
          new ObjectMapper()
              .readTree(server.reportedFolder("late").orElseThrow().indexJson().toFile());
      assertThat(index.get("late").has("1.1.1"))
          .as("expected case 1.1.1 in the reports written while it ran, observed %s", index)
          .isTrue();
    }
  }

  private static String plainGet(int port, String path) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      return exchange(s, path);
    }
  }

  private static String exchange(Socket s, String path) throws Exception {
    OutputStream o = s.getOutputStream();
    o.write(
        ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    o.flush();
    return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
