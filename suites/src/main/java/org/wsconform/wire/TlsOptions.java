package org.wsconform.wire;

import javax.net.ssl.SSLContext;

/**
 * How wss:// connections are secured. Default: the JDK's system trust store, SNI with the URL's
 * host, and hostname verification (RFC 6125 via the JDK's "HTTPS" endpoint identification).
 *
 * @param context   the SSLContext to use; null = the JDK default (system trust)
 * @param verifyHostname false only together with an all-trusting context (--insecure)
 */
public record TlsOptions(SSLContext context, boolean verifyHostname) {
  public static final TlsOptions SYSTEM = new TlsOptions(null, true);
}
