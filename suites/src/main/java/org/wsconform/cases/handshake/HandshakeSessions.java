package org.wsconform.cases.handshake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.session.Session;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.SendOptions;

/**
 * What the client of an H.* or R.* case does once the server answered 101: the session scripts, and
 * the masked frames it writes (also right behind the request).
 */
final class HandshakeSessions {
  private HandshakeSessions() {}

  /** A frame as a client writes it: masked with a fresh random key. */
  static byte[] maskedFrame(Frame f) {
    return FrameEncoder.encode(f, SendOptions.DEFAULT, ThreadLocalRandom.current().nextInt());
  }

  /** The session of every case whose success is a 101: nothing to echo, a clean close 1000. */
  static Consumer<Session> closeCleanly() {
    return f -> {
      f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(1000)));
      f.sendClose(1000, null);
      f.closeAfter(1);
    };
  }

  /**
   * H.23's session: a ping after the body octets tells whether the server consumed them as the
   * request's content (the pong comes back) or took them for frame data (it fails the connection).
   */
  static Consumer<Session> afterBody() {
    Event pong = Event.pong("after-body");
    return f -> {
      f.expect(Expectation.ok(List.of(pong), CloseExpectation.byMe(1000)));
      f.verdict(
          Behavior.INFORMATIONAL,
          "101 to a request with a 5-octet body, but no pong for a ping sent after "
              + "it: the server did not take the 5 octets as the request's content (see its close code and the wire log)");
      f.onEvent(
          e -> {
            f.record(e);
            if (f.received().equals(List.of(pong))) {
              f.verdict(
                  Behavior.INFORMATIONAL,
                  "101 to a request with a 5-octet body, and the ping sent after it was "
                      + "answered: the server consumed the 5 octets as the request's content");
              if (f.isOpen()) f.sendClose(1000, null);
            }
          });
      f.sendFrame(Frame.ping("after-body".getBytes(StandardCharsets.US_ASCII)));
      f.closeAfter(1);
    };
  }

  /**
   * The session after a frame pipelined behind the request: {@code answer} is OK, nothing is
   * NON-STRICT (the frame was lost). The harness closes as soon as the answer arrives (a
   * two-outcome expectation never closes by itself), or after 1 s without it.
   */
  static Consumer<Session> expectEarly(Event answer) {
    return f -> {
      f.expect(Expectation.okOrNonStrict(List.of(answer), List.of(), CloseExpectation.byMe(1000)));
      f.onEvent(
          e -> {
            f.record(e);
            if (f.isOpen() && f.received().equals(List.of(answer))) f.sendClose(1000, null);
          });
      f.closeAfter(1);
    };
  }
}
