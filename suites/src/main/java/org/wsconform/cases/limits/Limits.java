package org.wsconform.cases.limits;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.wsconform.cases.limits.BigMessages.sendFragmented;
import static org.wsconform.cases.limits.BigMessages.streamFrame;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;

/**
 * Autobahn 9.* (Limits/Performance, autobahn-cases.md §3.8): big messages as one frame (9.1, 9.2),
 * as many fragments (9.3, 9.4), written in small TCP chops (9.5, 9.6), and 1000 small messages one
 * round trip at a time (9.7, 9.8).
 *
 * <p>As in Autobahn the cases judge themselves: the behavior starts FAILED ("Did not receive
 * message within N seconds." / "Case did not finish within N seconds.", followed by what was
 * expected), an echo is checked for its type and length only (never its content), the harness
 * closes with 1000 once it has what it waited for, and {@code closeAfter(WAITSECS)} is the timeout.
 * Octet rows of the wire log are off while the case runs (Autobahn switches its whole wire log
 * off), and back on for the close.
 *
 * <p>Memory and evidence: 9.1/9.2 write their one frame as a header followed by the payload in 1
 * MiB parts made on the fly from the repeating pattern, so the harness never holds the 16 MiB
 * message it sends; 9.3/9.4 encode their up to 65537 frames in 1 MiB batches under one wire-log
 * note. The octets on the wire are exactly Autobahn's.
 */
public final class Limits {
  private static final String CATEGORY = "Limits/Performance / ";
  private static final int KIB = 1 << 10;
  private static final int MIB = 1 << 20;

  /** Autobahn's payloads: 9.1/9.5 repeat "BAsd7&jh23", 9.2/9.6 repeat 00 fe 23 fa f0. */
  static final Repeating TEXT_PATTERN = new Repeating("BAsd7&jh23".getBytes(US_ASCII));

  static final Repeating BINARY_PATTERN =
      new Repeating(new byte[] {0x00, (byte) 0xfe, 0x23, (byte) 0xfa, (byte) 0xf0});

  private static final int[] SIZES = {64 * KIB, 256 * KIB, MIB, 4 * MIB, 8 * MIB, 16 * MIB};
  private static final String[] SIZE_NAMES = {
    "64 KiB", "256 KiB", "1 MiB", "4 MiB", "8 MiB", "16 MiB"
  };
  private static final int[] TEXT_WAIT = {10, 10, 100, 100, 100, 100};
  private static final int[] BINARY_WAIT = {10, 10, 10, 10, 100, 100};

  private static final int FRAGMENTED_SIZE = 4 * MIB;
  private static final int[] FRAGMENT_SIZES = {
    64, 256, KIB, 4 * KIB, 16 * KIB, 64 * KIB, 256 * KIB, MIB, 4 * MIB
  };
  private static final int FRAGMENTED_WAIT = 100;

  private static final int CHOPPED_SIZE = MIB;
  private static final int[] CHOP_SIZES = {64, 128, 256, 512, 1024, 2048};
  private static final int CHOPPED_WAIT = 1000;

  private static final int ROUND_TRIPS = 1000;
  private static final int[] ROUND_TRIP_SIZES = {0, 16, 64, 256, 1024, 4096};
  private static final int[] ROUND_TRIP_WAIT = {60, 60, 60, 120, 240, 480};

  /** The harness's own deadline is the case's timer plus room for the close handshake. */
  private static final double DEADLINE_MARGIN = 10;

