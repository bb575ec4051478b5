package org.wsconform.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Offers as Autobahn writes them, and the client's judgement of responses (RFC 7692 §5, §7). */
class NegotiationTest {
  private static final String OFFER_12 =
      "permessage-deflate; client_no_context_takeover; client_max_window_bits";

  private static Negotiation negotiate(String offer, String response) {
    return PermessageDeflate.negotiate(
        List.of(offer), response == null ? List.of() : List.of(response));
  }

  private static Negotiation.Accepted accepted(String offer, String response) {
    Negotiation n = negotiate(offer, response);
    assertThat(n).as("%s", n).isInstanceOf(Negotiation.Accepted.class);
    return (Negotiation.Accepted) n;
  }

  private static Negotiation.Invalid invalid(String offer, String response) {
    Negotiation n = negotiate(offer, response);
    assertThat(n).as("%s", n).isInstanceOf(Negotiation.Invalid.class);
    return (Negotiation.Invalid) n;
  }

  // ---------------------------------------------------------------- offers

  @Test
  void autobahnOffersAreWrittenExactly() {
    assertThat(PermessageDeflate.offer(PermessageDeflate.autobahnOffer())).isEqualTo(OFFER_12);
    assertThat(PermessageDeflate.autobahnOffer(true, 9).toString())
        .isEqualTo(OFFER_12 + "; server_no_context_takeover; server_max_window_bits=9");
    assertThat(
            PermessageDeflate.offer(
                PermessageDeflate.autobahnOffer(true, 9),
                PermessageDeflate.autobahnOffer(true, 0),
                PermessageDeflate.autobahnOffer(false, 0)))
        .isEqualTo(
            OFFER_12
                + "; server_no_context_takeover; server_max_window_bits=9, "
                + OFFER_12
                + "; server_no_context_takeover, "
                + OFFER_12);
  }

  @Test
  void invalidOffersCanBeWritten() {
    assertThat(
            PermessageDeflate.offer()
                .with("server_max_window_bits", "09")
                .with("x_unknown")
                .toString())
        .isEqualTo("permessage-deflate; server_max_window_bits=09; x_unknown");
  }

  @Test
  void offerProblemsAreWhatObligesAServerToDecline() {
    assertThat(PermessageDeflate.offerProblem(PermessageDeflate.autobahnOffer(true, 9))).isEmpty();
    assertThat(
            PermessageDeflate.offerProblem(
                PermessageDeflate.offer().with("client_max_window_bits", 10)))
        .isEmpty();
    assertThat(PermessageDeflate.offerProblem(PermessageDeflate.offer().with("foo")))
        .get()
        .asString()
        .contains("unknown parameter 'foo'")
        .contains("RFC 7692 §7");
    assertThat(
            PermessageDeflate.offerProblem(
                PermessageDeflate.offer().with("server_max_window_bits")))
        .get()
        .asString()
        .contains("§7.1.2.1");
    for (String bad : List.of("7", "16", "abc", "09", "")) {
      assertThat(
              PermessageDeflate.offerProblem(
                  PermessageDeflate.offer().with("client_max_window_bits", bad)))
          .as(bad)
          .isPresent();
    }
    assertThat(
            PermessageDeflate.offerProblem(
                PermessageDeflate.offer()
                    .with("server_no_context_takeover")
                    .with("server_no_context_takeover")))
        .get()
        .asString()
        .contains("twice");
    assertThat(PermessageDeflate.offerProblem(ExtensionElement.named("x-webkit-deflate-frame")))
        .isPresent();
  }

  // ---------------------------------------------------------------- grammar

