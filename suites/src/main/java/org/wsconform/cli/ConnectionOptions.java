package org.wsconform.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wsconform.run.ConnectionSettings;
import org.wsconform.wire.ClientIdentity;
import org.wsconform.wire.ConnectPacing;
import org.wsconform.wire.HttpProxy;
import org.wsconform.wire.TlsOptions;
import picocli.CommandLine.Option;

/** Options for reaching deployed endpoints: TLS, proxies, pacing, secrets. */
@picocli.CommandLine.Command
public final class ConnectionOptions {
  /**
   * Where a PKCS#12 client certificate's password comes from: never the command line (ps shows it).
   */
  static final String CLIENT_CERT_PASSWORD_ENV = "WSCONFORM_CLIENT_CERT_PASSWORD";

  @Option(
      names = "--ca-cert",
      paramLabel = "FILE",
      description =
          "trust the CA certificate(s) in this PEM file instead of the system trust store (wss://)")
  Path caCert;

  @Option(
      names = "--insecure",
      description =
          "wss:// without verifying the server's certificate or host name (the console and every report say so)")
  boolean insecure;

  @Option(
      names = "--client-cert",
      paramLabel = "FILE",
      description =
          "a client certificate for mutual TLS: PEM (with --client-key) or PKCS#12 (password in $"
              + CLIENT_CERT_PASSWORD_ENV
              + ")")
  Path clientCert;

  @Option(
      names = "--client-key",
      paramLabel = "FILE",
      description = "the PEM private key of --client-cert (PKCS#8 or PKCS#1 RSA)")
  Path clientKey;

  @Option(
      names = "--proxy",
      paramLabel = "URL",
      description =
          "reach the target through this HTTP proxy with CONNECT, e.g. http://proxy.example:3128")
  String proxy;

  @Option(
      names = "--proxy-auth",
      paramLabel = "USER:PASSWORD",
      description = "Basic credentials for --proxy (redacted in every output)")
  String proxyAuth;

  @Option(
      names = "--secret-header",
      paramLabel = "NAME",
      description =
          "a header whose value is redacted in every output (repeatable); Authorization, Cookie and"
              + " Proxy-Authorization always are")
  List<String> secretHeaders = new ArrayList<>();

  @Option(
      names = "--max-concurrency",
      paramLabel = "N",
      description =
          "at most N cases at once, whatever --parallel says (for endpoints that limit connections)")
  Integer maxConcurrency;

  @Option(
      names = "--rate",
      paramLabel = "N/s",
      description = "at most N new connections per second, evenly spaced (e.g. 5, 5/s, 120/min)")
  String rate;

  @Option(
      names = "--connect-retries",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "try a refused or timed-out TCP connect again up to N times, with a back-off (default: ${DEFAULT-VALUE});"
              + " nothing after the TCP connect is ever retried")
  int connectRetries;

  /**
   * The numbers among these options, checked before anything starts: a message saying what was
   * given and what to pass, or null.
   */
  String check() {
    if (maxConcurrency != null && maxConcurrency < 1) {
      return "--max-concurrency must be at least 1 (cases at once), got "
          + maxConcurrency
          + "; leave it out for no cap";
    }
    if (connectRetries < 0) {
      return "--connect-retries must be 0 or more, got " + connectRetries;
    }
    if (rate != null) {
      try {
        ConnectPacing.parse(rate);
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    return null;
  }

  /**
   * The settings these options describe; throws IllegalArgumentException for bad input (exit 2).
   */
  ConnectionSettings settings(PrintStream stderr) {
    if (caCert != null && !Files.isReadable(caCert))
      throw new IllegalArgumentException("--ca-cert " + caCert + ": no such readable file");
    if (clientKey != null && clientCert == null)
      throw new IllegalArgumentException("--client-key needs --client-cert");
    if (connectRetries < 0)
      throw new IllegalArgumentException(
          "--connect-retries must be 0 or more, got " + connectRetries);
    if (proxyAuth != null && proxy == null)
      throw new IllegalArgumentException("--proxy-auth needs --proxy");
    if (proxyAuth != null && !proxyAuth.contains(":"))
      throw new IllegalArgumentException("--proxy-auth: expected USER:PASSWORD");
    for (String h : secretHeaders) {
      if (!h.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        throw new IllegalArgumentException(
            "--secret-header takes a header name (no colon, no value), got '" + h + "'");
      }
    }
    ClientIdentity client = null;
    if (clientCert != null) {
      String pw = System.getenv(CLIENT_CERT_PASSWORD_ENV);
      client = ClientIdentity.load(clientCert, clientKey, pw == null ? null : pw.toCharArray());
    }
    if (insecure && caCert != null) {
      stderr.println("wsconform: --insecure wins over --ca-cert: no certificate is verified");
    }
    TlsOptions tls = TlsOptions.of(caCert, insecure, client);
    // unchanged options stay the very default object: a profile's own TLS settings apply then
    if (connectRetries != tls.connectRetries()) tls = tls.withConnectRetries(connectRetries);
    if (proxy != null) tls = tls.withProxy(HttpProxy.parse(proxy, proxyAuth));
    if (rate != null) tls = tls.withPacing(ConnectPacing.parse(rate));
    return new ConnectionSettings(tls, secretHeaders, maxConcurrency);
  }
}
