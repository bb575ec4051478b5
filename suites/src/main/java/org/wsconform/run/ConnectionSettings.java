package org.wsconform.run;

import java.util.List;
import org.wsconform.wire.TlsOptions;

/**
 * How the harness reaches a deployed endpoint: TLS trust, and which header values are secrets
 * to redact in every output.
 */
public record ConnectionSettings(TlsOptions tls, List<String> secretHeaders) {
  public static final ConnectionSettings DEFAULT = new ConnectionSettings(TlsOptions.SYSTEM, List.of());

  public ConnectionSettings {
    secretHeaders = List.copyOf(secretHeaders);
  }
}
