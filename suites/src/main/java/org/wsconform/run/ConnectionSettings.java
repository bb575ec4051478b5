package org.wsconform.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsconform.wire.HttpProxy;
import org.wsconform.wire.TlsOptions;

/**
 * How the harness reaches a deployed endpoint: TLS trust and identity, the route (proxy, connect
 * retries, pacing — inside {@link TlsOptions}), how many cases may run at once, and which header
 * values are secrets to redact in every output.
 *
 * @param maxConcurrency at most this many cases at once (--max-concurrency), or null for no cap
 */
public record ConnectionSettings(
    TlsOptions tls, List<String> secretHeaders, Integer maxConcurrency) {
  public static final ConnectionSettings DEFAULT =
      new ConnectionSettings(TlsOptions.SYSTEM, List.of(), null);

  /** What the console and every report say when --insecure is on. */
  public static final String INSECURE_WARNING =
      "INSECURE: TLS verification was off (--insecure, or the profile's"
          + " tls.insecure / tls.verify-hostname=false): the server's certificate or host name was NOT verified, so these"
          + " results may come from an impostor or through an interceptor";

  public ConnectionSettings {
    secretHeaders = List.copyOf(secretHeaders);
    if (maxConcurrency != null && maxConcurrency < 1) {
      throw new IllegalArgumentException(
          "--max-concurrency must be at least 1, got " + maxConcurrency);
    }
  }

  public ConnectionSettings(TlsOptions tls, List<String> secretHeaders) {
    this(tls, secretHeaders, null);
  }

  /** Values to hide that are not in any header or URL the run sends: the proxy's credentials. */
  public List<String> secretValues() {
    List<String> out = new ArrayList<>();
    HttpProxy p = tls.proxy();
    if (p != null && p.user() != null) {
      out.add(p.user() + ":" + p.password());
      out.add(p.password());
      out.add(p.authorization());
      out.add(p.authorization().substring("Basic ".length()));
    }
    return out;
  }

  /** Whether this run talks TLS without verifying the server (wss:// with --insecure). */
  public static boolean insecure(RunSettings s) {
    return s.endpoint().tls() && s.tls().insecure();
  }

  /** The number of cases to run at once: {@code wanted}, capped by --max-concurrency. */
  public int concurrency(int wanted) {
    return maxConcurrency == null ? wanted : Math.min(wanted, maxConcurrency);
  }

  /**
   * A case result as the reports must show it under these settings: with --insecure, every record
   * carries the warning in its details, so no report of the run can be read without it.
   */
  public static CaseResult annotate(CaseResult r, RunSettings s) {
    if (!insecure(s)) return r;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("tls", INSECURE_WARNING);
    if (r.details() != null) details.putAll(r.details());
    return new CaseResult(
        r.testCase(),
        r.judgement(),
        r.outcome(),
        r.reason(),
        r.expectation(),
        r.received(),
        r.close(),
        r.httpRequest(),
        r.httpResponse(),
        r.started(),
        r.durationMillis(),
        r.wirelog(),
        r.error(),
        details,
        r.fix());
  }
}
