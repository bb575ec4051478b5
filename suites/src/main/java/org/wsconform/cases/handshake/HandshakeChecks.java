package org.wsconform.cases.handshake;

import java.util.function.Function;
import java.util.function.Predicate;
import org.wsconform.judge.ClientHandshakeRules;
import org.wsconform.judge.HandshakeCheck;
import org.wsconform.judge.HandshakeExchange;
import org.wsconform.judge.HandshakeVerdict;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.ResponseHead;

/**
 * How H.* and R.* cases judge the server's answer to their request: a 101 that must come ({@link
 * #upgrades}), or a refusal that must come ({@link Refusal}).
 */
final class HandshakeChecks {
  private HandshakeChecks() {}

  /**
   * The one judge for a 101 that must come: no answer or another status gets the case's level
   * (FAILED for a MUST, NON-STRICT for a SHOULD); a 101 that breaks a client rule always fails.
   */
  static HandshakeCheck upgrades(String expected, String rfc) {
    return x -> {
      if (!x.answered()) {
        return verdict(
            x.broken(),
            "expected "
                + expected
                + ", observed no HTTP response: "
                + x.failure()
                + " ("
                + rfc
                + ")");
      }
      ResponseHead h = x.response();
      if (h.status() != 101) {
        return verdict(
            x.broken(),
            "expected " + expected + ", observed '" + h.statusLine() + "' (" + rfc + ")");
      }
      return ClientHandshakeRules.firstBroken(x.request(), x.key(), h)
          .map(HandshakeVerdict::failed)
          .orElse(HandshakeVerdict.open());
    };
  }

  /**
   * How a request that must not be upgraded is to be answered, and how every other answer counts.
   * The order is fixed: 101 gets the case's level (a MUST fails); then {@code ok}; then a status
   * below 400 (not an error) gets {@code notAnError}; any other error status gets {@code
   * otherError}; no HTTP answer at all (closed, reset, deadline, garbage) gets {@code noAnswer}.
   *
   * @param expected the answer that earns OK, in words ("426 Upgrade Required with …")
   * @param observed what of the response a reason quotes (the status line, plus a header)
   */
  record Refusal(
      String expected,
      Predicate<ResponseHead> ok,
      Behavior otherError,
      Behavior notAnError,
      Behavior noAnswer,
      String rfc,
      Function<ResponseHead, String> observed) {

    HandshakeVerdict judge(HandshakeExchange x) {
      if (!x.answered()) {
        return verdict(noAnswer, expectedObserved("no HTTP response (" + x.failure() + ")"));
      }
      ResponseHead h = x.response();
      String seen = observed.apply(h);
      if (h.status() == 101) {
        return verdict(
            x.broken(),
            "expected "
                + expected
                + " without upgrading, observed "
                + seen
                + ": the server switched protocols for a request it must refuse ("
                + rfc
                + ")");
      }
      if (ok.test(h)) {
        return HandshakeVerdict.ok("observed " + seen);
      }
      if (h.status() < 400) {
        String what =
            h.status() >= 200 && h.status() < 300
                ? ", a success status instead of an error: the endpoint serves a WebSocket URL as an ordinary web resource"
                : ", which is not an error status";
        return verdict(notAnError, expectedObserved(seen + what));
      }
      return verdict(otherError, expectedObserved(seen));
    }

    private String expectedObserved(String seen) {
      return "expected " + expected + ", observed " + seen + " (" + rfc + ")";
    }
  }

  private static HandshakeVerdict verdict(Behavior b, String reason) {
    return HandshakeVerdict.of(b, reason);
  }

  static String statusLine(ResponseHead h) {
    return "'" + h.statusLine() + "'";
  }
}
