package org.wsconform.wire;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How connections to the target are made: TLS trust and identity for wss://, and the route there
 * (an HTTP proxy, retries of the TCP connect, pacing of new connections). Default: the JDK's system
 * trust store, SNI with the URL's host, hostname verification (RFC 6125 via the JDK's "HTTPS"
 * endpoint identification), a direct connection, no retry, no pacing.
 *
 * <p>The route lives here rather than in a record of its own because {@code RunSettings} carries
 * one connection object to every case; splitting it is a rename away.
 *
 * @param context the SSLContext to use; null = the JDK default (system trust, no client
 *     certificate)
 * @param verifyHostname false only together with an all-trusting context ({@link #insecure})
 * @param insecure --insecure: no certificate or hostname verification at all (reports say so)
 * @param proxy an HTTP proxy to tunnel through with CONNECT, or null
 * @param connectRetries how often a failed TCP connect is tried again (refused, timed out, no
 *     route); nothing after the TCP connect is ever retried
 * @param pacing spaces out new connections (--rate), or null
 */
public record TlsOptions(
    SSLContext context,
    boolean verifyHostname,
    boolean insecure,
    HttpProxy proxy,
    int connectRetries,
    ConnectPacing pacing) {

  public static final TlsOptions SYSTEM = new TlsOptions(null, true, false, null, 0, null);

  public TlsOptions {
    if (connectRetries < 0)
      throw new IllegalArgumentException(
          "connect retries must be 0 or more, got " + connectRetries);
  }

  /**
   * A context of one's own; without hostname verification the connection counts as insecure
   * (reports say so).
   */
  public TlsOptions(SSLContext context, boolean verifyHostname) {
    this(context, verifyHostname, !verifyHostname, null, 0, null);
  }

  /**
   * Whether these options choose trust or identity themselves (else: the system's trust, no client
   * certificate).
   */
  public boolean setsTrust() {
    return context != null || insecure || !verifyHostname;
  }

  /** {@code other}'s trust and identity (a profile's), with this route (proxy, retries, pacing). */
  public TlsOptions withTrustOf(TlsOptions other) {
    return new TlsOptions(
        other.context, other.verifyHostname, other.insecure, proxy, connectRetries, pacing);
  }

  /**
   * TLS as the user asked for it.
   *
   * @param caCertPem PEM file of the CA certificate(s) to trust instead of the system store, or
   *     null
   * @param insecure trust any certificate for any name (wins over caCertPem)
   * @param client a client certificate to present when the server asks, or null
   * @throws IllegalArgumentException a file that cannot be read or parsed; the message names it
   */
  public static TlsOptions of(Path caCertPem, boolean insecure, ClientIdentity client) {
    try {
      KeyManager[] keys = client == null ? null : client.keyManagers();
      TrustManager[] trust = null;
      if (insecure) {
        trust = new TrustManager[] {new TrustAnything()};
      } else if (caCertPem != null) {
        trust = trusting(caCertPem);
      }
      if (keys == null && trust == null) return SYSTEM;
      SSLContext ctx = CertificateRequests.context(keys, trust);
      return new TlsOptions(ctx, !insecure, insecure, null, 0, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  public TlsOptions withProxy(HttpProxy p) {
    return new TlsOptions(context, verifyHostname, insecure, p, connectRetries, pacing);
  }

  public TlsOptions withConnectRetries(int n) {
    return new TlsOptions(context, verifyHostname, insecure, proxy, n, pacing);
  }

  public TlsOptions withPacing(ConnectPacing p) {
    return new TlsOptions(context, verifyHostname, insecure, proxy, connectRetries, p);
  }

  /**
   * Trust managers that trust exactly the certificates in a PEM file (a private CA, or a
   * self-signed server).
   */
  static TrustManager[] trusting(Path pem) throws GeneralSecurityException {
    Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(pem)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--ca-cert " + pem + ": cannot read it (" + e.getMessage() + ")", e);
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "--ca-cert " + pem + ": not a PEM certificate (" + e.getMessage() + ")", e);
    }
    if (certs.isEmpty()) {
      throw new IllegalArgumentException(
          "--ca-cert " + pem + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
    }
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new IllegalStateException("an empty key store cannot fail to load", e);
    }
    int i = 0;
    for (Certificate c : certs) ks.setCertificateEntry("ca-" + i++, c);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  /**
   * --insecure: every certificate is accepted, for any name. Extended, so that the JDK does not
   * wrap it in its own hostname check.
   */
  private static final class TrustAnything extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
