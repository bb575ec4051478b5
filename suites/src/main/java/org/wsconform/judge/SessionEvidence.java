package org.wsconform.judge;

import java.util.List;
import org.wsconform.wire.Violation;

/**
 * What a WebSocket session left for the judge, as plain values (whoever ran the session).
 *
 * @param expectation what the case's script declared
 * @param received the messages and pongs received, in order
 * @param close how the connection ended
 * @param selfVerdict the script's own behavior (9.*, 12.*, 13.*), or null to match event lists
 * @param serverViolations every rule the peer's frames broke, in order (the server's, or the
 *     client's when the harness served)
 * @param harnessServed the harness was the server: the peer is a client under test, and closing TCP
 *     is the harness's own duty (RFC 6455 §7.1.1), not a fault of the peer
 */
public record SessionEvidence(
    Expectation expectation,
    List<Event> received,
    CloseState close,
    Judgement selfVerdict,
    List<Violation> serverViolations,
    boolean harnessServed) {

  /** Evidence of a session in which the harness was the client. */
  public SessionEvidence(
      Expectation expectation,
      List<Event> received,
      CloseState close,
      Judgement selfVerdict,
      List<Violation> serverViolations) {
    this(expectation, received, close, selfVerdict, serverViolations, false);
  }

  /** The other end in words: "the server", or "the client" when the harness served. */
  public String peer() {
    return harnessServed ? "the client" : "the server";
  }
}
