package org.wsconform.cases.framing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.Judge;
import org.wsconform.session.Session;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.Hex;
import org.wsconform.wire.LengthEncoding;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;

/**
 * F.*: framing rules Autobahn|Testsuite never tested, because its fuzzer always masks, always
 * writes the minimal length and never sends a frame it cannot finish (autobahn-cases.md §7):
 * unmasked client frames (RFC 6455 §5.1), the all-zero masking key (§5.3), non-minimal and
 * impossible length encodings (§5.2), extended lengths split across TCP writes, a frame that never
 * ends, RSV1 on a ping or a continuation frame without an extension (§5.2), a fragmented close
 * frame and an oversized pong (§5.5).
 *
 * <p>Verdicts follow Autobahn's rules: an exact event list and a close expectation per case. A
 * frame the server MUST reject has to be answered by the server failing the connection (1002 or a
 * TCP drop); if the harness has to close instead, the behavior fails too. The three cases the RFC
 * leaves open are INFORMATIONAL and word what the server did.
 */
public final class FramingRules {
  private static final String GROUP = "F";
  private static final String GROUP_TITLE = "Framing rules beyond Autobahn";
  private static final String HELLO = "Hello, world!";
  private static final SecureRandom MASKS = new SecureRandom();

  private FramingRules() {}

