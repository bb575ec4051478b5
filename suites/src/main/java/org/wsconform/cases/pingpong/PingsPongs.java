package org.wsconform.cases.pingpong;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.support.AutobahnCase;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.session.Session;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Hex;
import org.wsconform.wire.SendOptions;

/**
 * Autobahn 2.*: pings are answered with pongs carrying the same payload (RFC 6455 §5.5.2),
 * unsolicited pongs are ignored (§5.5.3), and a control frame above 125 octets fails the connection
 * (§5.5).
 */
public final class PingsPongs {
  private static final String GROUP_TITLE = "Pings/Pongs";

  private PingsPongs() {}

  private static ConformanceCase c(String id, String title, String rfc, Consumer<Session> onOpen) {
    return AutobahnCase.of(id, "2", GROUP_TITLE, title, Requirement.MUST, rfc, onOpen);
  }

  private static Consumer<Session> pingPong(byte[] payload, SendOptions o, double closeAfter) {
    return f -> {
      f.expect(Expectation.ok(List.of(Event.pong(payload)), CloseExpectation.byMe(1000)));
      f.sendFrame(Frame.ping(payload), o);
      f.closeAfter(closeAfter);
    };
  }

  public static List<ConformanceCase> cases() {
    byte[] fe125 = new byte[125];
    Arrays.fill(fe125, (byte) 0xFE);
    byte[] fe126 = new byte[126];
    Arrays.fill(fe126, (byte) 0xFE);
    List<ConformanceCase> l = new ArrayList<>();
    l.add(
        c(
            "2.1",
            "ping without payload",
            "RFC 6455 §5.5.2",
            pingPong(new byte[0], SendOptions.DEFAULT, 1)));
    l.add(
        c(
            "2.2",
            "ping with a small text payload",
            "RFC 6455 §5.5.2",
            pingPong("Hello, world!".getBytes(UTF_8), SendOptions.DEFAULT, 1)));
    l.add(
        c(
            "2.3",
            "ping with a small binary payload",
            "RFC 6455 §5.5.2",
            pingPong(Hex.parse("00fffefdfcfb00ff"), SendOptions.DEFAULT, 1)));
    l.add(
        c(
            "2.4",
            "ping with a 125-octet payload",
            "RFC 6455 §5.5.2",
            pingPong(fe125, SendOptions.DEFAULT, 1)));
    l.add(
        c(
            "2.5",
            "ping with a 126-octet payload (too long)",
            "RFC 6455 §5.5",
            f -> {
              f.expect(Expectation.ok(List.of(), CloseExpectation.byPeer(1002)));
              f.sendFrame(Frame.ping(fe126));
              f.killAfter(1);
            }));
    l.add(
        c(
            "2.6",
            "125-octet ping in octet chops",
            "RFC 6455 §5.5.2",
            pingPong(fe125, SendOptions.chopped(1), 2)));
    l.add(
        c(
            "2.7",
            "unsolicited empty pong, then close",
            "RFC 6455 §5.5.3",
            f -> {
              f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(1000)));
              f.sendFrame(Frame.pong(new byte[0]));
              f.sendClose(1000, null);
              f.closeAfter(1);
            }));
    l.add(
        c(
            "2.8",
            "unsolicited pong with payload, then close",
            "RFC 6455 §5.5.3",
            f -> {
              f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(1000)));
              f.sendFrame(Frame.pong("unsolicited pong payload".getBytes(UTF_8)));
              f.sendClose(1000, null);
              f.closeAfter(1);
            }));
    l.add(
        c(
            "2.9",
            "unsolicited pong, then ping",
            "RFC 6455 §5.5.2, §5.5.3",
            f -> {
              f.expect(
                  Expectation.ok(List.of(Event.pong("ping payload")), CloseExpectation.byMe(1000)));
              f.sendFrame(Frame.pong("unsolicited pong payload".getBytes(UTF_8)));
              f.sendFrame(Frame.ping("ping payload".getBytes(UTF_8)));
              f.closeAfter(1);
            }));
    l.add(c("2.10", "10 pings back to back", "RFC 6455 §5.5.2", tenPings(SendOptions.DEFAULT)));
    l.add(
        c(
            "2.11",
            "10 pings back to back, each in octet chops",
            "RFC 6455 §5.5.2",
            tenPings(SendOptions.chopped(1))));
    return l;
  }

  private static Consumer<Session> tenPings(SendOptions o) {
    return f -> {
      List<Event> pongs = new ArrayList<>();
      for (int i = 0; i < 10; i++) pongs.add(Event.pong("payload-" + i));
      f.expect(Expectation.ok(pongs, CloseExpectation.byMe(1000)));
      for (int i = 0; i < 10; i++) f.sendFrame(Frame.ping(("payload-" + i).getBytes(UTF_8)), o);
      f.closeAfter(3);
    };
  }
}
