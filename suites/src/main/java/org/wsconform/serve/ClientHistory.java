package org.wsconform.serve;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one client (one agent) sent on its connections so far in a run, for the rules that span
 * connections: a Sec-WebSocket-Key must be new on every connection (RFC 6455 §4.1, item 7).
 *
 * @see ServerSide#request()
 */
public final class ClientHistory {
  private final Map<String, String> keys = new HashMap<>();
  private final boolean browser;

  public ClientHistory(boolean browser) {
    this.browser = browser;
  }

  /** Whether the client is a browser (its profile says so): then it must send Origin. */
  public boolean browser() {
    return browser;
  }

  /** Records the key a connection for case {@code caseId} sent (the first use of a key is kept). */
  public synchronized void key(String caseId, String key) {
    keys.putIfAbsent(key, caseId);
  }

  /** The case whose connection first sent this key. */
  public synchronized Optional<String> firstUse(String key) {
    return Optional.ofNullable(keys.get(key));
  }

  public synchronized int connections() {
    return keys.size();
  }
}