  public static List<ConformanceCase> cases() {
    byte[] hello = HELLO.getBytes(UTF_8);
    List<ConformanceCase> l = new ArrayList<>();

    // ---------------------------------------------------------------- §5.1 masking
    l.add(
        c(
            "F.1",
            "unmasked text frame",
            Requirement.MUST,
            "RFC 6455 §5.1",
            "Send a text frame with payload \"Hello, world!\" and the MASK bit clear (no masking key).",
            "The server fails the connection: \"a server MUST close the connection upon receiving a frame that is not "
                + "masked\" (§5.1), with status 1002 (§7.4.1) or a plain TCP drop. Nothing is echoed. Clean close not "
                + "required.",
            mustFail(List.of(new Sent(Frame.text(HELLO), SendOptions.DEFAULT.unmasked())))));
    l.add(
        c(
            "F.2",
            "unmasked ping",
            Requirement.MUST,
            "RFC 6455 §5.1",
            "Send a ping with payload \"Hello, world!\" and the MASK bit clear.",
            "The server fails the connection with 1002 (or drops TCP) and sends no pong: the masking rule covers "
                + "control frames too (§5.1). Clean close not required.",
            mustFail(List.of(new Sent(Frame.ping(hello), SendOptions.DEFAULT.unmasked())))));
    l.add(
        c(
            "F.3",
            "unmasked continuation frame inside a masked message",
            Requirement.MUST,
            "RFC 6455 §5.1",
            "Send a masked text frame \"fragment1\" with FIN=0, then its continuation \"fragment2\" (FIN=1) with the "
                + "MASK bit clear, both in one write.",
            "The server fails the connection with 1002 (or drops TCP): every frame of a message must be masked, not "
                + "only the first (§5.1). The message \"fragment1fragment2\" is never echoed. Clean close not required.",
            mustFail(
                List.of(
                    new Sent(
                        new Frame(false, 0, Opcode.TEXT, "fragment1".getBytes(UTF_8)),
                        SendOptions.DEFAULT),
                    new Sent(
                        new Frame(true, 0, Opcode.CONTINUATION, "fragment2".getBytes(UTF_8)),
                        SendOptions.DEFAULT.unmasked())))));
    l.add(
        c(
                "F.4",
                "unmasked close frame",
                Requirement.MUST,
                "RFC 6455 §5.1, §7.1.7",
                "Send a close frame with status 1000 and the MASK bit clear.",
                "The server fails the connection with 1002 (or drops TCP) instead of completing a normal closing "
                    + "handshake: an unmasked frame is not a close request it may accept (§5.1). Answering with 1000 is "
                    + "treated as accepting it and fails the case. Clean close not required.",
                mustFail(
                    List.of(
                        new Sent(
                            Frame.close(CloseCode.NORMAL, null), SendOptions.DEFAULT.unmasked()))))
            .withOverrides(Judge.Override.WRONG_CODE_FAILS_BEHAVIOR));

    // ---------------------------------------------------------------- §5.3 the masking key
    l.add(
        c(
            "F.5",
            "text frame masked with the all-zero key",
            Requirement.MUST,
            "RFC 6455 §5.3",
            "Send a text frame \"Hello, world!\" with the MASK bit set and the masking key 00 00 00 00 (so the payload "
                + "octets on the wire are the plain text).",
            "The key is a 32-bit value from a random source, and zero is one of them (§5.3): the frame is masked. The "
                + "server echoes \"Hello, world!\"; then the harness closes with 1000 and the server answers cleanly.",
            echo(Frame.text(HELLO), SendOptions.DEFAULT.withMask(0), 1)));

    // ---------------------------------------------------------------- §5.2 payload length
    // encodings
    l.add(
        c(
                "F.6",
                "5-octet text frame with a 16-bit length",
                Requirement.INFORMATIONAL,
                "RFC 6455 §5.2",
                "Send a text frame \"Hello\" whose length is written in the 16-bit form (7-bit field 126, then 00 05) instead "
                    + "of the minimal 7-bit form.",
                "Informational. \"The minimal number of bytes MUST be used to encode the length\" (§5.2) binds the sender; "
                    + "the RFC does not say what a receiver does with a non-minimal length. Echoing \"Hello\" and failing "
                    + "the connection (1002) are both legal; the verdict records which the server did.",
                lengthOpenQuestion(Frame.text("Hello"), LengthEncoding.FORCE_16))
            .withOverrides(Judge.Override.INFORMATIONAL));
    byte[] fe200 = new byte[200];
    Arrays.fill(fe200, (byte) 0xFE);
    l.add(
        c(
                "F.7",
                "200-octet binary frame with a 64-bit length",
                Requirement.INFORMATIONAL,
                "RFC 6455 §5.2",
                "Send a binary frame of 200 × 0xFE whose length is written in the 64-bit form (7-bit field 127, then "
                    + "00 00 00 00 00 00 00 C8) instead of the minimal 16-bit form.",
                "Informational, for the same reason as F.6: the minimal-encoding MUST binds the sender. Echoing the 200 "
                    + "octets and failing the connection (1002) are both legal; the verdict records which the server did.",
                lengthOpenQuestion(Frame.binary(fe200), LengthEncoding.FORCE_64))
            .withOverrides(Judge.Override.INFORMATIONAL));
    l.add(
        c(
                "F.8",
                "64-bit length with the most significant bit set",
                Requirement.MUST,
                "RFC 6455 §5.2",
                "Send a text frame whose 64-bit length field declares 2^63 + 5 octets (80 00 00 00 00 00 00 05), followed by "
                    + "the 5 octets \"Hello\".",
                "\"The most significant bit MUST be 0\" (§5.2): no such frame exists. The server fails the connection with "
                    + "1002 (or drops TCP) as soon as it has read the header; it must not wait for 2^63 octets. Nothing is "
                    + "echoed. Another close code (e.g. 1009) is a WRONG CODE. Clean close not required. Who drops TCP "
                    + "is not judged: the harness's Close follows octets the server counted into the refused frame, so a "
                    + "server that waits for a Close it can parse and one that drops at once are both right, and the "
                    + "verdict is the same whichever drop comes first.",
                mustFail(
                    List.of(
                        new Sent(
                            Frame.text("Hello"),
                            SendOptions.DEFAULT
                                .withLengthEncoding(LengthEncoding.FORCE_64)
                                .withDeclaredLength(Long.MIN_VALUE + 5)))))
            .withOverrides(Judge.Override.TCP_CLOSER_UNJUDGED));
    byte[] star126 = new byte[126];
    Arrays.fill(star126, (byte) '*');
    l.add(
        c(
            "F.9",
            "126-octet text frame (16-bit length) in octet chops",
            Requirement.MUST,
            "RFC 6455 §5.2",
            "Send a text frame of 126 × '*' (the smallest payload with the 16-bit length form) written one octet per TCP "
                + "write, so the 16-bit length and the masking key arrive split across reads.",
            "The server reassembles the header across reads and echoes the 126 octets; then the harness closes with "
                + "1000 and the server answers cleanly.",
            echo(Frame.text(new String(star126, UTF_8)), SendOptions.chopped(1), 2)));
    byte[] fe64k = new byte[65536];
    Arrays.fill(fe64k, (byte) 0xFE);
    l.add(
        c(
            "F.10",
            "65536-octet binary frame (64-bit length), header octet by octet",
            Requirement.MUST,
            "RFC 6455 §5.2",
            "Send a binary frame of 65536 × 0xFE (the smallest payload with the 64-bit length form): its 14 header "
                + "octets one per TCP write (so the 8-octet length and the masking key arrive split across reads), then "
                + "the payload in one write.",
            "The server reassembles the header across reads and echoes the 65536 octets; then the harness closes with "
                + "1000 and the server answers cleanly.",
            f -> {
              f.expect(
                  Expectation.ok(
                      List.of(Event.binary(fe64k)), CloseExpectation.byMe(CloseCode.NORMAL)));
              sendHeaderOctetWise(f, Frame.binary(fe64k));
              f.killAfter(10);
            }));
    l.add(
        c(
                "F.11",
                "frame that never ends",
                Requirement.INFORMATIONAL,
                "RFC 6455 §5.2, §10.4",
                "Send the header of a text frame declaring 1000 octets, then only 10 octets of its payload (\"0123456789\"), "
                    + "then nothing. After 1 s, note whether the connection is still open; then fail it (killAfter: a close "
                    + "frame, which the server can only read as more payload, and a TCP drop 1 s later).",
                "Informational. Nothing may be echoed: the message is incomplete. The RFC sets no deadline for a frame's "
                    + "payload; a server may wait, or time the frame out to protect itself (§10.4). The verdict records "
                    + "whether the server stayed silent for 1 s, or closed (with which code, after how long).",
                neverEnding())
            .withOverrides(Judge.Override.INFORMATIONAL)
            .withSchedule(Schedule.PAUSED));

    // ---------------------------------------------------------------- §5.2 RSV bits
    l.add(
        c(
            "F.12",
            "ping with RSV1 set",
            Requirement.MUST,
            "RFC 6455 §5.2",
            "Send a ping with payload \"Hello, world!\" and RSV1 set (RSV = 4); no extension was negotiated.",
            "\"If a nonzero value is received and none of the negotiated extensions defines the meaning of such a "
                + "nonzero value, the receiving endpoint MUST _Fail the WebSocket Connection_\" (§5.2): the server fails "
                + "with 1002 (or drops TCP) and sends no pong. Clean close not required.",
            mustFail(List.of(new Sent(Frame.ping(hello).withRsv(4), SendOptions.DEFAULT)))));
    l.add(
        c(
            "F.13",
            "RSV1 set on a continuation frame",
            Requirement.MUST,
            "RFC 6455 §5.2",
            "Send a text frame \"fragment1\" with FIN=0 and RSV = 0, then its continuation \"fragment2\" (FIN=1) with "
                + "RSV1 set; no extension was negotiated.",
            "The server fails the connection with 1002 (or drops TCP): RSV bits without an extension fail the "
                + "connection on every frame, not only a message's first (§5.2; even with permessage-deflate, RSV1 on a "
                + "continuation frame is an error, RFC 7692 §6.1). Nothing is echoed. Clean close not required.",
            mustFail(
                List.of(
                    new Sent(
                        new Frame(false, 0, Opcode.TEXT, "fragment1".getBytes(UTF_8)),
                        SendOptions.DEFAULT),
                    new Sent(
                        new Frame(true, 4, Opcode.CONTINUATION, "fragment2".getBytes(UTF_8)),
                        SendOptions.DEFAULT)))));

    // ---------------------------------------------------------------- §5.5 control frames
    l.add(
        c(
                "F.14",
                "close frame with FIN=0",
                Requirement.MUST,
                "RFC 6455 §5.5",
                "Send a close frame with status 1000 and FIN=0.",
                "\"Control frames themselves MUST NOT be fragmented\" (§5.5): the server fails the connection with 1002 (or "
                    + "drops TCP) instead of completing a normal closing handshake. Answering with 1000 is treated as "
                    + "accepting the fragmented close and fails the case. Clean close not required.",
                mustFail(
                    List.of(
                        new Sent(
                            Frame.close(CloseCode.NORMAL, null).withFin(false),
                            SendOptions.DEFAULT))))
            .withOverrides(Judge.Override.WRONG_CODE_FAILS_BEHAVIOR));
    byte[] fe126 = new byte[126];
    Arrays.fill(fe126, (byte) 0xFE);
    l.add(
        c(
            "F.15",
            "pong with a 126-octet payload (too long)",
            Requirement.MUST,
            "RFC 6455 §5.5",
            "Send an unsolicited pong with 126 × 0xFE as payload (the 16-bit length form).",
            "\"All control frames MUST have a payload length of 125 bytes or less\" (§5.5), pongs included, even though "
                + "an unsolicited pong is otherwise ignored: the server fails the connection with 1002 (or drops TCP). "
                + "Clean close not required.",
            mustFail(List.of(new Sent(Frame.pong(fe126), SendOptions.DEFAULT)))));
    return l;
  }

