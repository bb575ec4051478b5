package org.wsconform.judge;

import org.wsconform.verdict.Behavior;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.UpgradeRequest;

/**
 * The opening handshake as it happened: the request as sent, and either the response head or why
 * none could be read (the server closed, the deadline passed, garbage arrived).
 *
 * @param broken the verdict of a broken expectation for this case, from its requirement level
 *     (MUST: FAILED, SHOULD: NON-STRICT, INFORMATIONAL: INFORMATIONAL)
 */
public record HandshakeExchange(
    UpgradeRequest request, String key, ResponseHead response, String failure, Behavior broken) {
  public boolean answered() {
    return response != null;
  }
}