  private Limits() {}

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();
    for (int i = 0; i < SIZES.length; i++) {
      int size = SIZES[i];
      l.add(
          c(
              "9.1." + (i + 1),
              "9.1",
              "text message of " + SIZE_NAMES[i] + " in one frame",
              "RFC 6455 §5.2, §5.6",
              TEXT_WAIT[i],
              oneEcho(
                  false,
                  size,
                  TEXT_WAIT[i],
                  f -> streamFrame(f, Opcode.TEXT, size, TEXT_PATTERN))));
    }
    for (int i = 0; i < SIZES.length; i++) {
      int size = SIZES[i];
      l.add(
          c(
              "9.2." + (i + 1),
              "9.2",
              "binary message of " + SIZE_NAMES[i] + " in one frame",
              "RFC 6455 §5.2, §5.6",
              BINARY_WAIT[i],
              oneEcho(
                  true,
                  size,
                  BINARY_WAIT[i],
                  f -> streamFrame(f, Opcode.BINARY, size, BINARY_PATTERN))));
    }
    for (int binary = 0; binary <= 1; binary++) {
      boolean isBinary = binary == 1;
      for (int i = 0; i < FRAGMENT_SIZES.length; i++) {
        int fragment = FRAGMENT_SIZES[i];
        // Autobahn's own quirk, kept: 9.4.1 sends 0xFE octets, 9.4.2–9.4.9 send '*' like 9.3
        byte fill = isBinary && i == 0 ? (byte) 0xFE : (byte) '*';
        String title =
            "4 MiB "
                + (isBinary ? "binary" : "text")
                + " message in "
                + octets(fragment)
                + " fragments";
        l.add(
            c(
                "9." + (3 + binary) + "." + (i + 1),
                "9." + (3 + binary),
                title,
                "RFC 6455 §5.4",
                FRAGMENTED_WAIT,
                oneEcho(
                    isBinary,
                    FRAGMENTED_SIZE,
                    FRAGMENTED_WAIT,
                    f ->
                        sendFragmented(
                            f,
                            isBinary ? Opcode.BINARY : Opcode.TEXT,
                            FRAGMENTED_SIZE,
                            fragment,
                            fill))));
      }
    }
    for (int binary = 0; binary <= 1; binary++) {
      boolean isBinary = binary == 1;
      int opcode = isBinary ? Opcode.BINARY : Opcode.TEXT;
      Repeating pattern = isBinary ? BINARY_PATTERN : TEXT_PATTERN;
      for (int i = 0; i < CHOP_SIZES.length; i++) {
        int chop = CHOP_SIZES[i];
        String title =
            "1 MiB " + (isBinary ? "binary" : "text") + " frame in " + chop + "-octet TCP writes";
        l.add(
            c(
                "9." + (5 + binary) + "." + (i + 1),
                "9." + (5 + binary),
                title,
                "RFC 6455 §5.2, §5.6",
                CHOPPED_WAIT,
                oneEcho(
                    isBinary,
                    CHOPPED_SIZE,
                    CHOPPED_WAIT,
                    f ->
                        f.sendFrame(
                            new Frame(true, 0, opcode, pattern.slice(0, CHOPPED_SIZE)),
                            SendOptions.chopped(chop)))));
      }
    }
    for (int binary = 0; binary <= 1; binary++) {
      boolean isBinary = binary == 1;
      for (int i = 0; i < ROUND_TRIP_SIZES.length; i++) {
        int size = ROUND_TRIP_SIZES[i];
        String title =
            ROUND_TRIPS
                + " round trips of "
                + size
                + "-octet "
                + (isBinary ? "binary" : "text")
                + " messages";
        l.add(
            c(
                "9." + (7 + binary) + "." + (i + 1),
                "9." + (7 + binary),
                title,
                "RFC 6455 §5.6",
                ROUND_TRIP_WAIT[i],
                roundTrips(isBinary, size, ROUND_TRIP_WAIT[i])));
      }
    }
    return l;
  }

  private static ConformanceCase c(
      String id, String group, String title, String rfc, int waitSecs, Consumer<Session> onOpen) {
    return AutobahnCase.of(
            id, group, CATEGORY + groupTitle(group), title, Requirement.MUST, rfc, onOpen)
        .withSchedule(Schedule.BULK)
        .withDeadline(waitSecs + DEADLINE_MARGIN);
  }

  /** Autobahn's sub-category titles. */
  private static String groupTitle(String group) {
    return switch (group) {
      case "9.1" -> "Text Message (increasing size)";
      case "9.2" -> "Binary Message (increasing size)";
      case "9.3" -> "Fragmented Text Message (fixed size, increasing fragment size)";
      case "9.4" -> "Fragmented Binary Message (fixed size, increasing fragment size)";
      case "9.5" -> "Text Message (fixed size, increasing chop size)";
      case "9.6" -> "Binary Text Message (fixed size, increasing chop size)";
      case "9.7" -> "Text Message Roundtrip Time (fixed number, increasing size)";
      case "9.8" -> "Binary Message Roundtrip Time (fixed number, increasing size)";
      default -> throw new IllegalArgumentException("no group " + group + " in 9.*");
    };
  }

  private static String octets(int n) {
    return n >= MIB ? n / MIB + " MiB" : n >= KIB ? n / KIB + " KiB" : n + "-octet";
  }

  // ---------------------------------------------------------------- 9.1–9.6: one message, one echo

  /**
   * Autobahn's Case9_1_1 and kin: behavior FAILED until an echo of the right type and length
   * arrives; the first message, good or bad, makes the harness close with 1000.
   */
  private static Consumer<Session> oneEcho(
      boolean binary, int size, int waitSecs, Consumer<Session> send) {
    return f -> {
      f.log().logOctets(false);
      f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.NORMAL)));
      Behavior[] behavior = {Behavior.FAILED};
      // Autobahn's sentence, then what was expected: a failure says both
      f.verdict(
          behavior[0],
          "Did not receive message within "
              + waitSecs
              + " seconds. Expected the echo of the "
              + size
              + "-octet "
              + kind(binary)
              + " message (its type and length are checked).");
      f.onEvent(
          e -> {
            if (e.type() != Event.Type.MESSAGE) {
              f.record(e); // Autobahn's Case.onPong records a pong; it does not end the case
              return;
            }
            String mismatch = echoMismatch(binary, size, e);
            String result = mismatch;
            if (mismatch == null) {
              behavior[0] = Behavior.OK;
              result =
                  "Received " + kind(binary) + " message of length " + e.payload().length + ".";
            }
            // a bad echo changes the text only: the behavior stays what it was (Autobahn's
            // onMessage)
            f.verdict(behavior[0], result);
            f.log().logOctets(true);
            f.sendClose(CloseCode.NORMAL, null);
          });
      // Autobahn arms the timer right after queueing the frame; our writes block until the octets
      // are out, so the timer goes first to count from the same moment
      f.closeAfter(waitSecs);
      send.accept(f);
    };
  }

  /**
   * Autobahn's check of an echo in 9.1–9.6: type and length, not content. Its result text when they
   * differ, null when they match.
   */
  static String echoMismatch(boolean binary, long size, Event echo) {
    if (echo.binary() != binary) {
      return binary
          ? "Expected binary message with payload, but got text."
          : "Expected text message with payload, but got binary.";
    }
    if (echo.payload().length != size) {
      return "Expected "
          + kind(binary)
          + " message with payload of length "
          + size
          + ", but got "
          + echo.payload().length
          + ".";
    }
    return null;
  }

  // ---------------------------------------------------------------- 9.7/9.8: 1000 round trips

  /**
   * Autobahn's Case9_7_X/Case9_8_X: one message of {@code size} octets ('*' or 0xFE) in one frame,
   * the next only after its echo; each echo must have the same type and length, the first that does
   * not ends the case FAILED at once.
   */
  private static Consumer<Session> roundTrips(boolean binary, int size, int waitSecs) {
    byte[] payload = new byte[size];
    Arrays.fill(payload, binary ? (byte) 0xFE : (byte) '*');
    Frame frame = new Frame(true, 0, binary ? Opcode.BINARY : Opcode.TEXT, payload);
    return f -> {
      f.log().logOctets(false);
      f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.NORMAL)));
      String unfinished = "Case did not finish within " + waitSecs + " seconds.";
      f.verdict(Behavior.FAILED, unfinished);
      f.closeAfter(waitSecs);
      int[] sent = {0};
      int[] echoed = {0};
      boolean[] judged = {false};
      f.onEvent(
          e -> {
            if (e.type() != Event.Type.MESSAGE) {
              f.record(e);
              return;
            }
            String mismatch = roundTripMismatch(binary, size, e);
            if (mismatch != null) {
              judged[0] = true;
              f.verdict(
                  Behavior.FAILED,
                  mismatch
                      + " Expected a "
                      + kind(binary)
                      + " message of "
                      + size
                      + " octets (echo "
                      + sent[0]
                      + " of "
                      + ROUND_TRIPS
                      + ").");
              f.log().logOctets(true);
              f.sendClose(CloseCode.NORMAL, null);
            } else if (++echoed[0] < ROUND_TRIPS) {
              // Autobahn would send on after its timer closed; we do not put data behind our close
              if (f.isOpen()) {
                f.sendFrame(frame);
                sent[0]++;
              }
            } else {
              judged[0] = true;
              f.verdict(Behavior.OK, "Ok, received all echo'ed messages in time.");
              f.log().logOctets(true);
              f.sendClose(CloseCode.NORMAL, null);
            }
          });
      f.atEnd(
          x -> {
            if (!judged[0]) {
              x.verdict(
                  Behavior.FAILED,
                  unfinished
                      + " Expected "
                      + ROUND_TRIPS
                      + " echoes of "
                      + size
                      + "-octet "
                      + kind(binary)
                      + " messages, one after the other; "
                      + echoed[0]
                      + " arrived.");
            }
          });
      f.sendFrame(frame);
      sent[0]++;
    };
  }

  /**
   * Autobahn's check of one round trip's echo: its result text when type or length differ, else
   * null.
   */
  static String roundTripMismatch(boolean binary, int size, Event echo) {
    if (echo.binary() == binary && echo.payload().length == size) return null;
    // Python's spelling of the booleans, as in Autobahn's reports
    return "Echo'ed message type or length differs from what I sent (got binary = "
        + (echo.binary() ? "True" : "False")
        + ", payload length = "
        + echo.payload().length
        + ").";
  }

  private static String kind(boolean binary) {
    return binary ? "binary" : "text";
  }
}
