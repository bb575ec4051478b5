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
 * @param answer turns the canonical 101 into the one this case writes
 * @param request the verdict on the client's opening request (with what the client sent on its
 *     earlier connections of the run); {@link HandshakeVerdict#open()} when the case does not look
 *     at it
 */
public record ServerSide(
    List<DeflateAccept> deflate,
    UnaryOperator<UpgradeAnswer> answer,
    BiFunction<RequestHead, ClientHistory, HandshakeVerdict> request) {

  public ServerSide {
    deflate = List.copyOf(deflate);
  }

  /** Autobahn's fuzzing server: the canonical 101, no extension, the request not judged. */
  public static final ServerSide CANONICAL =
      new ServerSide(List.of(), a -> a, (r, h) -> HandshakeVerdict.open());

  public static ServerSide accepting(List<DeflateAccept> deflate) {
    return new ServerSide(deflate, a -> a, (r, h) -> HandshakeVerdict.open());
  }

  public ServerSide answering(UnaryOperator<UpgradeAnswer> a) {
    return new ServerSide(deflate, a, request);
  }

  public ServerSide judging(BiFunction<RequestHead, ClientHistory, HandshakeVerdict> r) {
    return new ServerSide(deflate, answer, r);
  }
}
