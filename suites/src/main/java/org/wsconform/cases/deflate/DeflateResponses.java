package org.wsconform.cases.deflate;

import static org.wsconform.cases.deflate.DeflateOffers.EXTENSIONS;

import java.util.List;
import java.util.Locale;
import org.wsconform.deflate.ExtensionElement;
import org.wsconform.deflate.Negotiation;
import org.wsconform.deflate.PermessageDeflate;
import org.wsconform.judge.ClientHandshakeRules;
import org.wsconform.judge.HandshakeCheck;
import org.wsconform.judge.HandshakeExchange;
import org.wsconform.judge.HandshakeVerdict;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.ResponseHead;

/**
 * X.*: how the server's answer to a permessage-deflate offer is judged (RFC 6455 §9.1, RFC 7692 §5,
 * §7): declined offers, optional acceptance, granted parameters, the choice among several offers,
 * unknown extensions. The offers themselves are in {@link DeflateOffers}.
 */
final class DeflateResponses {
  private DeflateResponses() {}

  // ---------------------------------------------------------------- handshake checks

  /** A 400 answer: the server refused the whole connection over the extension offer. */
  private static boolean refused(HandshakeExchange x) {
    return x.answered() && x.response().status() == 400;
  }

  /** The RFC 6455 client rules first: anything they reject fails the case as it stands. */
  private static HandshakeVerdict baseRules(HandshakeExchange x) {
    if (!x.answered()) return HandshakeVerdict.failed(x.failure());
    return ClientHandshakeRules.firstBroken(x.request(), x.key(), x.response())
        .map(HandshakeVerdict::failed)
        .orElse(null);
  }

  private static List<String> offers(HandshakeExchange x) {
    return x.request().all(EXTENSIONS);
  }

  private static String response(ResponseHead r) {
    List<String> ext = r.all(EXTENSIONS);
    return ext.isEmpty()
        ? "no Sec-WebSocket-Extensions"
        : "'" + EXTENSIONS + ": " + String.join(", ", ext) + "'";
  }

  static HandshakeVerdict noExtensionExpected(HandshakeExchange x) {
    if (!x.answered()) return HandshakeVerdict.failed(x.failure());
    if (x.response().status() == 101 && !x.response().all(EXTENSIONS).isEmpty()) {
      return HandshakeVerdict.failed(
          "expected no Sec-WebSocket-Extensions (nothing was offered), observed "
              + response(x.response())
              + " (RFC 6455 §9.1)");
    }
    HandshakeVerdict base = baseRules(x);
    return base != null ? base : HandshakeVerdict.open();
  }

  /** 101 without permessage-deflate: OK; 400: NON-STRICT; the offer accepted: FAILED. */
  static HandshakeCheck mustDecline(String why, String rfc) {
    return x -> {
      if (refused(x)) {
        return HandshakeVerdict.nonStrict(
            "expected 101 without permessage-deflate (the offer declined, the "
                + "connection accepted), observed '"
                + x.response().statusLine()
                + "': the whole connection refused "
                + "because of one extension offer (RFC 7692 §5: a server declines an offer by leaving it out of the "
                + "response)");
      }
      HandshakeVerdict base = baseRules(x);
      if (base != null) return base;
      if (PermessageDeflate.negotiate(offers(x), x.response().all(EXTENSIONS))
          instanceof Negotiation.Declined) {
        return HandshakeVerdict.open();
      }
      return HandshakeVerdict.failed(
          "expected the offer '"
              + String.join(", ", offers(x))
              + "' to be declined, "
              + "because "
              + why
              + ", observed "
              + response(x.response())
              + " ("
              + rfc
              + ": a server MUST decline it)");
    };
  }

  /**
   * Accepting is optional: declined is UNIMPLEMENTED (the session still runs), an invalid response
   * FAILED.
   */
  static HandshakeCheck mayAccept() {
    return x -> {
      HandshakeVerdict base = baseRules(x);
      if (base != null) return base;
      Negotiation n = PermessageDeflate.negotiate(offers(x), x.response().all(EXTENSIONS));
      if (n instanceof Negotiation.Invalid invalid)
        return HandshakeVerdict.failed(invalid.reason());
      if (n instanceof Negotiation.Declined) return unimplemented();
      return HandshakeVerdict.open();
    };
  }

