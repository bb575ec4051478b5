package org.wsconform.cases.framing;

import static java.nio.charset.StandardCharsets.UTF_8;

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
import org.wsconform.wire.Hex;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;

/**
 * Autobahn 3.*: a frame with RSV bits set while no extension gives them a meaning fails the
 * connection (RFC 6455 §5.2), whatever the frame (text, binary, close) and whichever bits (RSV = 1
 * … 7; RSV1 = 4, RSV2 = 2, RSV3 = 1). In 3.2–3.4 a valid message goes first: its echo must come
 * back before the failure, and the ping after the bad frame must stay unanswered.
 */
public final class ReservedBits {
  private static final String GROUP = "3";
  private static final String GROUP_TITLE = "Reserved Bits";
  private static final String RFC = "RFC 6455 §5.2";
  private static final String HELLO = "Hello, world!";

  private ReservedBits() {}

  public static List<ConformanceCase> cases() {
    byte[] hello = HELLO.getBytes(UTF_8);
    return List.of(
        c(
            "3.1",
            "text frame with RSV3 set (RSV = 1)",
            Requirement.MUST,
            failsAlone(new Frame(true, 1, Opcode.TEXT, hello))),
        c(
            "3.2",
            "text message, then text frame with RSV2 set (RSV = 2), then ping",
            Requirement.SHOULD,
            EchoBeforeFailure.script(Frame.text(HELLO).withRsv(2), SendOptions.DEFAULT)),
        c(
            "3.3",
            "text message, then text frame with RSV2+RSV3 set (RSV = 3), then ping; frame-wise writes,"
                + " the bad frame after the echo",
            Requirement.SHOULD,
            EchoBeforeFailure.script(Frame.text(HELLO).withRsv(3), SendOptions.synced())),
        c(
            "3.4",
            "text message, then text frame with RSV1 set (RSV = 4), then ping; octet-wise writes, the"
                + " bad frame after the echo",
            Requirement.SHOULD,
            EchoBeforeFailure.script(Frame.text(HELLO).withRsv(4), SendOptions.chopped(1))),
        c(
            "3.5",
            "binary frame with RSV1+RSV3 set (RSV = 5)",
            Requirement.MUST,
            failsAlone(new Frame(true, 5, Opcode.BINARY, Hex.parse("00fffefdfcfb00ff")))),
        // Autobahn's description says "Ping", its code sends a binary frame: the wire is what
        // counts
        c(
            "3.6",
            "binary frame with RSV1+RSV2 set (RSV = 6)",
            Requirement.MUST,
            failsAlone(new Frame(true, 6, Opcode.BINARY, hello))),
        c(
            "3.7",
            "close frame with RSV1+RSV2+RSV3 set (RSV = 7)",
            Requirement.MUST,
            failsAlone(new Frame(true, 7, Opcode.CLOSE, new byte[0]))));
  }

  private static ConformanceCase c(
      String id, String title, Requirement req, Consumer<Session> onOpen) {
    return AutobahnCase.of(id, GROUP, GROUP_TITLE, title, req, RFC, onOpen);
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