  private static ConformanceCase c(
      String id,
      String title,
      Requirement req,
      String rfc,
      String description,
      String expectation,
      Consumer<Session> onOpen) {
    return ConformanceCase.session(
        id, GROUP, GROUP_TITLE, title, description, expectation, req, rfc, onOpen);
  }

  /** A frame and how it goes onto the wire. */
  private record Sent(Frame frame, SendOptions options) {}

  /**
   * Frames the server MUST reject: nothing comes back, the server fails the connection with 1002 or
   * drops TCP (peer/1002/-), within the 1 s kill timer. If the harness has to close, the server
   * accepted the frame silently: the behavior fails too, not only the close.
   */
  private static Consumer<Session> mustFail(List<Sent> frames) {
    return f -> {
      f.expect(
          Expectation.ok(
              List.of(), CloseExpectation.byPeer(CloseCode.PROTOCOL_ERROR).fatalIfWrongEndpoint()));
      for (Sent s : frames) f.sendFrame(s.frame(), s.options());
      f.killAfter(1);
    };
  }

  /** A valid frame the server echoes; then the harness closes with 1000 (me/1000/clean). */
  private static Consumer<Session> echo(Frame frame, SendOptions o, double killAfter) {
    return f -> {
      f.expect(
          Expectation.ok(
              List.of(Event.message(frame.payload(), frame.opcode() == Opcode.BINARY)),
              CloseExpectation.byMe(CloseCode.NORMAL)));
      f.sendFrame(frame, o);
      f.killAfter(killAfter);
    };
  }

