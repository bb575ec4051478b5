package org.wsconform.cases.utf8;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.cases.support.AutobahnCase;
import org.wsconform.cases.utf8.Utf8Vectors.Vector;
import org.wsconform.cases.utf8.Utf8Vectors.VectorGroup;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.session.FrameStream;
import org.wsconform.session.Session;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Hex;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;

/**
 * Autobahn 6.*: text payloads must be UTF-8 across the whole message, whatever the framing (RFC
 * 6455 §5.6), and a server that finds they are not fails the connection, with 1007 (§8.1, §7.4.1).
 * 6.1–6.4 fragment valid and invalid text in every way that matters (empty fragments, splits inside
 * code points, one octet per frame, one frame streamed across pauses); 6.5–6.23 are Markus Kuhn's
 * decoder test vectors, one table, one unfragmented frame each.
 */
public final class Utf8Handling {
  private static final String GROUP = "UTF-8 Handling / ";

  /** "Hello-µ@ßöäüàá-UTF-8!!" (6.2). */
  private static final byte[] HELLO =
      Hex.parse("48656c6c6f2dc2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121");

  /** κόσμε (6.2.4, and the valid start of 6.3 and 6.4). */
  private static final byte[] KOSME = Hex.parse("cebae1bdb9cf83cebcceb5");

  /** κόσμε, a UTF-16 surrogate (invalid at its second octet, 0xa0), then "edited" (6.3). */
  private static final byte[] KOSME_SURROGATE_EDITED =
      Hex.parse("cebae1bdb9cf83cebcceb5" + "eda080" + "656469746564");

  /** Kill timer of the generated vectors 6.5–6.23 (seconds), as in Autobahn. */
  private static final double VECTOR_KILL = 0.5;

