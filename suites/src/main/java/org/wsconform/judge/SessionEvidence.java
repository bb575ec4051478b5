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
 * @param serverViolations every rule the server's frames broke, in order
 */
public record SessionEvidence(
    Expectation expectation,
    List<Event> received,
    CloseState close,
    Judgement selfVerdict,
    List<Violation> serverViolations) {}