  /**
   * A valid frame in a non-minimal length encoding: the server may echo it (the harness then closes
   * with 1000) or fail the connection. The verdict says which.
   */
  private static Consumer<Session> lengthOpenQuestion(Frame frame, LengthEncoding enc) {
    Event echoed = Event.message(frame.payload(), frame.opcode() == Opcode.BINARY);
    return f -> {
      f.expect(Expectation.ok(List.of(echoed), CloseExpectation.byMe(CloseCode.NORMAL)));
      f.sendFrame(frame, SendOptions.DEFAULT.withLengthEncoding(enc));
      f.killAfter(1);
      f.atEnd(
          x -> {
            List<Event> got = x.received();
            String what;
            if (got.equals(List.of(echoed))) {
              what = "echoed the message (accepts a non-minimal " + lengthName(enc) + " length)";
            } else if (got.isEmpty()) {
              what = "did not echo; " + howItEnded(x.closeState());
            } else {
              what = "answered with " + got + " instead of the echo; " + howItEnded(x.closeState());
            }
            x.verdict(Behavior.INFORMATIONAL, "The server " + what + ".");
          });
    };
  }

  /**
   * A frame whose payload never completes: after 2 s, is the connection still open? The kill timer,
   * armed after the pause, ends the case (its close frame only adds to the payload).
   */
  private static Consumer<Session> neverEnding() {
    return f -> {
      f.expect(Expectation.selfJudged(CloseExpectation.byMeMaybeUnclean(CloseCode.NORMAL)));
      long t0 = System.nanoTime();
      f.sendFrame(Frame.text("0123456789"), SendOptions.DEFAULT.withDeclaredLength(1000L));
      // 1 s, as long as 5.19, 5.20 and 6.4.* pause: the pause phase then takes 1 s, not 2.
      f.continueLater(
          1,
          "A",
          () -> {
            if (f.isOpen()) f.record(Event.timeout("A"));
          });
      f.killAfter(1);
      f.atEnd(
          x -> {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            List<Event> got = x.received();
            CloseState cs = x.closeState();
            String what;
            if (got.equals(List.of(Event.timeout("A")))) {
              what =
                  "stayed silent for 1 s with the frame 990 octets short (no close frame, no TCP drop); the harness "
                      + "ended the connection";
            } else if (got.isEmpty() && !cs.closedByMe()) {
              what = "timed the frame out: " + howItEnded(cs) + ", within " + ms + " ms";
            } else {
              what = "did something unexpected: received " + got + "; " + howItEnded(cs);
            }
            x.verdict(Behavior.INFORMATIONAL, "The server " + what + ".");
          });
    };
  }

