package org.wsconform.cases.support;

import java.util.List;
import java.util.function.Consumer;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.session.PeerModel;
import org.wsconform.session.Session;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.SendOptions;

/**
 * Autobahn's SHOULD cases with a valid message before a bad frame (3.2–3.4, 4.x.3–4.x.5): the text
 * message, the bad frame, an empty ping. OK is the echo of the message alone, then the failure;
 * failing before that echo went out is NON-STRICT, a failure without the echo.
 *
 * <p>Written all at once (3.2, 4.x.3, 4.x.4), the three frames leave in one write, as Autobahn's
 * Twisted writes them: the server reads them together and its own design decides (a server that
 * parses everything it has read before it dispatches is NON-STRICT every time). Written frame-wise
 * or octet-wise (3.3, 3.4, 4.x.5), the bad frame waits for the echo, for at most {@link
 * #ECHO_WAIT_SECONDS}: otherwise the verdict would be a race between the harness's pace (one turn
 * of Autobahn's event loop per write, 60-190 us here) and the server's dispatch of the message it
 * has just read (python-websockets 10.4 answered 4.1.5 and 4.2.5 OK in some full runs and
 * NON-STRICT in others). A server that has not echoed by then still gets the bad frame, and is
 * NON-STRICT as before when it fails without the echo.
 */
public final class EchoBeforeFailure {
  /**
   * An echo takes a round trip and the server's dispatch: 0.5 s covers a deployed endpoint across
   * the world. Scaled by --timeout-scale as every timer.
   */
  static final double ECHO_WAIT_SECONDS = 0.5;

  private static final String HELLO = "Hello, world!";

  private EchoBeforeFailure() {}

  /** The case script: {@code bad} between the message and the ping, each written as {@code o}. */
  public static Consumer<Session> script(Frame bad, SendOptions o) {
    return f -> {
      f.expect(
          Expectation.okOrNonStrict(
              List.of(Event.text(HELLO)),
              List.of(),
              CloseExpectation.byPeer(CloseCode.PROTOCOL_ERROR)));
      Runnable rest =
          () -> {
            f.sendFrame(bad, o);
            f.sendFrame(Frame.ping(new byte[0]), o);
            f.killAfter(1); // armed after the writes, as in Autobahn: the server has its second
          };
      f.sendFrame(Frame.text(HELLO), o);
      boolean paced = o.chopSize() > 0 || o.sync();
      if (paced && f.peerModel() == PeerModel.ECHO) {
        f.continueWhen(Event.text(HELLO)::equals, ECHO_WAIT_SECONDS, "the echo", rest);
      } else {
        rest.run();
      }
    };
  }
}
