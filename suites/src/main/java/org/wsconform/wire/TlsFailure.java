package org.wsconform.wire;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A TLS handshake that failed, with the reason in the words a person acts on: the JDK says "PKIX
 * path building failed: sun.security.provider.certpath.SunCertPathBuilderException", the report
 * says "untrusted" and what to do about it.
 */
public final class TlsFailure extends SSLHandshakeException {
  /** Why, as one word or two. */
  public enum Kind {
    EXPIRED("expired"),
    NOT_YET_VALID("not yet valid"),
    UNTRUSTED("untrusted"),
    HOSTNAME_MISMATCH("hostname mismatch"),
    REVOKED("revoked"),
    CLIENT_CERTIFICATE("client certificate"),
    PROTOCOL("protocol"),
    TIMEOUT("timeout");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  private final Kind kind;

  public TlsFailure(Kind kind, String message, Throwable cause) {
    // RFC 6455 §4.1 item 5: a wss:// client whose TLS handshake fails fails the connection
    super(kind.word() + ": " + message + " [RFC 6455 §4.1]");
    this.kind = kind;
    if (cause != null) initCause(cause);
  }

  public Kind kind() {
    return kind;
  }

  /** In words, where a message shows the exception itself ("connection failed …: " + e). */
  @Override
  public String toString() {
    return "the TLS handshake failed: " + getMessage();
  }

  /** Reads the JDK's exception chain and says what went wrong with {@code host}'s TLS. */
  public static TlsFailure classify(Throwable ex, String host) {
    if (ex instanceof TlsFailure t) return t;
    String jdk = String.valueOf(ex.getMessage());
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return new TlsFailure(
            Kind.EXPIRED,
            "a certificate in the server's chain has expired (" + t.getMessage() + ")",
            ex);
      }
      if (t instanceof CertificateNotYetValidException) {
        return new TlsFailure(
            Kind.NOT_YET_VALID,
            "a certificate in the server's chain is not valid yet ("
                + t.getMessage()
                + "); check the server's and this machine's clocks",
            ex);
      }
      if (t instanceof CertPathValidatorException v) {
        CertPathValidatorException.Reason r = v.getReason();
        if (r == CertPathValidatorException.BasicReason.EXPIRED) {
          return new TlsFailure(
              Kind.EXPIRED,
              "a certificate in the server's chain has expired (" + v.getMessage() + ")",
              ex);
        }
        if (r == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
          return new TlsFailure(
              Kind.NOT_YET_VALID,
              "a certificate in the server's chain is not valid yet (" + v.getMessage() + ")",
              ex);
        }
        if (r == CertPathValidatorException.BasicReason.REVOKED) {
          return new TlsFailure(
              Kind.REVOKED,
              "the server's certificate has been revoked (" + v.getMessage() + ")",
              ex);
        }
        return new TlsFailure(
            Kind.UNTRUSTED,
            "the server's certificate chain does not validate ("
                + v.getMessage()
                + "); give its CA with --ca-cert FILE, or --insecure to skip verification",
            ex);
      }
      if (t instanceof CertPathBuilderException) {
        return new TlsFailure(
            Kind.UNTRUSTED,
            "the server's certificate does not lead to a trusted CA (self-signed, or"
                + " signed by a CA this trust store does not hold); give the CA with --ca-cert FILE, or --insecure to skip"
                + " verification",
            ex);
      }
      String m = String.valueOf(t.getMessage());
      if (t instanceof SSLPeerUnverifiedException
          || m.startsWith("No subject alternative")
          || m.startsWith("No name matching")) {
        return new TlsFailure(
            Kind.HOSTNAME_MISMATCH,
            "the server's certificate is not for '"
                + host
                + "' ("
                + m
                + "); use the name the certificate was issued for, or --insecure",
            ex);
      }
    }
    String lower = jdk.toLowerCase(Locale.ROOT);
    if (lower.contains("bad_certificate")
        || lower.contains("certificate_required")
        || lower.contains("unknown_ca")
        || lower.contains("certificate_unknown")
        || lower.contains("access_denied")) {
      return new TlsFailure(
          Kind.CLIENT_CERTIFICATE,
          "the server refused the handshake over the client certificate ("
              + jdk
              + "); it may want one (--client-cert, --client-key) or not trust the one given",
          ex);
    }
    if (lower.contains("unsupported or unrecognized ssl message")
        || lower.contains("plaintext connection")) {
      return new TlsFailure(
          Kind.PROTOCOL,
          "the server did not answer in TLS (" + jdk + "); is it a plain ws:// port?",
          ex);
    }
    if (lower.contains("protocol_version")
        || lower.contains("no appropriate protocol")
        || lower.contains("handshake_failure")
        || lower.contains("insufficient_security")) {
      return new TlsFailure(
          Kind.PROTOCOL,
          "no TLS version or cipher suite in common with the server (" + jdk + ")",
          ex);
    }
    return new TlsFailure(Kind.PROTOCOL, jdk, ex);
  }
}
