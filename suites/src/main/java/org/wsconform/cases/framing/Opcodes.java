package org.wsconform.cases.framing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.support.AutobahnCase;
import org.wsconform.cases.support.EchoBeforeFailure;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Expectation;
import org.wsconform.session.Session;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.SendOptions;

/**
 * Autobahn 4.*: a frame with a reserved opcode — non-control 3–7 (4.1), control 11–15 (4.2) — fails
 * the connection (RFC 6455 §5.2: "If an unknown opcode is received, the receiving endpoint MUST
 * _Fail the WebSocket Connection_"). In x.3–x.5 a valid message goes first: its echo must come back
 * before the failure, and the ping after the bad frame must stay unanswered.
 */
public final class Opcodes {
  private static final String RFC = "RFC 6455 §5.2";
  private static final String HELLO = "Hello, world!";
  private static final String RESERVED_PAYLOAD = "reserved opcode payload";

  private Opcodes() {}

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();
    l.addAll(family("4.1", "Opcodes / Non-control Opcodes", "non-control", 3));
    l.addAll(family("4.2", "Opcodes / Control Opcodes", "control", 11));
    return l;
  }

  /**
   * The five cases of one range, opcodes {@code first} … {@code first + 4}, in Autobahn's order.
   */
  private static List<ConformanceCase> family(
      String group, String groupTitle, String kind, int first) {
    byte[] hello = HELLO.getBytes(UTF_8);
    byte[] reserved = RESERVED_PAYLOAD.getBytes(UTF_8);
    int op1 = first;
    int op2 = first + 1;
    int op3 = first + 2;
    int op4 = first + 3;
    int op5 = first + 4;
    return List.of(
        AutobahnCase.of(
            group + ".1",
            group,
            groupTitle,
            "reserved " + kind + " opcode " + op1 + ", empty",
            Requirement.MUST,
            RFC,
            failsAlone(Frame.of(op1, new byte[0]))),
        AutobahnCase.of(
            group + ".2",
            group,
            groupTitle,
            "reserved " + kind + " opcode " + op2 + " with a payload",
            Requirement.MUST,
            RFC,
            failsAlone(Frame.of(op2, reserved))),
        AutobahnCase.of(
            group + ".3",
            group,
            groupTitle,
            "text message, then reserved " + kind + " opcode " + op3 + " (empty), then ping",
            Requirement.SHOULD,
            RFC,
            EchoBeforeFailure.script(Frame.of(op3, new byte[0]), SendOptions.DEFAULT)),
        AutobahnCase.of(
            group + ".4",
            group,
            groupTitle,
            "text message, then reserved " + kind + " opcode " + op4 + " with a payload, then ping",
            Requirement.SHOULD,
            RFC,
            EchoBeforeFailure.script(Frame.of(op4, hello), SendOptions.DEFAULT)),
        AutobahnCase.of(
            group + ".5",
            group,
            groupTitle,
            "text message, then reserved "
                + kind
                + " opcode "
                + op5
                + " with a payload, then ping; octet-wise writes, the bad frame after the echo",
            Requirement.SHOULD,
            RFC,
            EchoBeforeFailure.script(Frame.of(op5, hello), SendOptions.chopped(1))));
  }

  /** The bad frame alone: nothing may come back, the server fails the connection with 1002. */
  private static Consumer<Session> failsAlone(Frame bad) {
    return f -> {
      f.expect(Expectation.ok(List.of(), CloseExpectation.byPeer(CloseCode.PROTOCOL_ERROR)));
      f.sendFrame(bad);
      f.killAfter(1);
    };
  }
}
