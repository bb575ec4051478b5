package org.wsconform.deflate;

import java.util.List;
import java.util.Optional;

/**
 * permessage-deflate negotiation (RFC 7692 §5–7): the offers the harness sends, and the client's
 * validation of the server's response.
 */
public final class PermessageDeflate {
  public static final String NAME = "permessage-deflate";
  public static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
  public static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
  public static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
  public static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

  private PermessageDeflate() {}

  /**
   * A bare {@code permessage-deflate} offer, to add parameters to with {@link
   * ExtensionElement#with}.
   */
  public static ExtensionElement offer() {
    return ExtensionElement.named(NAME);
  }

  /**
   * Autobahn's 12.* offer: {@code permessage-deflate; client_no_context_takeover;
   * client_max_window_bits}.
   */
  public static ExtensionElement autobahnOffer() {
    return offer().with(CLIENT_NO_CONTEXT_TAKEOVER).with(CLIENT_MAX_WINDOW_BITS);
  }

  /**
   * One of Autobahn's 13.* offers: {@link #autobahnOffer()} plus {@code server_no_context_takeover}
   * when {@code requestNoContextTakeover}, plus {@code server_max_window_bits=N} when N is not 0.
   */
  public static ExtensionElement autobahnOffer(
      boolean requestNoContextTakeover, int requestMaxWindowBits) {
    ExtensionElement e = autobahnOffer();
    if (requestNoContextTakeover) e = e.with(SERVER_NO_CONTEXT_TAKEOVER);
    if (requestMaxWindowBits != 0) e = e.with(SERVER_MAX_WINDOW_BITS, requestMaxWindowBits);
    return e;
  }

  /**
   * The {@code Sec-WebSocket-Extensions} value for offers in order of preference, joined by ", ".
   */
  public static String offer(ExtensionElement... offers) {
    return ExtensionElement.toHeader(List.of(offers));
  }

  public static String offer(List<ExtensionElement> offers) {
    return ExtensionElement.toHeader(offers);
  }

  /**
   * Judges the server's {@code Sec-WebSocket-Extensions} response headers against the offers we
   * sent (the request's header value, parsed). Only permessage-deflate elements of the response are
   * looked at; other extension names are the handshake rules' business.
   *
   * @param offerHeaders the request's Sec-WebSocket-Extensions values (all of them)
   * @param responseHeaders the 101's Sec-WebSocket-Extensions values (all of them)
   */
  public static Negotiation negotiate(List<String> offerHeaders, List<String> responseHeaders) {
    return Negotiator.negotiate(offerHeaders, responseHeaders);
  }

  /** Whether the request offers permessage-deflate at all. */
  public static boolean offers(List<String> offerHeaders) {
    return Negotiator.offers(offerHeaders);
  }

  /**
   * The server's view of one offer (RFC 7692 §7): the first rule it breaks, which obliges a server
   * to decline it ("expected …, observed … (RFC 7692 §…)"), or empty when a server may accept it.
   */
  public static Optional<String> offerProblem(ExtensionElement offer) {
    return Negotiator.offerProblem(offer);
  }
}
