package org.wsconform.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * A client certificate for servers that ask for one (mutual TLS): a PEM certificate chain with its
 * PEM private key (PKCS#8, or PKCS#1 for RSA), or a PKCS#12 file holding both.
 */
public final class ClientIdentity {
  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final char[] IN_MEMORY_PASSWORD = "wsconform".toCharArray();

  private final KeyStore store;
  private final char[] password;

  private ClientIdentity(KeyStore store, char[] password) {
    this.store = store;
    this.password = password;
  }

  /**
   * From files: {@code cert} a PEM chain and {@code key} its PEM key; or {@code cert} a PKCS#12
   * file (.p12/.pfx, or anything that is not PEM) and {@code key} null, with {@code password}.
   *
   * @throws IllegalArgumentException the files cannot be read or do not fit together; the message
   *     says which
   */
  public static ClientIdentity load(Path cert, Path key, char[] password) {
    byte[] certBytes = read(cert, "--client-cert");
    if (!isPem(certBytes)) {
      if (key != null) {
        throw new IllegalArgumentException(
            "--client-cert "
                + cert
                + " is not PEM (a PKCS#12 file?); a PKCS#12 file holds"
                + " its own key, so leave out --client-key");
      }
      return pkcs12(cert, certBytes, password == null ? new char[0] : password);
    }
    if (key == null) {
      throw new IllegalArgumentException(
          "--client-cert "
              + cert
              + " is a PEM certificate: give its private key with"
              + " --client-key FILE (or use a PKCS#12 file that holds both)");
    }
    try {
      Collection<? extends Certificate> chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(certBytes));
      if (chain.isEmpty())
        throw new IllegalArgumentException("--client-cert " + cert + ": no certificate in it");
      PrivateKey pk = privateKey(key, read(key, "--client-key"));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("client", pk, IN_MEMORY_PASSWORD, chain.toArray(Certificate[]::new));
      return new ClientIdentity(ks, IN_MEMORY_PASSWORD);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "--client-cert " + cert + " / --client-key " + key + ": " + e.getMessage(), e);
    }
  }

  KeyManager[] keyManagers() throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    return kmf.getKeyManagers();
  }

  private static ClientIdentity pkcs12(Path file, byte[] bytes, char[] password) {
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      boolean hasKey = false;
      for (String alias : Collections.list(ks.aliases())) hasKey |= ks.isKeyEntry(alias);
      if (!hasKey)
        throw new IllegalArgumentException(
            "--client-cert " + file + ": the PKCS#12 file holds no private key");
      return new ClientIdentity(ks, password);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--client-cert "
              + file
              + ": not a readable PKCS#12 file, or the password"
              + " (WSCONFORM_CLIENT_CERT_PASSWORD) is wrong: "
              + e.getMessage(),
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("--client-cert " + file + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file, byte[] bytes) throws GeneralSecurityException {
    Matcher m = PEM_BLOCK.matcher(new String(bytes, StandardCharsets.US_ASCII));
    while (m.find()) {
      String type = m.group(1);
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      switch (type) {
        case "PRIVATE KEY" -> {
          return pkcs8(file, der);
        }
        case "RSA PRIVATE KEY" -> {
          return KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(rsaPkcs1ToPkcs8(der)));
        }
        case "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY" ->
            throw new IllegalArgumentException(
                "--client-key "
                    + file
                    + ": a "
                    + type.toLowerCase(Locale.ROOT)
                    + " is not read here; convert it to an unencrypted PKCS#8 key:"
                    + " openssl pkcs8 -topk8 -nocrypt -in "
                    + file.getFileName()
                    + " -out client-key.pem");
        default -> {
          // a certificate or parameters block in the same file: look further
        }
      }
    }
    throw new IllegalArgumentException(
        "--client-key "
            + file
            + ": no PEM private key in it (expected -----BEGIN PRIVATE KEY-----)");
  }

  private static PrivateKey pkcs8(Path file, byte[] der) throws GeneralSecurityException {
    for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException wrongAlgorithm) {
        // try the next algorithm: PKCS#8 names its algorithm inside, the JDK wants it up front
      }
    }
    throw new IllegalArgumentException(
        "--client-key " + file + ": a PKCS#8 key of an algorithm this JDK cannot read");
  }

  /**
   * PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo { version 0, rsaEncryption + NULL, OCTET STRING
   * pkcs1 }.
   */
  static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(algorithm);
    body.write(0x04);
    body.writeBytes(derLength(pkcs1.length));
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.writeBytes(derLength(body.size()));
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static byte[] derLength(int n) {
    if (n < 0x80) return new byte[] {(byte) n};
    if (n < 0x100) return new byte[] {(byte) 0x81, (byte) n};
    if (n < 0x10000) return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
  }

  private static boolean isPem(byte[] b) {
    return new String(b, 0, Math.min(b.length, 4096), StandardCharsets.ISO_8859_1)
        .contains("-----BEGIN ");
  }

  private static byte[] read(Path p, String option) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + p + ": cannot read it (" + e + ")", e);
    }
  }
}
