package org.wsconform.cases.fragmentation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.cases.support.AutobahnCase;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.session.Session;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;

/**
 * Autobahn 5.*: fragmented messages (RFC 6455 §5.4). Valid fragments — with a ping injected between
 * them, or a 1 s pause inside the message — are reassembled and echoed, the pings answered;
 * fragmented control frames (§5.5), continuation frames with nothing to continue, and a new data
 * frame inside an unfinished message fail the connection.
 */
public final class Fragmentation {
  private static final String GROUP = "5";
  private static final String GROUP_TITLE = "Fragmentation";
  private static final String RFC = "RFC 6455 §5.4";

  private Fragmentation() {}

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();
    l.add(
        c(
            "5.1",
            "ping fragmented into 2 frames",
            Requirement.MUST,
            "RFC 6455 §5.4, §5.5",
            fails(
                SendOptions.DEFAULT,
                frame(false, Opcode.PING, "fragment1"),
                frame(true, Opcode.CONTINUATION, "fragment2"))));
    l.add(
        c(
            "5.2",
            "pong fragmented into 2 frames",
            Requirement.MUST,
            "RFC 6455 §5.4, §5.5",
            fails(
                SendOptions.DEFAULT,
                frame(false, Opcode.PONG, "fragment1"),
                frame(true, Opcode.CONTINUATION, "fragment2"))));

