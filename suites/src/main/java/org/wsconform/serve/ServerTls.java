package org.wsconform.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The fuzzing server's TLS identity for wss://: a self-signed certificate for localhost and
 * 127.0.0.1 made on the spot with the JDK's keytool, or a PEM certificate chain and PKCS#8 key the
 * user gives.
 */
public final class ServerTls {
  private static final char[] PASSWORD = "wsconform".toCharArray();

  private ServerTls() {}

  /** Where a generated keystore is kept, so that clients can be told to trust it. */
  public record Identity(SSLContext context, Path certificate) {}

  /**
   * A new self-signed EC certificate (CN=localhost, SAN localhost and 127.0.0.1, 30 days) in {@code
   * dir}: {@code server.p12} and {@code server.pem} (the certificate, for clients' trust).
   */
  public static Identity selfSigned(Path dir) throws IOException, GeneralSecurityException {
    Files.createDirectories(dir);
    Path p12 = dir.resolve("server.p12");
    Files.deleteIfExists(p12);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    run(
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            "wsconform",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=localhost",
            "-ext",
            "SAN=dns:localhost,ip:127.0.0.1,ip:::1",
            "-validity",
            "30",
            "-storetype",
            "PKCS12",
            "-keystore",
            p12.toString(),
            "-storepass",
            new String(PASSWORD),
            "-keypass",
            new String(PASSWORD)));
    Path pem = dir.resolve("server.pem");
    Files.deleteIfExists(pem);
    run(
        List.of(
            keytool.toString(),
            "-exportcert",
            "-rfc",
            "-alias",
            "wsconform",
            "-keystore",
            p12.toString(),
            "-storepass",
            new String(PASSWORD),
            "-file",
            pem.toString()));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, PASSWORD);
    }
    return new Identity(context(ks), pem);
  }

  /**
   * The user's certificate chain (PEM) and private key (PEM, PKCS#8 "BEGIN PRIVATE KEY").
   *
   * @throws IllegalArgumentException a file that is not what it should be (the message says how to
   *     convert it)
   */
  public static Identity fromPem(Path cert, Path key) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(cert)) {
      chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "--cert " + cert + ": expected a PEM certificate chain, observed: " + e.getMessage());
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(
          "--cert " + cert + ": expected a PEM certificate, observed none");
    }
    String pem = Files.readString(key);
    if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "--key "
              + key
              + ": expected a PKCS#8 key ('BEGIN PRIVATE KEY'), observed a traditional one;"
              + " convert it with: openssl pkcs8 -topk8 -nocrypt -in "
              + key
              + " -out key.pk8.pem");
    }
    int b = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int e = pem.indexOf("-----END PRIVATE KEY-----");
    if (b < 0 || e < b) {
      throw new IllegalArgumentException(
          "--key " + key + ": expected a PEM block 'BEGIN PRIVATE KEY' (PKCS#8, unencrypted)");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(b + 27, e).replaceAll("\\s", ""));
    PrivateKey pk = null;
    for (String alg : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
      try {
        pk = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
        break;
      } catch (GeneralSecurityException tryNext) {
        // the key's algorithm is not in the DER we read by hand; the next factory may take it
      }
    }
    if (pk == null) {
      throw new IllegalArgumentException("--key " + key + ": not an RSA, EC or Ed25519 PKCS#8 key");
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("wsconform", pk, PASSWORD, chain.toArray(Certificate[]::new));
    return new Identity(context(ks), cert);
  }

  private static SSLContext context(KeyStore ks) throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private static void run(List<String> argv) throws IOException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(
            "keytool failed to make the self-signed certificate: "
                + new String(out, StandardCharsets.UTF_8).trim()
                + " (give one with --cert and --key)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the certificate", e);
    }
  }
}
