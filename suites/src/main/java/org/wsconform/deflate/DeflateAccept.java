package org.wsconform.deflate;

import static org.wsconform.deflate.PermessageDeflate.CLIENT_MAX_WINDOW_BITS;
import static org.wsconform.deflate.PermessageDeflate.CLIENT_NO_CONTEXT_TAKEOVER;
import static org.wsconform.deflate.PermessageDeflate.SERVER_MAX_WINDOW_BITS;
import static org.wsconform.deflate.PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the harness, as a server, answers a client's permessage-deflate offers (RFC 7692 §5, §7.1):
 * one of Autobahn's "server accept" pairs (requestNoContextTakeover, requestMaxWindowBits), tried
 * in order of preference against each offer in the client's order, as Autobahn's fuzzing server
 * does.
 *
 * @param requestNoContextTakeover ask the client to reset its context ({@code
 *     client_no_context_takeover}; a server may include it whatever the offer, §7.1.1.1)
 * @param requestMaxWindowBits ask the client for a smaller window ({@code
 *     client_max_window_bits=N}, only when the offer carries {@code client_max_window_bits},
 *     §7.1.2.2); 0 = do not ask
 */
public record DeflateAccept(boolean requestNoContextTakeover, int requestMaxWindowBits) {

  /** Accept the offer as it stands (Autobahn's 12.* server accept). */
  public static final DeflateAccept PLAIN = new DeflateAccept(false, 0);

  /**
   * The response chosen, the agreement it makes (read from the client's side, as every {@link
   * Agreement}), and which offer it accepts (0-based).
   */
  public record Accepted(String response, Agreement agreement, int offerIndex) {}

  /**
   * The first acceptable (offer, preference) pair, or empty when no offer can be accepted (then the
   * response carries no permessage-deflate). Offers that break RFC 7692 §7 (unknown or repeated
   * parameters, values out of range) are declined, as a server MUST.
   *
   * @param offerHeaders the request's Sec-WebSocket-Extensions values, all of them
   */
  public static Optional<Accepted> choose(
      List<String> offerHeaders, List<DeflateAccept> preferences) {
    List<ExtensionElement> offers = new ArrayList<>();
    for (String h : offerHeaders) {
      try {
        offers.addAll(ExtensionElement.parseList(h));
      } catch (IllegalArgumentException malformed) {
        return Optional.empty(); // a header we cannot parse is declined as a whole
      }
    }
    for (int i = 0; i < offers.size(); i++) {
      ExtensionElement offer = offers.get(i);
      if (!offer.isNamed(PermessageDeflate.NAME)) continue;
      if (PermessageDeflate.offerProblem(offer).isPresent()) continue;
      for (DeflateAccept p : preferences) {
        Optional<Accepted> a = p.accept(offer, i);
        if (a.isPresent()) return a;
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@link #choose} found nothing to accept, in the words of a case run with the harness as the
   * server (the client under test made the offers): no offer at all, only offers that break RFC
   * 7692 §7, or offers without the {@code client_max_window_bits} the case needs to ask for.
   */
  public static String whyNone(List<String> offerHeaders, List<DeflateAccept> preferences) {
    List<ExtensionElement> offers = new ArrayList<>();
    for (String h : offerHeaders) {
      try {
        offers.addAll(ExtensionElement.parseList(h));
      } catch (IllegalArgumentException malformed) {
        return "The client's Sec-WebSocket-Extensions header '"
            + h
            + "' cannot be parsed ("
            + malformed.getMessage()
            + "), so the harness declined it: nothing to test (RFC 6455 §9.1).";
      }
    }
    List<ExtensionElement> deflate =
        offers.stream().filter(o -> o.isNamed(PermessageDeflate.NAME)).toList();
    if (deflate.isEmpty()) {
      return "The client offered no permessage-deflate: nothing to test (RFC 7692 §5: offering"
          + " the extension is the client's choice).";
    }
    List<ExtensionElement> valid =
        deflate.stream().filter(o -> PermessageDeflate.offerProblem(o).isEmpty()).toList();
    if (valid.isEmpty()) {
      return "Every permessage-deflate offer of the client breaks RFC 7692 §7 (e.g. '"
          + deflate.get(0)
          + "': "
          + PermessageDeflate.offerProblem(deflate.get(0)).orElse("")
          + "), so the harness declined them: nothing to test.";
    }
    boolean needsWindow =
        !preferences.isEmpty() && preferences.stream().allMatch(p -> p.requestMaxWindowBits != 0);
    if (needsWindow && valid.stream().noneMatch(o -> o.has(CLIENT_MAX_WINDOW_BITS))) {
      return "The client's permessage-deflate offer carries no client_max_window_bits, so the"
          + " harness cannot ask for the "
          + preferences.get(0).requestMaxWindowBits
          + "-bit window this case is about (RFC 7692 §7.1.2.2: a server may name"
          + " client_max_window_bits only if the offer did): nothing to test.";
    }
    return "No permessage-deflate offer of the client could be accepted as this case needs"
        + " (offers: "
        + String.join(", ", offerHeaders)
        + "): nothing to test.";
  }

  private Optional<Accepted> accept(ExtensionElement offer, int index) {
    boolean clientWindowOffered = offer.has(CLIENT_MAX_WINDOW_BITS);
    if (requestMaxWindowBits != 0 && !clientWindowOffered) return Optional.empty();
    ExtensionElement r = PermessageDeflate.offer();
    boolean serverNoContext = offer.has(SERVER_NO_CONTEXT_TAKEOVER);
    if (serverNoContext) r = r.with(SERVER_NO_CONTEXT_TAKEOVER);
    int serverBits = 15;
    Optional<Parameter> sw = offer.parameter(SERVER_MAX_WINDOW_BITS);
    if (sw.isPresent() && sw.get().hasValue()) {
      serverBits = Integer.parseInt(sw.get().value().replace("\"", ""));
      r = r.with(SERVER_MAX_WINDOW_BITS, serverBits);
    }
    if (requestNoContextTakeover) r = r.with(CLIENT_NO_CONTEXT_TAKEOVER);
    int clientBits = 15;
    if (requestMaxWindowBits != 0) {
      clientBits = requestMaxWindowBits;
      r = r.with(CLIENT_MAX_WINDOW_BITS, clientBits);
    }
    return Optional.of(
        new Accepted(
            r.toString(),
            new Agreement(serverNoContext, requestNoContextTakeover, serverBits, clientBits),
            index));
  }
}
