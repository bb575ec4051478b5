package org.wsconform.wire;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client's key manager, watching for the server's CertificateRequest. In TLS 1.3 the client's
 * handshake ends before the server has judged the client's certificate (or its absence): a refusal
 * arrives as an alert afterwards, and may meet the upgrade request as a "Broken pipe". Knowing that
 * the server asked, the connection waits a moment for that verdict once per endpoint (see
 * WireConnection), so the run stops with "client certificate" instead of a broken pipe.
 */
final class CertificateRequests extends X509ExtendedKeyManager {
  /** Which watcher belongs to which context (contexts made by TlsOptions, and the default one). */
  private static final Map<SSLContext, CertificateRequests> BY_CONTEXT =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final X509ExtendedKeyManager identity;
  private final Set<Socket> asked =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private final Set<String> settled = ConcurrentHashMap.newKeySet();

  /**
   * @param identity the client certificate's key manager, or null for none
   */
  CertificateRequests(X509ExtendedKeyManager identity) {
    this.identity = identity;
  }

  static CertificateRequests wrap(KeyManager[] keys) {
    if (keys != null) {
      for (KeyManager k : keys) {
        if (k instanceof X509ExtendedKeyManager x) return new CertificateRequests(x);
      }
    }
    return new CertificateRequests(null);
  }

  /**
   * An SSLContext whose key manager is this watcher around {@code keys}; null trust = the system's.
   */
  static SSLContext context(KeyManager[] keys, TrustManager[] trust)
      throws GeneralSecurityException {
    CertificateRequests watcher = wrap(keys);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(new KeyManager[] {watcher}, trust, null);
    BY_CONTEXT.put(ctx, watcher);
    return ctx;
  }

  /** The watcher of a context, or null for a context made elsewhere (a profile's). */
  static CertificateRequests of(SSLContext ctx) {
    return BY_CONTEXT.get(ctx);
  }

  /** Whether the server asked this connection for a client certificate. */
  boolean asked(Socket s) {
    return asked.contains(s);
  }

  /**
   * Whether an endpoint has already accepted this client's answer (then there is nothing to wait
   * for).
   */
  boolean settled(String endpoint) {
    return settled.contains(endpoint);
  }

  void settle(String endpoint) {
    settled.add(endpoint);
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    if (socket != null) asked.add(socket);
    return identity == null ? null : identity.chooseClientAlias(keyType, issuers, socket);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return identity == null ? null : identity.chooseEngineClientAlias(keyType, issuers, engine);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return identity == null ? null : identity.getClientAliases(keyType, issuers);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return identity == null ? null : identity.getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return identity == null ? null : identity.getPrivateKey(alias);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