  private Utf8Handling() {}

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();
    l.addAll(emptyFragments());
    l.addAll(validSplits());
    l.addAll(invalidFragmented());
    l.addAll(failFast());
    for (VectorGroup vg : Utf8Vectors.groups()) {
      for (int i = 0; i < vg.vectors().size(); i++) {
        l.add(vector(vg.id() + "." + (i + 1), vg, vg.vectors().get(i)));
      }
    }
    return l;
  }

  // ---------------------------------------------------------------- 6.1 and 6.2: valid text

  /** The whole message echoed once, then the harness closes; Autobahn arms closeAfter 1 s. */
  private static Consumer<Session> echoed(byte[] message, Consumer<Session> send) {
    return f -> {
      f.expect(
          Expectation.ok(
              List.of(Event.message(message, false)), CloseExpectation.byMe(CloseCode.NORMAL)));
      send.accept(f);
      f.closeAfter(1);
    };
  }

  private static List<ConformanceCase> emptyFragments() {
    String group = GROUP + "Valid UTF-8 with zero payload fragments";
    byte[] middle = "middle frame payload".getBytes(UTF_8);
    return List.of(
        AutobahnCase.of(
            "6.1.1",
            "6.1",
            group,
            "empty text message",
            Requirement.MUST,
            "RFC 6455 §5.6",
            echoed(new byte[0], f -> f.sendFrame(Frame.of(Opcode.TEXT, new byte[0])))),
        AutobahnCase.of(
            "6.1.2",
            "6.1",
            group,
            "text message of three empty fragments",
            Requirement.MUST,
            "RFC 6455 §5.4",
            echoed(new byte[0], f -> fragments(f, new byte[0], new byte[0], new byte[0]))),
        AutobahnCase.of(
            "6.1.3",
            "6.1",
            group,
            "text message of empty, non-empty, empty fragments",
            Requirement.MUST,
            "RFC 6455 §5.4",
            echoed(middle, f -> fragments(f, new byte[0], middle, new byte[0]))));
  }

  private static List<ConformanceCase> validSplits() {
    String group =
        GROUP + "Valid UTF-8 unfragmented, fragmented on code-points and within code-points";
    byte[] part1 = Arrays.copyOfRange(HELLO, 0, 15);
    byte[] part2 = Arrays.copyOfRange(HELLO, 15, HELLO.length);
    return List.of(
        AutobahnCase.of(
            "6.2.1",
            "6.2",
            group,
            "valid UTF-8 text in one frame",
            Requirement.MUST,
            "RFC 6455 §5.6",
            echoed(HELLO, f -> f.sendMessage(HELLO, false, 0, SendOptions.DEFAULT))),
        AutobahnCase.of(
            "6.2.2",
            "6.2",
            group,
            "valid UTF-8 text in two frames split at a code point",
            Requirement.MUST,
            "RFC 6455 §5.6",
            echoed(HELLO, f -> fragments(f, part1, part2))),
        AutobahnCase.of(
            "6.2.3",
            "6.2",
            group,
            "valid UTF-8 text one octet per frame (splits inside code points)",
            Requirement.MUST,
            "RFC 6455 §5.6",
            echoed(HELLO, f -> f.sendMessage(HELLO, false, 1, SendOptions.DEFAULT))),
        AutobahnCase.of(
            "6.2.4",
            "6.2",
            group,
            "κόσμε one octet per frame (splits inside code points)",
            Requirement.MUST,
            "RFC 6455 §5.6",
            echoed(KOSME, f -> f.sendMessage(KOSME, false, 1, SendOptions.DEFAULT))));
  }

  /**
   * A text message in the given fragments: the first a text frame, the rest continuations, FIN on
   * the last.
   */
  private static void fragments(Session f, byte[]... parts) {
    for (int i = 0; i < parts.length; i++) {
      f.sendFrame(
          new Frame(
              i == parts.length - 1, 0, i == 0 ? Opcode.TEXT : Opcode.CONTINUATION, parts[i]));
    }
  }

  // ---------------------------------------------------------------- 6.3 and 6.4: invalid text

  /** The server fails the connection with 1007; if the harness has to close, behavior fails too. */
  private static CloseExpectation serverFails() {
    return CloseExpectation.byPeer(CloseCode.INVALID_PAYLOAD).fatalIfWrongEndpoint();
  }

  private static List<ConformanceCase> invalidFragmented() {
    String group = GROUP + "Invalid UTF-8 differently fragmented";
    return List.of(
        AutobahnCase.of(
            "6.3.1",
            "6.3",
            group,
            "invalid UTF-8 (a surrogate) in one frame",
            Requirement.MUST,
            "RFC 6455 §8.1",
            invalid(f -> f.sendMessage(KOSME_SURROGATE_EDITED, false, 0, SendOptions.DEFAULT))),
        AutobahnCase.of(
            "6.3.2",
            "6.3",
            group,
            "invalid UTF-8 (a surrogate) one octet per frame",
            Requirement.MUST,
            "RFC 6455 §8.1",
            invalid(f -> f.sendMessage(KOSME_SURROGATE_EDITED, false, 1, SendOptions.DEFAULT))));
  }

  private static Consumer<Session> invalid(Consumer<Session> send) {
    return f -> {
      f.expect(Expectation.ok(List.of(), serverFails()));
      send.accept(f);
      f.killAfter(1);
    };
  }

  /**
   * 6.4: κόσμε + U+110000 (f4 90 80 80, invalid at its second octet) + "edited", in three parts
   * with 1 s pauses. OK: the server closes within the pause after the bad octet ([timeout A]);
   * NON-STRICT: only after the end of the message or frame ([timeout A, timeout B]).
   */
  private static List<ConformanceCase> failFast() {
    String group = GROUP + "Fail-fast on invalid UTF-8";
    byte[][] atCodePoint = {KOSME, Hex.parse("f4908080"), Hex.parse("656469746564")};
    byte[][] atBadOctet = {
      Hex.parse("cebae1bdb9cf83cebcceb5f4"), Hex.parse("90"), Hex.parse("8080656469746564")
    };
    String rfc = "RFC 6455 §8.1";
    return List.of(
        AutobahnCase.of(
                "6.4.1",
                "6.4",
                group,
                "invalid code point in the second of three frames, with pauses",
                Requirement.SHOULD,
                rfc,
                threeFrames(atCodePoint))
            .withSchedule(Schedule.PAUSED),
        AutobahnCase.of(
                "6.4.2",
                "6.4",
                group,
                "invalid octet alone in the second of three frames, with pauses",
                Requirement.SHOULD,
                rfc,
                threeFrames(atBadOctet))
            .withSchedule(Schedule.PAUSED),
        AutobahnCase.of(
                "6.4.3",
                "6.4",
                group,
                "invalid code point in the second of three parts of one frame, with pauses",
                Requirement.SHOULD,
                rfc,
                oneFrameStreamed(atCodePoint))
            .withSchedule(Schedule.PAUSED),
        AutobahnCase.of(
                "6.4.4",
                "6.4",
                group,
                "invalid octet alone in the second of three parts of one frame, with pauses",
                Requirement.SHOULD,
                rfc,
                oneFrameStreamed(atBadOctet))
            .withSchedule(Schedule.PAUSED));
  }

  private static Expectation failFastExpectation() {
    return Expectation.okOrNonStrict(
        List.of(Event.timeout("A")),
        List.of(Event.timeout("A"), Event.timeout("B")),
        serverFails());
  }

  /**
   * Part 1, then after each 1 s pause, if the connection is still open, a timeout event and the
   * next part; after part 3 a 1 s kill timer.
   */
  private static void inThreeSteps(Session f, Runnable part1, Runnable part2, Runnable part3) {
    part1.run();
    f.continueLater(
        1,
        "A",
        () -> {
          if (!f.isOpen()) return;
          f.record(Event.timeout("A"));
          part2.run();
          f.continueLater(
              1,
              "B",
              () -> {
                if (!f.isOpen()) return;
                f.record(Event.timeout("B"));
                part3.run();
                f.killAfter(1);
              });
        });
  }

  /** 6.4.1/6.4.2: three frames, text FIN=0, continuation FIN=0, continuation FIN=1. */
  private static Consumer<Session> threeFrames(byte[][] parts) {
    return f -> {
      f.expect(failFastExpectation());
      inThreeSteps(
          f,
          () -> f.sendFrame(new Frame(false, 0, Opcode.TEXT, parts[0])),
          () -> f.sendFrame(new Frame(false, 0, Opcode.CONTINUATION, parts[1])),
          () -> f.sendFrame(new Frame(true, 0, Opcode.CONTINUATION, parts[2])));
    };
  }

  /**
   * 6.4.3/6.4.4: one text frame (FIN=0) whose header declares all 21 octets, its payload streamed
   * in three writes; Autobahn's endMessage then closes the message with an empty continuation frame
   * (FIN=1).
   */
  private static Consumer<Session> oneFrameStreamed(byte[][] parts) {
    return f -> {
      f.expect(failFastExpectation());
      long length = parts[0].length + parts[1].length + parts[2].length;
      FrameStream frame = f.streamFrame(false, 0, Opcode.TEXT, length);
      inThreeSteps(
          f,
          () -> frame.send(parts[0]),
          () -> frame.send(parts[1]),
          () -> {
            frame.send(parts[2]);
            f.sendFrame(new Frame(true, 0, Opcode.CONTINUATION, new byte[0]));
          });
    };
  }

  // ---------------------------------------------------------------- 6.5–6.23: the vectors

  private static ConformanceCase vector(String id, VectorGroup vg, Vector vec) {
    byte[] payload = vec.payload();
    String title =
        (vec.valid() ? "valid" : "invalid")
            + " UTF-8 0x"
            + abbreviated(vec.hex())
            + (vec.valid() ? " is echoed" : " fails the connection");
    Expectation expectation =
        vec.valid()
            ? Expectation.ok(
                List.of(Event.message(payload, false)), CloseExpectation.byMe(CloseCode.NORMAL))
            : Expectation.ok(List.of(), serverFails());
    Consumer<Session> script =
        f -> {
          f.expect(expectation);
          f.sendMessage(payload, false, 0, SendOptions.DEFAULT);
          f.killAfter(VECTOR_KILL);
        };
    return AutobahnCase.of(
        id,
        vg.id(),
        GROUP + vg.title(),
        title,
        Requirement.MUST,
        vec.valid() ? "RFC 6455 §5.6" : "RFC 6455 §8.1",
        script);
  }

  /**
   * Payloads up to 16 octets in full; longer ones (6.12.8, 6.13.1, 6.13.2, 6.15.1) by their ends
   * and length.
   */
  private static String abbreviated(String hex) {
    if (hex.length() <= 32) return hex;
    return hex.substring(0, 8)
        + "…"
        + hex.substring(hex.length() - 4)
        + " ("
        + hex.length() / 2
        + " octets)";
  }
}
