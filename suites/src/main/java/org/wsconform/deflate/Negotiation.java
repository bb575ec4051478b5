package org.wsconform.deflate;

import java.util.List;

/**
 * How a server answered our permessage-deflate offers, judged as a client must (RFC 7692 §5, §7).
 */
public sealed interface Negotiation
    permits Negotiation.Accepted, Negotiation.Declined, Negotiation.Invalid {

  /**
   * The server accepted one of our offers with a valid response.
   *
   * @param offerIndex which offer (0-based, in the order sent) the response answers: the first
   *     whose requests it honours in full, else the first it is valid for
   * @param response the accepted element as the server wrote it
   * @param notHonoured what the chosen offer asked the server for that the response does not grant
   *     (e.g. {@code server_no_context_takeover} missing), each "expected …, observed … (RFC 7692
   *     §…)"; the client can live with these, so they do not fail the handshake
   */
  record Accepted(
      Agreement agreement, int offerIndex, ExtensionElement response, List<String> notHonoured)
      implements Negotiation {
    public Accepted {
      notHonoured = List.copyOf(notHonoured);
    }
  }

  /** No permessage-deflate in the response: the server declined every offer (or we made none). */
  record Declined() implements Negotiation {}

  /**
   * The response breaks a rule, so a client MUST fail the connection.
   *
   * @param reason "expected …, observed … (RFC 7692 §…)"
   * @param autobahnRejects whether Autobahn|Testsuite's client rejects it as well (unknown or
   *     repeated parameter, window value outside 8–15 or missing, more than one
   *     permessage-deflate); false for the rules only the RFC states (leading zeros, an unoffered
   *     {@code client_max_window_bits}, a server window above the one offered), which Autobahn's
   *     cases let through
   */
  record Invalid(String reason, boolean autobahnRejects) implements Negotiation {}
}
