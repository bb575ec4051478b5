package org.wsconform.serve;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.wsconform.deflate.DeflateAccept;
import org.wsconform.judge.HandshakeVerdict;
import org.wsconform.wire.RequestHead;

/**
 * What the harness does as the server in one case before the session starts: which
 * permessage-deflate offers it accepts, the 101 it writes, and how it judges the client's request.
 *
 * @param deflate the server accepts, in order of preference; empty: decline every offer (Autobahn's
 *     fuzzing server outside 12.* and 13.*)
 * @param answer turns the canonical 101 into the one this case writes, knowing the request (an
 *     answer that breaks a rule of the client's offer must see the offer)
 * @param request the verdict on the client's opening request (with what the client sent on its
 *     earlier connections of the run); {@link HandshakeVerdict#open()} when the case does not look
 *     at it. A verdict that opens no session says the case does not apply to this client (e.g. it
 *     made no offer the case needs): the canonical 101, a normal close, and that verdict
 */
public record ServerSide(
    List<DeflateAccept> deflate,
    BiFunction<RequestHead, UpgradeAnswer, UpgradeAnswer> answer,
    BiFunction<RequestHead, ClientHistory, HandshakeVerdict> request) {

  public ServerSide {
    deflate = List.copyOf(deflate);
  }

  /** Autobahn's fuzzing server: the canonical 101, no extension, the request not judged. */
  public static final ServerSide CANONICAL =
      new ServerSide(List.of(), (r, a) -> a, (r, h) -> HandshakeVerdict.open());

  public static ServerSide accepting(List<DeflateAccept> deflate) {
    return new ServerSide(deflate, (r, a) -> a, (r, h) -> HandshakeVerdict.open());
  }

  public ServerSide answering(UnaryOperator<UpgradeAnswer> a) {
    return new ServerSide(deflate, (r, x) -> a.apply(x), request);
  }

  public ServerSide answeringTo(BiFunction<RequestHead, UpgradeAnswer, UpgradeAnswer> a) {
    return new ServerSide(deflate, a, request);
  }

  public ServerSide judging(BiFunction<RequestHead, ClientHistory, HandshakeVerdict> r) {
    return new ServerSide(deflate, answer, r);
  }
}
