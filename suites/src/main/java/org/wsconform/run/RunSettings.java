package org.wsconform.run;

import java.util.List;
import org.wsconform.session.Peer;
import org.wsconform.session.SessionSettings;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Header;
import org.wsconform.wire.TlsOptions;

/**
 * What every case of a run shares.
 *
 * @param endpoint the target
 * @param agent the target's name in reports
 * @param headers extra headers for every upgrade request (--header)
 * @param timeScale multiplies every timer and deadline (--timeout-scale)
 * @param strict NON-STRICT and unclean closes fail the gate (--strict)
 * @param maxMessage the largest message or frame the harness accepts from the target
 * @param declaredMessageLimit the message-size limit the target's profile declares (octets), or
 *     null when it declares none (Cloudflare Workers, for instance, close with 1009 above 1 MiB)
 * @param peer what the target's application does with messages (echo, silent, dialogue)
 */
public record RunSettings(
    Endpoint endpoint,
    String agent,
    List<Header> headers,
    TlsOptions tls,
    double timeScale,
    boolean strict,
    long maxMessage,
    Long declaredMessageLimit,
    Peer peer) {

  public RunSettings {
    headers = List.copyOf(headers);
    if (peer == null) peer = Peer.ECHO;
  }

  public RunSettings(
      Endpoint endpoint,
      String agent,
      List<Header> headers,
      TlsOptions tls,
      double timeScale,
      boolean strict,
      long maxMessage,
      Long declaredMessageLimit) {
    this(
        endpoint,
        agent,
        headers,
        tls,
        timeScale,
        strict,
        maxMessage,
        declaredMessageLimit,
        Peer.ECHO);
  }

  /** The same settings against another peer model. */
  public RunSettings withPeer(Peer p) {
    return new RunSettings(
        endpoint, agent, headers, tls, timeScale, strict, maxMessage, declaredMessageLimit, p);
  }

  public static RunSettings of(Endpoint e, String agent) {
    return new RunSettings(e, agent, List.of(), TlsOptions.SYSTEM, 1.0, false, 256L << 20, null);
  }

  /** What each case's session needs of these settings. */
  public SessionSettings session() {
    return new SessionSettings(timeScale, maxMessage, declaredMessageLimit);
  }

  public RunSettings withHeaders(List<Header> h) {
    return new RunSettings(
        endpoint, agent, h, tls, timeScale, strict, maxMessage, declaredMessageLimit, peer);
  }

  public RunSettings withTimeScale(double s) {
    return new RunSettings(
        endpoint, agent, headers, tls, s, strict, maxMessage, declaredMessageLimit, peer);
  }

  public RunSettings withStrict(boolean s) {
    return new RunSettings(
        endpoint, agent, headers, tls, timeScale, s, maxMessage, declaredMessageLimit, peer);
  }

  public RunSettings withDeclaredMessageLimit(Long limit) {
    return new RunSettings(
        endpoint, agent, headers, tls, timeScale, strict, maxMessage, limit, peer);
  }

  public RunSettings withTls(TlsOptions t) {
    return new RunSettings(
        endpoint, agent, headers, t, timeScale, strict, maxMessage, declaredMessageLimit, peer);
  }
}