    String[] writes = {"", "; frame-wise writes", "; octet-wise writes"};
    SendOptions[] how = {SendOptions.DEFAULT, SendOptions.synced(), SendOptions.chopped(1)};
    for (int i = 0; i < 3; i++) {
      l.add(
          c(
              "5." + (3 + i),
              "text message in 2 fragments" + writes[i],
              Requirement.MUST,
              RFC,
              echoesTwoFragments(how[i], false)));
    }
    for (int i = 0; i < 3; i++) {
      l.add(
          c(
              "5." + (6 + i),
              "text message in 2 fragments, ping in between" + writes[i],
              Requirement.MUST,
              "RFC 6455 §5.4, §5.5.2",
              echoesTwoFragments(how[i], true)));
    }
    for (int i = 0; i < 3; i++) {
      l.add(
          c(
              "5." + (9 + i),
              "continuation (FIN=1) with nothing to continue, then text message" + writes[i],
              Requirement.MUST,
              RFC,
              fails(
                  how[i],
                  frame(true, Opcode.CONTINUATION, "non-continuation payload"),
                  frame(true, Opcode.TEXT, "Hello, world!"))));
    }
    for (int i = 0; i < 3; i++) {
      l.add(
          c(
              "5." + (12 + i),
              "continuation (FIN=0) with nothing to continue, then text message" + writes[i],
              Requirement.MUST,
              RFC,
              fails(
                  how[i],
                  frame(false, Opcode.CONTINUATION, "non-continuation payload"),
                  frame(true, Opcode.TEXT, "Hello, world!"))));
    }
    l.add(
        c(
            "5.15",
            "text message in 2 fragments, then continuation (FIN=0) with nothing to continue",
            Requirement.SHOULD,
            RFC,
            f -> {
              f.expect(
                  Expectation.okOrNonStrict(
                      List.of(Event.text("fragment1fragment2")), List.of(), failure()));
              f.sendFrame(frame(false, Opcode.TEXT, "fragment1"));
              f.sendFrame(frame(true, Opcode.CONTINUATION, "fragment2"));
              f.sendFrame(frame(false, Opcode.CONTINUATION, "fragment3"));
              f.sendFrame(frame(true, Opcode.TEXT, "fragment4"));
              f.killAfter(1);
            }));
    l.add(
        c(
            "5.16",
            "twice: continuation (FIN=0) with nothing to continue, then text message in 2 fragments",
            Requirement.MUST,
            RFC,
            continuationFirstTwice(false)));
    l.add(
        c(
            "5.17",
            "twice: continuation (FIN=1) with nothing to continue, then text message in 2 fragments",
            Requirement.MUST,
            RFC,
            continuationFirstTwice(true)));
    l.add(
        c(
            "5.18",
            "text message in 2 fragments, both with the text opcode",
            Requirement.MUST,
            RFC,
            fails(
                SendOptions.DEFAULT,
                frame(false, Opcode.TEXT, "fragment1"),
                frame(true, Opcode.TEXT, "fragment2"))));
    l.add(
        c(
                "5.19",
                "text message in 5 fragments with a 1 s pause and 2 pings inside",
                Requirement.MUST,
                "RFC 6455 §5.4, §5.5.2",
                pauseInsideMessage(SendOptions.DEFAULT))
            .withSchedule(Schedule.PAUSED));
    l.add(
        c(
                "5.20",
                "text message in 5 fragments with a 1 s pause and 2 pings inside; frame-wise writes",
                Requirement.MUST,
                "RFC 6455 §5.4, §5.5.2",
                pauseInsideMessage(SendOptions.synced()))
            .withSchedule(Schedule.PAUSED));
    return l;
  }

  private static ConformanceCase c(
      String id, String title, Requirement req, String rfc, Consumer<Session> onOpen) {
    return AutobahnCase.of(id, GROUP, GROUP_TITLE, title, req, rfc, onOpen);
  }

  private static Frame frame(boolean fin, int opcode, String payload) {
    return new Frame(fin, 0, opcode, payload.getBytes(UTF_8));
  }

  /** peer/1002/-: the server must fail the connection. */
  private static CloseExpectation failure() {
    return CloseExpectation.byPeer(CloseCode.PROTOCOL_ERROR);
  }

  /** The frames in order; nothing may come back, the server fails the connection with 1002. */
  private static Consumer<Session> fails(SendOptions o, Frame... frames) {
    return f -> {
      f.expect(Expectation.ok(List.of(), failure()));
      for (Frame fr : frames) f.sendFrame(fr, o);
      f.killAfter(1);
    };
  }

  /**
   * "fragment1" (text, FIN=0), optionally a ping, "fragment2" (continuation, FIN=1): echoed whole.
   */
  private static Consumer<Session> echoesTwoFragments(SendOptions o, boolean pingInBetween) {
    return f -> {
      List<Event> expected = new ArrayList<>();
      if (pingInBetween) expected.add(Event.pong("ping payload"));
      expected.add(Event.text("fragment1fragment2"));
      f.expect(Expectation.ok(expected, CloseExpectation.byMe(CloseCode.NORMAL)));
      f.sendFrame(frame(false, Opcode.TEXT, "fragment1"), o);
      if (pingInBetween) f.sendFrame(frame(true, Opcode.PING, "ping payload"), o);
      f.sendFrame(frame(true, Opcode.CONTINUATION, "fragment2"), o);
      f.closeAfter(1);
    };
  }

  /** Twice: a continuation with nothing to continue, then a text message in 2 fragments. */
  private static Consumer<Session> continuationFirstTwice(boolean strayFin) {
    return f -> {
      f.expect(Expectation.ok(List.of(), failure()));
      for (int i = 0; i < 2; i++) {
        f.sendFrame(frame(strayFin, Opcode.CONTINUATION, "fragment1"));
        f.sendFrame(frame(false, Opcode.TEXT, "fragment2"));
        f.sendFrame(frame(true, Opcode.CONTINUATION, "fragment3"));
      }
      f.killAfter(1);
    };
  }

  /**
   * 2 fragments and a ping, a 1 s pause with the message unfinished, 2 more fragments, a second
   * ping, the last fragment. Autobahn's verdict needs both pongs before the message, in order; the
   * wire log also notes whether the first pong came during the pause, as the expectation text asks.
   */
  private static Consumer<Session> pauseInsideMessage(SendOptions o) {
    Event pong1 = Event.pong("pongme 1!");
    return f -> {
      f.expect(
          Expectation.ok(
              List.of(
                  pong1,
                  Event.pong("pongme 2!"),
                  Event.text("fragment1fragment2fragment3fragment4fragment5")),
              CloseExpectation.byMe(CloseCode.NORMAL)));
      f.sendFrame(frame(false, Opcode.TEXT, "fragment1"), o);
      f.sendFrame(frame(false, Opcode.CONTINUATION, "fragment2"), o);
      f.sendFrame(frame(true, Opcode.PING, "pongme 1!"), o);
      f.continueLater(
          1,
          "part 2",
          () -> {
            f.log()
                .note(
                    f.received().contains(pong1)
                        ? "the first ping was answered while the message was still unfinished"
                        : "the first ping was NOT answered during the 1 s pause (the message is still unfinished)");
            f.sendFrame(frame(false, Opcode.CONTINUATION, "fragment3"), o);
            f.sendFrame(frame(false, Opcode.CONTINUATION, "fragment4"), o);
            f.sendFrame(frame(true, Opcode.PING, "pongme 2!"), o);
            f.sendFrame(frame(true, Opcode.CONTINUATION, "fragment5"), o);
            f.closeAfter(1);
          });
    };
  }
}
