package org.wsconform.deflate;

import static org.wsconform.deflate.PermessageDeflate.CLIENT_MAX_WINDOW_BITS;
import static org.wsconform.deflate.PermessageDeflate.CLIENT_NO_CONTEXT_TAKEOVER;
import static org.wsconform.deflate.PermessageDeflate.SERVER_MAX_WINDOW_BITS;
import static org.wsconform.deflate.PermessageDeflate.SERVER_NO_CONTEXT_TAKEOVER;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules behind {@link PermessageDeflate#negotiate} and {@link PermessageDeflate#offerProblem}:
 * RFC 7692 §7 ("A client MUST _Fail the WebSocket Connection_ if the peer server accepted an
 * extension negotiation offer for this extension with an extension negotiation response meeting any
 * of the following conditions: … a parameter not defined for use in a response; … an invalid value;
 * … multiple extension parameters with the same name; the client does not support the configuration
 * that the response represents") and §7.1.1–7.1.2 for each parameter.
 */
final class Negotiator {
  private static final List<String> KNOWN =
      List.of(
          SERVER_NO_CONTEXT_TAKEOVER,
          CLIENT_NO_CONTEXT_TAKEOVER,
          SERVER_MAX_WINDOW_BITS,
          CLIENT_MAX_WINDOW_BITS);

  private Negotiator() {}

  static boolean offers(List<String> offerHeaders) {
    return !deflateOffers(offerHeaders).isEmpty();
  }

  /**
   * Our permessage-deflate offers in order; an offer header we cannot parse counts as one offer
   * allowing anything.
   */
  private static List<ExtensionElement> deflateOffers(List<String> offerHeaders) {
    List<ExtensionElement> out = new ArrayList<>();
    for (String h : offerHeaders) {
      try {
        for (ExtensionElement e : ExtensionElement.parseList(h)) {
          if (e.isNamed(PermessageDeflate.NAME)) out.add(e);
        }
      } catch (IllegalArgumentException malformedOnPurpose) {
        // a case may send a malformed header on purpose; whatever the server makes of it, judge
        // its response by the response's own rules only
        if (h.toLowerCase(Locale.ROOT).contains(PermessageDeflate.NAME)) out.add(null);
      }
    }
    return out;
  }

  static Negotiation negotiate(List<String> offerHeaders, List<String> responseHeaders) {
    List<ExtensionElement> response = new ArrayList<>();
    for (String h : responseHeaders) {
      try {
        response.addAll(ExtensionElement.parseList(h));
      } catch (IllegalArgumentException e) {
        return new Negotiation.Invalid(e.getMessage(), true);
      }
    }
    List<ExtensionElement> accepted =
        response.stream().filter(e -> e.isNamed(PermessageDeflate.NAME)).toList();
    if (accepted.isEmpty()) return new Negotiation.Declined();
    String seen = "'Sec-WebSocket-Extensions: " + String.join(", ", responseHeaders) + "'";
    if (accepted.size() > 1) {
      return new Negotiation.Invalid(
          "expected at most one permessage-deflate in the response, observed "
              + accepted.size()
              + " in "
              + seen
              + " (RFC 7692 §5: the server accepts one offer)",
          true);
    }
    ExtensionElement r = accepted.get(0);
    List<ExtensionElement> offers = deflateOffers(offerHeaders);
    if (offers.isEmpty()) {
      return new Negotiation.Invalid(
          "expected no permessage-deflate (none was offered), observed "
              + seen
              + " (RFC 6455 §4.1 step 5)",
          true);
    }
    Optional<Negotiation.Invalid> syntax = responseSyntax(r, seen);
    if (syntax.isPresent()) return syntax.get();
    Negotiation.Accepted firstValid = null;
    Negotiation.Invalid firstInvalid = null;
    for (int k = 0; k < offers.size(); k++) {
      Negotiation n = against(r, offers.get(k), k, offers.size(), seen);
      if (n instanceof Negotiation.Accepted a) {
        if (a.notHonoured().isEmpty()) return a;
        if (firstValid == null) firstValid = a;
      } else if (firstInvalid == null) {
        firstInvalid = (Negotiation.Invalid) n;
      }
    }
    return firstValid != null ? firstValid : firstInvalid;
  }

  /** The response's own rules, whatever was offered (RFC 7692 §7, §7.1.1.1–7.1.2.2). */
  private static Optional<Negotiation.Invalid> responseSyntax(ExtensionElement r, String seen) {
    Set<String> names = new HashSet<>();
    for (Parameter p : r.parameters()) {
      String n = p.name().toLowerCase(Locale.ROOT);
      if (!KNOWN.contains(n)) {
        return invalid(
            "expected only server_no_context_takeover, client_no_context_takeover, server_max_window_bits"
                + " and client_max_window_bits, observed the unknown parameter '"
                + p
                + "' in "
                + seen
                + " (RFC 7692 §7)",
            true);
      }
      if (!names.add(n)) {
        return invalid(
            "expected each parameter at most once, observed '"
                + n
                + "' twice in "
                + seen
                + " (RFC 7692 §7)",
            true);
      }
      boolean noContext =
          n.equals(SERVER_NO_CONTEXT_TAKEOVER) || n.equals(CLIENT_NO_CONTEXT_TAKEOVER);
      if (noContext && p.hasValue()) {
        return invalid(
            "expected '"
                + n
                + "' without a value, observed '"
                + p
                + "' in "
                + seen
                + " (RFC 7692 §7.1.1)",
            true);
      }
      if (!noContext) {
        String section = n.equals(SERVER_MAX_WINDOW_BITS) ? "§7.1.2.1" : "§7.1.2.2";
        if (!p.hasValue()) {
          return invalid(
              "expected '"
                  + n
                  + "' with a value 8-15 in a response, observed it without a value in "
                  + seen
                  + " (RFC 7692 "
                  + section
                  + ")",
              true);
        }
        Integer bits = windowBits(p.value());
        if (bits == null) {
          boolean autobahn = leniently(p.value()) == null;
          return invalid(
              "expected '"
                  + n
                  + "' to be a decimal integer 8-15 without leading zeros, observed '"
                  + p
                  + "' in "
                  + seen
                  + " (RFC 7692 "
                  + section
                  + ")",
              autobahn);
        }
      }
    }
    return Optional.empty();
  }

  /** The response against one offer: the rules that depend on what was offered. */
  private static Negotiation against(
      ExtensionElement r, ExtensionElement offer, int k, int count, String seen) {
    String which = count == 1 ? "the offer" : "offer " + (k + 1) + " of " + count;
    String offered = offer == null ? "an unparseable offer" : "'" + offer + "'";
    Integer respServer =
        r.parameter(SERVER_MAX_WINDOW_BITS).map(p -> windowBits(p.value())).orElse(null);
    Integer respClient =
        r.parameter(CLIENT_MAX_WINDOW_BITS).map(p -> windowBits(p.value())).orElse(null);
    boolean serverNoContext = r.has(SERVER_NO_CONTEXT_TAKEOVER);
    boolean clientNoContext = r.has(CLIENT_NO_CONTEXT_TAKEOVER);
    List<String> notHonoured = new ArrayList<>();
    int clientBits = respClient != null ? respClient : 15;
    if (offer != null) {
      Optional<Parameter> offClient = offer.parameter(CLIENT_MAX_WINDOW_BITS);
      if (respClient != null && offClient.isEmpty()) {
        return new Negotiation.Invalid(
            "expected no client_max_window_bits in the response, since "
                + which
                + " "
                + offered
                + " did not include it, observed "
                + seen
                + " (RFC 7692 §7.1.2.2)",
            false);
      }
      Integer offClientBits = offClient.map(p -> leniently(p.value())).orElse(null);
      if (offClientBits != null && respClient != null && respClient > offClientBits) {
        return new Negotiation.Invalid(
            "expected client_max_window_bits at most "
                + offClientBits
                + " as in "
                + which
                + " "
                + offered
                + ", observed "
                + respClient
                + " in "
                + seen
                + " (RFC 7692 §7.1.2.2)",
            false);
      }
      // the offer's value is our promise: we use no larger window even when the response names none
      if (offClientBits != null && offClientBits >= 8 && offClientBits < clientBits)
        clientBits = offClientBits;
      Optional<Parameter> offServer = offer.parameter(SERVER_MAX_WINDOW_BITS);
      Integer offServerBits = offServer.map(p -> leniently(p.value())).orElse(null);
      if (offServerBits != null && respServer != null && respServer > offServerBits) {
        return new Negotiation.Invalid(
            "expected server_max_window_bits at most "
                + offServerBits
                + " as in "
                + which
                + " "
                + offered
                + ", observed "
                + respServer
                + " in "
                + seen
                + " (RFC 7692 §7.1.2.1)",
            false);
      }
      if (offServer.isPresent() && respServer == null) {
        notHonoured.add(
            "expected server_max_window_bits ("
                + which
                + " "
                + offered
                + " asked for "
                + offServer.get().value()
                + "), observed none in "
                + seen
                + " (RFC 7692 §7.1.2.1)");
      }
      if (offer.has(SERVER_NO_CONTEXT_TAKEOVER) && !serverNoContext) {
        notHonoured.add(
            "expected server_no_context_takeover ("
                + which
                + " "
                + offered
                + " asked for it), observed none in "
                + seen
                + " (RFC 7692 §7.1.1.1)");
      }
      // RFC 7692 §7.1.1.2: offering client_no_context_takeover tells the server we will not use
      // context takeover, even if the response does not repeat it, so we keep that promise
      // (Autobahn's fuzzer keeps its context unless the response says so: a server relying on
      // the hint fails Autobahn's 12.* but not ours)
      if (offer.has(CLIENT_NO_CONTEXT_TAKEOVER)) clientNoContext = true;
    }
    Agreement a =
        new Agreement(
            serverNoContext, clientNoContext, respServer != null ? respServer : 15, clientBits);
    return new Negotiation.Accepted(a, k, r, notHonoured);
  }

  static Optional<String> offerProblem(ExtensionElement offer) {
    if (!offer.isNamed(PermessageDeflate.NAME)) {
      return Optional.of(
          "expected the extension name permessage-deflate, observed '"
              + offer.name()
              + "' (RFC 7692 §7)");
    }
    Set<String> names = new HashSet<>();
    for (Parameter p : offer.parameters()) {
      String n = p.name().toLowerCase(Locale.ROOT);
      if (!KNOWN.contains(n)) {
        return Optional.of(
            "expected only the four permessage-deflate parameters, observed the unknown parameter '"
                + p
                + "' (RFC 7692 §7: a server MUST decline)");
      }
      if (!names.add(n)) {
        return Optional.of(
            "expected each parameter at most once, observed '"
                + n
                + "' twice (RFC 7692 §7: a server MUST decline)");
      }
      switch (n) {
        case SERVER_NO_CONTEXT_TAKEOVER, CLIENT_NO_CONTEXT_TAKEOVER -> {
          if (p.hasValue()) {
            return Optional.of(
                "expected '" + n + "' without a value, observed '" + p + "' (RFC 7692 §7.1.1)");
          }
        }
        case SERVER_MAX_WINDOW_BITS -> {
          if (!p.hasValue() || windowBits(p.value()) == null) {
            return Optional.of(
                "expected server_max_window_bits with a decimal value 8-15 without leading zeros, observed '"
                    + p
                    + "' (RFC 7692 §7.1.2.1)");
          }
        }
        default -> { // client_max_window_bits: a value is optional in an offer
          if (p.hasValue() && windowBits(p.value()) == null) {
            return Optional.of(
                "expected client_max_window_bits without a value or with a decimal value 8-15 without"
                    + " leading zeros, observed '"
                    + p
                    + "' (RFC 7692 §7.1.2.2)");
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A window value as RFC 7692 §7.1.2 writes it: "8" to "15", no leading zeros; null otherwise. */
  static Integer windowBits(String v) {
    if (v == null || v.isEmpty() || v.length() > 2 || v.charAt(0) == '0') return null;
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') return null;
    }
    int b = Integer.parseInt(v);
    return b >= 8 && b <= 15 ? b : null;
  }

  /**
   * A window value as Autobahn reads it (Python's int(): leading zeros are fine); null when not
   * 8-15.
   */
  private static Integer leniently(String v) {
    if (v == null || v.isEmpty() || v.length() > 9 || !v.chars().allMatch(Character::isDigit))
      return null;
    int b = Integer.parseInt(v);
    return b >= 8 && b <= 15 ? b : null;
  }

  private static Optional<Negotiation.Invalid> invalid(String reason, boolean autobahn) {
    return Optional.of(new Negotiation.Invalid(reason, autobahn));
  }
}
