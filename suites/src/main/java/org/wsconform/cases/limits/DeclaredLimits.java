package org.wsconform.cases.limits;

import java.util.ArrayList;
import java.util.List;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.session.Session;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;

/**
 * L.*: the message-size limit a target declares (its profile's limit, reaching the cases as {@code
 * RunSettings.declaredMessageLimit()}), checked from both sides. RFC 6455 §10.4 lets an
 * implementation limit the size of messages and §7.4.1 gives it the code to refuse one with, 1009
 * (Message Too Big). So:
 *
 * <ul>
 *   <li>above the declared limit the server may echo the message anyway or close with 1009 — both
 *       OK; anything else (another close code, a close without code, a TCP drop, an echo that
 *       differs from what was sent, silence until the timer) is FAILED;
 *   <li>at the declared limit it must echo: a 1009 there means its real limit is lower than the
 *       declared one, FAILED;
 *   <li>with no declared limit L.1–L.4 have nothing to check (INFORMATIONAL, nothing is sent), and
 *       L.5 records what the target does with a 64 MiB message: an echo or 1009, both
 *       INFORMATIONAL; anything else FAILED as above.
 * </ul>
 *
 * <p>Unlike 9.*, an echo is compared octet by octet (against the repeating pattern, without a
 * second copy of the message). Big payloads are streamed in 1 MiB parts, so the harness never holds
 * what it sends. The harness closes with 1000 after an echo; when the server closes first, only
 * 1009 is the expected code.
 */
public final class DeclaredLimits {
  private static final String GROUP = "L";
  private static final String GROUP_TITLE = "Declared limits";

  /**
   * L.5's message: far above every default limit we know (Jetty 64 KiB, Cloudflare 1 MiB, ws 100
   * MiB is above).
   */
  static final long BIG = 64L << 20;

  /** The largest fragment of L.4: small enough to be under any limit worth declaring. */
  private static final int MAX_FRAGMENT = 1 << 16;

  /** Timers: 10 s for a small message, then 100 s per 16 MiB as Autobahn's 9.1.x, at most 600 s. */
  private static final double MIN_WAIT = 10;

  private static final double MAX_WAIT = 600;
  private static final double DEADLINE = MAX_WAIT + 20;

  private DeclaredLimits() {}

  /** How a case picks its message from the declared limit. */
  enum Size {
    ONE_ABOVE,
    AT,
    BIG
  }

  /** Which answers a message's size allows. */
  enum Rule {
    /** Above the declared limit: an echo or a close with 1009 is OK. */
    ABOVE,
    /** At or below the declared limit: only an echo is OK. */
    WITHIN,
    /** No limit is declared: an echo or 1009 is recorded as INFORMATIONAL. */
    UNDECLARED
  }

  /** One case's message: its size, its framing, and the rule its answer is judged by. */
  record Plan(long size, boolean binary, int fragment, Rule rule, Long declared) {
    String describe() {
      return size + "-octet " + (binary ? "binary" : "text") + " message";
    }

    String limitWords() {
      return switch (rule) {
        case ABOVE -> "above the declared limit of " + declared + " octets";
        case WITHIN -> "within the declared limit of " + declared + " octets";
        case UNDECLARED -> "with no limit declared";
      };
    }
  }