  /** In words, how the connection ended, for the informational verdicts. */
  private static String howItEnded(CloseState cs) {
    if (!cs.closedByMe()) {
      if (cs.remoteCloseCode() != null)
        return "it failed the connection with close code " + cs.remoteCloseCode();
      if (cs.wasClean() || cs.wasServerConnectionDropTimeout())
        return "it closed with an empty close frame";
      return "it dropped TCP without a close frame";
    }
    if (cs.remoteCloseCode() != null) {
      return "the harness closed first ("
          + cs.localCloseCode()
          + "), the server answered "
          + cs.remoteCloseCode();
    }
    return "the harness closed first ("
        + cs.localCloseCode()
        + ")"
        + (cs.wasClean()
            ? ", the server answered with an empty close frame"
            : ", the server did not answer");
  }

  private static String lengthName(LengthEncoding enc) {
    return enc == LengthEncoding.FORCE_16 ? "16-bit" : "64-bit";
  }

  /**
   * Writes one frame with its header one octet per TCP write and its payload in one write, so that
   * an extended length and the masking key arrive split across the server's reads.
   */
  private static void sendHeaderOctetWise(Session f, Frame frame) {
    int key = MASKS.nextInt();
    SendOptions o = SendOptions.DEFAULT.withMask(key);
    byte[] wire = FrameEncoder.encode(frame, o, key);
    int header = FrameEncoder.headerLength(frame.payload().length, o.lengthEncoding(), true);
    f.log().frameSent(frame, o, key);
    f.log()
        .note(
            "header "
                + Hex.of(wire, 0, header)
                + " written one octet per write, then the payload in one write");
    for (int i = 0; i < header; i++) f.sendOctets(new byte[] {wire[i]}, true);
    f.sendOctets(Arrays.copyOfRange(wire, header, wire.length), true);
  }
}
