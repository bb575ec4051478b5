package org.wsconform.session;

import java.util.List;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Event;
import org.wsconform.judge.Judgement;
import org.wsconform.judge.PeerAdaptation;
import org.wsconform.wire.Violation;

/**
 * How one session ended: what was received, the close state, and a verdict the case set itself.
 *
 * @param serverViolations the rules the peer's frames broke (the server's while the harness is the
 *     client)
 * @param adaptation how the case ran against a peer that does not echo; null for an echo peer
 */
public record SessionOutcome(
    List<Event> received,
    CloseState close,
    Judgement selfVerdict,
    List<Violation> serverViolations,
    PeerAdaptation adaptation) {

  public SessionOutcome(
      List<Event> received,
      CloseState close,
      Judgement selfVerdict,
      List<Violation> serverViolations) {
    this(received, close, selfVerdict, serverViolations, null);
  }
}
