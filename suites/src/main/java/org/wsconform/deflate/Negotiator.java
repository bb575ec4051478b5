package org.wsconform.deflate;

import java.util.List;
import java.util.Optional;

/** The rules behind {@link PermessageDeflate#negotiate} and {@link PermessageDeflate#offerProblem}. */
final class Negotiator {
  private Negotiator() {}

  static Negotiation negotiate(List<String> offerHeaders, List<String> responseHeaders) {
    throw new UnsupportedOperationException("TODO");
  }

  static boolean offers(List<String> offerHeaders) {
    throw new UnsupportedOperationException("TODO");
  }

  static Optional<String> offerProblem(ExtensionElement offer) {
    throw new UnsupportedOperationException("TODO");
  }
}