  /** What a case found: its behavior and the words for it. */
  record Finding(Behavior behavior, String result) {}

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();
    l.add(
        c(
            "L.1",
            "text message one octet above the declared limit",
            "Send a text message of (declared limit + 1) octets, \"BAsd7&jh23\" repeated, in one frame.",
            Size.ONE_ABOVE,
            false,
            false,
            Requirement.MUST,
            "RFC 6455 §7.4.1, §10.4"));
    l.add(
        c(
            "L.2",
            "binary message one octet above the declared limit",
            "Send a binary message of (declared limit + 1) octets, 00 fe 23 fa f0 repeated, in one frame.",
            Size.ONE_ABOVE,
            true,
            false,
            Requirement.MUST,
            "RFC 6455 §7.4.1, §10.4"));
    l.add(
        c(
            "L.3",
            "binary message of exactly the declared limit",
            "Send a binary message of exactly the declared limit in octets, 00 fe 23 fa f0 repeated, in one frame.",
            Size.AT,
            true,
            false,
            Requirement.MUST,
            "RFC 6455 §10.4"));
    l.add(
        c(
            "L.4",
            "binary message one octet above the declared limit, in fragments within it",
            "Send a binary message of (declared limit + 1) octets, 00 fe 23 fa f0 repeated, in at least 4 fragments of "
                + "at most 64 KiB each, every fragment within the limit: only the whole message is above it.",
            Size.ONE_ABOVE,
            true,
            true,
            Requirement.MUST,
            "RFC 6455 §5.4, §7.4.1, §10.4"));
    l.add(
        c(
            "L.5",
            "64 MiB binary message",
            "Send a binary message of 64 MiB (67108864 octets), 00 fe 23 fa f0 repeated, in one frame.",
            Size.BIG,
            true,
            false,
            Requirement.INFORMATIONAL,
            "RFC 6455 §7.4.1, §10.4"));
    return l;
  }

  private static ConformanceCase c(
      String id,
      String title,
      String description,
      Size size,
      boolean binary,
      boolean fragmented,
      Requirement req,
      String rfc) {
    String expectation =
        switch (size) {
          case ONE_ABOVE ->
              "Above its declared limit the server echoes the message unchanged or closes with 1009 "
                  + "(Message Too Big): both OK. Another close code, a close without code, a TCP drop, a changed echo or "
                  + "silence until the timer: FAILED. No declared limit: INFORMATIONAL, nothing is sent.";
          case AT ->
              "At its declared limit the server echoes the message unchanged: OK. A close with 1009 means its "
                  + "real limit is lower than the declared one; that, or any other answer: FAILED. No declared limit: "
                  + "INFORMATIONAL, nothing is sent.";
          case BIG ->
              "With a declared limit below 64 MiB: an unchanged echo or a close with 1009, both OK; at or above "
                  + "it: an unchanged echo only. With no declared limit an unchanged echo or a close with 1009 is recorded "
                  + "(INFORMATIONAL). Any other answer: FAILED.";
        };
    return ConformanceCase.session(
            id,
            GROUP,
            GROUP_TITLE,
            title,
            description,
            expectation,
            req,
            rfc,
            f -> run(f, size, binary, fragmented))
        .withSchedule(Schedule.BULK)
        .withDeadline(DEADLINE);
  }

  /**
   * The message for this case and target, or the reason there is nothing to check.
   *
   * @param receiveLimit the largest message the harness takes back (an echo above it could not be
   *     judged)
   */
  static Object plan(
      Size size, boolean binary, boolean fragmented, Long declared, long receiveLimit) {
    if (declared != null && declared < 0) {
      return "The declared message limit " + declared + " is not a size; nothing was sent.";
    }
    if (declared == null && size != Size.BIG) {
      return "The target declares no message-size limit, so there is no limit to check; nothing was sent.";
    }
    long n =
        switch (size) {
          case ONE_ABOVE -> declared + 1;
          case AT -> declared;
          case BIG -> BIG;
        };
    if (n > receiveLimit) {
      return "The "
          + n
          + "-octet message this case would send is above the "
          + receiveLimit
          + " octets the harness takes back as an echo, so it cannot be checked; nothing was sent.";
    }
    Rule rule = declared == null ? Rule.UNDECLARED : n > declared ? Rule.ABOVE : Rule.WITHIN;
    int fragment = fragmented ? (int) Math.max(1, Math.min(MAX_FRAGMENT, (n + 3) / 4)) : 0;
    return new Plan(n, binary, fragment, rule, declared);
  }

  /**
   * Seconds to wait for an answer: 100 s per 16 MiB (Autobahn's 9.1.4–9.1.6), within 10 … 600 s.
   */
  static double waitSeconds(long size) {
    return Math.min(MAX_WAIT, Math.max(MIN_WAIT, Math.ceil(100.0 * size / (16 << 20))));
  }

  private static void run(Session f, Size size, boolean binary, boolean fragmented) {
    f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.NORMAL)));
    Object p =
        plan(
            size,
            binary,
            fragmented,
            f.settings().declaredMessageLimit(),
            f.settings().maxMessage());
    if (p instanceof String nothingToCheck) {
      f.verdict(Behavior.INFORMATIONAL, nothingToCheck);
      f.sendClose(CloseCode.NORMAL, null);
      return;
    }
    Plan plan = (Plan) p;
    Repeating pattern = binary ? Limits.BINARY_PATTERN : Limits.TEXT_PATTERN;
    double wait = waitSeconds(plan.size());
    f.log().logOctets(false);
    f.log().note(plan.describe() + ", " + plan.limitWords());
    // the echo is judged the moment it arrives and only the finding is kept, not the message
    Finding[] echoed = {null};
    f.onEvent(
        e -> {
          if (e.type() != Event.Type.MESSAGE) {
            f.record(e);
            return;
          }
          echoed[0] =
              echoed[0] == null
                  ? judgeEcho(plan, pattern, e)
                  : new Finding(
                      Behavior.FAILED,
                      "Expected one echo of the "
                          + plan.describe()
                          + "; observed a second message ("
                          + e
                          + ").");
          f.log().logOctets(true);
          f.sendClose(CloseCode.NORMAL, null);
        });
    f.atEnd(
        x -> {
          CloseState cs = x.closeState();
          Finding found = echoed[0] != null ? echoed[0] : judgeNoEcho(plan, cs, wait);
          if (echoed[0] == null && !cs.closedByMe()) {
            // the server closed first: its code must be the one that says "too big"
            x.expect(Expectation.selfJudged(CloseExpectation.byPeer(CloseCode.MESSAGE_TOO_BIG)));
          }
          x.verdict(found.behavior(), found.result());
        });
    f.killAfter(wait);
    int opcode = binary ? Opcode.BINARY : Opcode.TEXT;
    if (plan.fragment() == 0) {
      BigMessages.streamFrame(f, opcode, plan.size(), pattern);
      return;
    }
    // each fragment its own write, so the harness holds one fragment at a time, never the message
    for (long off = 0; off < plan.size(); off += plan.fragment()) {
      int n = (int) Math.min(plan.fragment(), plan.size() - off);
      boolean fin = off + n >= plan.size();
      f.sendFrame(
          new Frame(fin, 0, off == 0 ? opcode : Opcode.CONTINUATION, pattern.slice(off, n)),
          SendOptions.synced());
    }
  }

  /** An echo arrived: it must be the message as sent. */
  static Finding judgeEcho(Plan plan, Repeating pattern, Event echo) {
    String expected =
        "Expected an echo of the "
            + plan.describe()
            + " ("
            + plan.limitWords()
            + ")"
            + (plan.rule() == Rule.WITHIN ? "" : " or a close with 1009")
            + "; observed ";
    if (echo.binary() != plan.binary() || echo.payload().length != plan.size()) {
      return new Finding(
          Behavior.FAILED,
          expected
              + "a"
              + (echo.binary() ? " binary" : " text")
              + " message of "
              + echo.payload().length
              + " octets.");
    }
    long at = pattern.firstDifference(echo.payload());
    if (at >= 0) {
      return new Finding(
          Behavior.FAILED,
          expected + "an echo that differs from what was sent at octet " + at + ".");
    }
    return new Finding(
        plan.rule() == Rule.UNDECLARED ? Behavior.INFORMATIONAL : Behavior.OK,
        "The " + plan.describe() + " (" + plan.limitWords() + ") was echoed unchanged.");
  }

  /**
   * No echo: the server closed (1009 or otherwise), dropped TCP, or said nothing until the timer.
   */
  static Finding judgeNoEcho(Plan plan, CloseState cs, double waitSecs) {
    String expected =
        "Expected an echo of the "
            + plan.describe()
            + " ("
            + plan.limitWords()
            + ")"
            + (plan.rule() == Rule.WITHIN ? "" : " or a close with 1009 (Message Too Big)")
            + "; observed ";
    if (cs.closedByMe()) {
      return new Finding(
          Behavior.FAILED,
          expected
              + "neither within "
              + Math.round(waitSecs)
              + " s"
              + (cs.failedByMe() ? " (the harness closed)" : "")
              + ".");
    }
    Integer code = cs.remoteCloseCode();
    if (code != null && code == CloseCode.MESSAGE_TOO_BIG) {
      return switch (plan.rule()) {
        case ABOVE ->
            new Finding(
                Behavior.OK,
                "The server refused the "
                    + plan.describe()
                    + " ("
                    + plan.limitWords()
                    + ") with 1009 (Message Too Big).");
        case UNDECLARED ->
            new Finding(
                Behavior.INFORMATIONAL,
                "The server refused the "
                    + plan.describe()
                    + " ("
                    + plan.limitWords()
                    + ") with 1009 (Message Too Big).");
        case WITHIN ->
            new Finding(
                Behavior.FAILED,
                expected
                    + "a close with 1009 (Message Too Big): the server's "
                    + "real limit is lower than the declared one.");
      };
    }
    if (code != null)
      return new Finding(Behavior.FAILED, expected + "a close with code " + code + ".");
    if (cs.wasClean()) {
      return new Finding(Behavior.FAILED, expected + "a close frame without a code.");
    }
    return new Finding(
        Behavior.FAILED, expected + "the server dropping TCP without a close frame.");
  }
}
