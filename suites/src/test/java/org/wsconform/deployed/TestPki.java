package org.wsconform.deployed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for the TLS tests, made once per JVM with the JDK's own keytool (a real CA, real
 * chains, real dates), so that the harness meets what a deployed endpoint presents: a self-signed
 * server, a server signed by a private CA, one whose certificate has expired, one issued for
 * another name, and a client certificate for mutual TLS.
 */
final class TestPki {
  static final String PASSWORD = "changeit";
  private static TestPki instance;

  final Path dir;

  /** Self-signed, for 127.0.0.1 and localhost. */
  final Path selfSigned;

  final Path selfSignedPem;

  /** Self-signed, issued for other.example only. */
  final Path otherName;

  final Path otherNamePem;

  /** A private CA and a server certificate it signed that expired days ago. */
  final Path caPem;

  final Path expired;

  /** A client identity (PKCS#12), and the same as PEM certificate + PKCS#8 key. */
  final Path client;

  final Path clientCertPem;
  final Path clientKeyPem;

  private TestPki(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
    this.dir = dir;
    // seven keytool runs in all: whatever can be done with the KeyStore API in this JVM is
    selfSigned = dir.resolve("self-signed.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "3",
        "-keystore",
        selfSigned.toString());
    selfSignedPem = exportPem(selfSigned, "server", "self-signed.pem");

    otherName = dir.resolve("other-name.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=other.example",
        "-ext",
        "SAN=dns:other.example",
        "-validity",
        "3",
        "-keystore",
        otherName.toString());
    otherNamePem = exportPem(otherName, "server", "other-name.pem");

    Path ca = dir.resolve("ca.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=wsconform test CA",
        "-ext",
        "bc:c",
        "-validity",
        "30",
        "-keystore",
        ca.toString());
    caPem = exportPem(ca, "ca", "ca.pem");
    Path leaf = dir.resolve("expired-key.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-keystore",
        leaf.toString());
    Path csr = dir.resolve("expired.csr");
    keytool("-certreq", "-alias", "server", "-keystore", leaf.toString(), "-file", csr.toString());
    Path signed = dir.resolve("expired-signed.pem");
    keytool(
        "-gencert",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-infile",
        csr.toString(),
        "-outfile",
        signed.toString(),
        "-rfc",
        "-startdate",
        "-10d",
        "-validity",
        "2",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost");
    expired = dir.resolve("expired.p12");
    KeyStore chain = KeyStore.getInstance("PKCS12");
    chain.load(null, null);
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    Certificate leafCert;
    Certificate caCert;
    try (InputStream a = Files.newInputStream(signed);
        InputStream b = Files.newInputStream(caPem)) {
      leafCert = x509.generateCertificate(a);
      caCert = x509.generateCertificate(b);
    }
    chain.setKeyEntry(
        "server",
        load(leaf).getKey("server", PASSWORD.toCharArray()),
        PASSWORD.toCharArray(),
        new Certificate[] {leafCert, caCert});
    try (OutputStream o = Files.newOutputStream(expired)) {
      chain.store(o, PASSWORD.toCharArray());
    }

    client = dir.resolve("client.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "client",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=wsconform client",
        "-validity",
        "3",
        "-keystore",
        client.toString());
    KeyStore ks = load(client);
    clientCertPem = exportPem(client, "client", "client-cert.pem");
    clientKeyPem = dir.resolve("client-key.pem");
    Files.writeString(
        clientKeyPem, pem("PRIVATE KEY", ks.getKey("client", PASSWORD.toCharArray()).getEncoded()));
  }

  static synchronized TestPki get() throws Exception {
    if (instance == null) instance = new TestPki(Files.createTempDirectory("wsconform-pki"));
    return instance;
  }

  static KeyStore load(Path p12) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    return ks;
  }

  /** A trust store holding the client certificate: what the server checks mutual TLS against. */
  KeyStore clientTrust() throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("client", load(client).getCertificate("client"));
    return trust;
  }

  private Path exportPem(Path store, String alias, String file)
      throws IOException, GeneralSecurityException {
    Path pem = dir.resolve(file);
    Files.writeString(pem, pem("CERTIFICATE", load(store).getCertificate(alias).getEncoded()));
    return pem;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    if (List.of(args).contains("-genkeypair")) cmd.addAll(List.of("-keypass", PASSWORD));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }
}