  @Test
  void theGrammarTakesQuotedValuesAndEmptyElements() {
    List<ExtensionElement> l =
        ExtensionElement.parseList(
            " , permessage-deflate ;server_max_window_bits=\"10\" ; client_no_context_takeover,, foo; a=\"\\b\" , bar");
    assertThat(l)
        .extracting(ExtensionElement::name)
        .containsExactly("permessage-deflate", "foo", "bar");
    assertThat(l.get(0).parameter("server_max_window_bits"))
        .get()
        .extracting(Parameter::value)
        .isEqualTo("10");
    assertThat(l.get(1).parameter("a"))
        .get()
        .extracting(Parameter::value)
        .isEqualTo("b"); // quoted-pair unescaped
    assertThatThrownBy(() -> ExtensionElement.parseList("foo; a=\"b c\""))
        .hasMessageContaining("to be a token");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "permessage-deflate; |a parameter name",
        "permessage-deflate; a= |a value",
        "permessage-deflate x |a comma between extensions",
        "; a |an extension name",
        "permessage-deflate; a=\"10 |a closing"
      })
  void malformedValuesSayWhatWasExpected(String value, String expected) {
    assertThatThrownBy(() -> ExtensionElement.parseList(value))
        .hasMessageContaining("expected " + expected)
        .hasMessageContaining("RFC 6455 §9.1");
  }

  // ---------------------------------------------------------------- responses

  @Test
  void noPermessageDeflateInTheResponseIsADecline() {
    assertThat(negotiate(OFFER_12, null)).isInstanceOf(Negotiation.Declined.class);
    assertThat(negotiate(OFFER_12, "x-other")).isInstanceOf(Negotiation.Declined.class);
  }

  @Test
  void aPlainAcceptKeepsTheHintWeOffered() {
    Negotiation.Accepted a = accepted(OFFER_12, "permessage-deflate");
    // RFC 7692 §7.1.1.2: offering client_no_context_takeover binds us even if the response omits it
    assertThat(a.agreement()).isEqualTo(new Agreement(false, true, 15, 15));
    assertThat(a.offerIndex()).isZero();
    assertThat(a.notHonoured()).isEmpty();
  }

  @Test
  void theResponseSetsWindowsAndContexts() {
    Negotiation.Accepted a =
        accepted(
            OFFER_12 + "; server_no_context_takeover; server_max_window_bits=9",
            "permessage-deflate; server_no_context_takeover; client_max_window_bits=10; server_max_window_bits=9");
    assertThat(a.agreement()).isEqualTo(new Agreement(true, true, 9, 10));
    assertThat(
            accepted("permessage-deflate", "permessage-deflate; server_no_context_takeover")
                .agreement())
        .isEqualTo(
            new Agreement(
                true, false, 15,
                15)); // unsolicited server_no_context_takeover is allowed (§7.1.1.1)
    assertThat(
            accepted("permessage-deflate; client_max_window_bits=11", "permessage-deflate")
                .agreement()
                .clientMaxWindowBits())
        .isEqualTo(11); // the offered value is our promise (§7.1.2.2)
  }

  @Test
  void aServerThatIgnoresWhatWasAskedIsAcceptedButNamed() {
    Negotiation.Accepted a =
        accepted(
            OFFER_12 + "; server_no_context_takeover; server_max_window_bits=9",
            "permessage-deflate");
    assertThat(a.notHonoured()).hasSize(2);
    assertThat(a.notHonoured().get(0))
        .contains("expected server_max_window_bits")
        .contains("§7.1.2.1");
    assertThat(a.notHonoured().get(1))
        .contains("expected server_no_context_takeover")
        .contains("§7.1.1.1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // response | Autobahn rejects too | in the message
        "permessage-deflate; foo|true|unknown parameter 'foo'",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover|true|twice",
        "permessage-deflate; server_max_window_bits=16|true|decimal integer 8-15",
        "permessage-deflate; server_max_window_bits=7|true|decimal integer 8-15",
        "permessage-deflate; server_max_window_bits=abc|true|decimal integer 8-15",
        "permessage-deflate; server_max_window_bits=09|false|without leading zeros",
        "permessage-deflate; client_max_window_bits|true|without a value",
        "permessage-deflate; server_max_window_bits|true|without a value",
        "permessage-deflate; client_no_context_takeover=1|true|without a value",
        "permessage-deflate, permessage-deflate|true|at most one permessage-deflate",
        "permessage-deflate; a=\"x y\"|true|to be a token"
      })
  void invalidResponsesFailTheConnection(String response, boolean autobahnRejects, String words) {
    Negotiation.Invalid n = invalid(OFFER_12, response);
    assertThat(n.reason())
        .startsWith("expected")
        .contains(words)
        .contains("observed")
        .containsPattern("RFC \\d+ §");
    assertThat(n.autobahnRejects()).isEqualTo(autobahnRejects);
  }

  @Test
  void clientMaxWindowBitsOnlyWhenOffered() {
    Negotiation.Invalid n =
        invalid("permessage-deflate", "permessage-deflate; client_max_window_bits=15");
    assertThat(n.reason()).contains("expected no client_max_window_bits").contains("§7.1.2.2");
    assertThat(n.autobahnRejects()).isFalse();
    assertThat(
            invalid(
                    "permessage-deflate; client_max_window_bits=10",
                    "permessage-deflate; client_max_window_bits=12")
                .reason())
        .contains("at most 10");
  }

  @Test
  void theServerWindowMayNotExceedTheOffer() {
    Negotiation.Invalid n =
        invalid(
            OFFER_12 + "; server_max_window_bits=9",
            "permessage-deflate; server_max_window_bits=10");
    assertThat(n.reason())
        .contains("expected server_max_window_bits at most 9")
        .contains("observed 10");
    assertThat(
            accepted(
                    OFFER_12 + "; server_max_window_bits=10",
                    "permessage-deflate; server_max_window_bits=8")
                .agreement()
                .serverMaxWindowBits())
        .isEqualTo(8);
  }

  @Test
  void withSeveralOffersTheFirstOneTheResponseHonoursIsChosen() {
    String offers =
        PermessageDeflate.offer(
            PermessageDeflate.autobahnOffer(true, 9),
            PermessageDeflate.autobahnOffer(true, 0),
            PermessageDeflate.autobahnOffer(false, 0));
    assertThat(
            accepted(
                    offers,
                    "permessage-deflate; server_no_context_takeover; server_max_window_bits=9")
                .offerIndex())
        .isZero();
    assertThat(accepted(offers, "permessage-deflate; server_no_context_takeover").offerIndex())
        .isEqualTo(1);
    Negotiation.Accepted plain = accepted(offers, "permessage-deflate");
    assertThat(plain.offerIndex()).isEqualTo(2);
    assertThat(plain.notHonoured()).isEmpty();
  }

  @Test
  void aResponseWithoutAnOfferIsRejected() {
    Negotiation n = PermessageDeflate.negotiate(List.of(), List.of("permessage-deflate"));
    assertThat(n).isInstanceOf(Negotiation.Invalid.class);
    assertThat(((Negotiation.Invalid) n).reason()).contains("none was offered");
    assertThat(PermessageDeflate.offers(List.of())).isFalse();
    assertThat(PermessageDeflate.offers(List.of("x-foo, permessage-deflate"))).isTrue();
  }
}