  private static HandshakeVerdict unimplemented() {
    return new HandshakeVerdict(
        Behavior.UNIMPLEMENTED,
        "the server declined the permessage-deflate offer: nothing "
            + "to test (RFC 7692 §5: accepting the extension is the server's choice)",
        true);
  }

  /**
   * As {@link #mayAccept}, and an accepted response must grant {@code parameter}: RFC 7692 §7.1.1.1
   * and §7.1.2.1 (a server accepts server_no_context_takeover or server_max_window_bits by naming
   * it in the response; a server that cannot honour it declines the offer, §7).
   */
  static HandshakeCheck grants(String parameter) {
    return x -> {
      HandshakeVerdict v = mayAccept().check(x);
      if (v.behavior() != Behavior.OK) return v;
      if (!accepted(x).has(parameter)) {
        return HandshakeVerdict.failed(
                "expected the accepted offer's "
                    + parameter
                    + " in the response, observed "
                    + response(x.response())
                    + " (RFC 7692 "
                    + (parameter.equals(PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER)
                        ? "§7.1.1.1"
                        : "§7.1.2.1")
                    + ": the server accepts the parameter by naming it; one that cannot honour it "
                    + "declines the offer, §7)")
            .withSession(true);
      }
      return v;
    };
  }

  /**
   * X.* several offers: the response must answer the first acceptable offer, which asks for
   * server_max_window_bits=15 and so must be answered with server_max_window_bits.
   */
  static HandshakeCheck firstAcceptableChosen() {
    return x -> {
      if (refused(x)) {
        return HandshakeVerdict.nonStrict(
            "expected 101 with the answer to the first acceptable offer, observed '"
                + x.response().statusLine()
                + "': the whole connection refused because one of the offers is bad, "
                + "instead of declining that offer and taking the next (RFC 7692 §5, §7)");
      }
      HandshakeVerdict v = mayAccept().check(x);
      if (v.behavior() != Behavior.OK) return v;
      if (!accepted(x).has(PermessageDeflate.SERVER_MAX_WINDOW_BITS)) {
        return HandshakeVerdict.nonStrict(
                "expected the answer to the first acceptable offer, "
                    + "'permessage-deflate; server_max_window_bits=15', which names server_max_window_bits, observed "
                    + response(x.response())
                    + ", which answers a later offer (RFC 6455 §9.1: the offers are in the client's "
                    + "order of preference; RFC 7692 §7.1.2.1)")
            .withSession(true);
      }
      return v;
    };
  }

  /** The permessage-deflate element of a response the negotiation found valid. */
  private static ExtensionElement accepted(HandshakeExchange x) {
    return ExtensionElement.parseList(String.join(", ", x.response().all(EXTENSIONS))).stream()
        .filter(e -> e.isNamed(PermessageDeflate.NAME))
        .findFirst()
        .orElseThrow();
  }

  /**
   * No extension the server does not implement may be accepted; refusing the connection is
   * NON-STRICT.
   */
  static HandshakeCheck unknownNotAccepted() {
    return x -> {
      if (refused(x)) {
        return HandshakeVerdict.nonStrict(
            "expected 101 without x-wsconform-unknown, observed '"
                + x.response().statusLine()
                + "': the connection refused because of an extension the server does not "
                + "know, instead of leaving it out of the response (RFC 6455 §9.1)");
      }
      HandshakeVerdict base = baseRules(x);
      if (base != null) return base;
      for (String value : x.response().all(EXTENSIONS)) {
        if (value.toLowerCase(Locale.ROOT).contains("x-wsconform-unknown")) {
          return HandshakeVerdict.failed(
              "expected no x-wsconform-unknown in the response (no server implements it), "
                  + "observed "
                  + response(x.response())
                  + " (RFC 6455 §9.1)");
        }
      }
      Negotiation n = PermessageDeflate.negotiate(offers(x), x.response().all(EXTENSIONS));
      if (n instanceof Negotiation.Invalid invalid)
        return HandshakeVerdict.failed(invalid.reason());
      return HandshakeVerdict.open();
    };
  }
}
