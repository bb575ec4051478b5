package org.wsconform.judge;

import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.UpgradeRequest;

/**
 * The opening handshake as it happened: the request as sent, and either the response head or
 * why none could be read (the server closed, the deadline passed, garbage arrived).
 */
public record HandshakeExchange(UpgradeRequest request, String key, ResponseHead response, String failure) {
  public boolean answered() {
    return response != null;
  }
}
