package org.wsconform.cases;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.wsconform.judge.ClientHandshakeRules;
import org.wsconform.judge.HandshakeCheck;
import org.wsconform.judge.Judge;
import org.wsconform.session.Session;
import org.wsconform.wire.UpgradeRequest;

/**
 * One conformance case, as a value: identity, the words a report shows, and the body.
 *
 * @param id stable id: Autobahn's ("1.1.1") where it mirrors one, a prefixed group otherwise
 *     ("H.3")
 * @param group the sub-group id ("1.1", "2", "H")
 * @param groupTitle the sub-group's title ("Framing / Text Messages")
 * @param request shapes the upgrade request from the canonical one (identity for most cases)
 * @param handshake judges the opening handshake (Autobahn's strict client rules for most cases)
 * @param onOpen the script once the connection is open: sets the expectation, sends, arms timers
 * @param overrides Autobahn's per-case verdict ties
 * @param deadlineSeconds the harness's own limit for this case (before --timeout-scale)
 * @param schedule when the case may run beside others (a deadline over 30 s needs {@link
 *     Schedule#BULK})
 * @param origin whether the case mirrors Autobahn's or is one of our own
 */
public record ConformanceCase(
    String id,
    String group,
    String groupTitle,
    String title,
    String description,
    String expectation,
    Requirement requirement,
    String rfc,
    UnaryOperator<UpgradeRequest> request,
    HandshakeCheck handshake,
    Consumer<Session> onOpen,
    List<Judge.Override> overrides,
    double deadlineSeconds,
    Schedule schedule,
    Origin origin) {

  /** The longest deadline a case may have and still run beside others. */
  public static final double CONCURRENT_DEADLINE_LIMIT = 30;

  public ConformanceCase {
    overrides = List.copyOf(overrides);
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(origin, "origin");
    // A case that may take longer than the limit would hold up the phase it shares with others.
    if (deadlineSeconds > CONCURRENT_DEADLINE_LIMIT
        && schedule != Schedule.BULK
        && schedule != Schedule.VOLUME) {
      throw new IllegalArgumentException(
          id + ": a deadline of " + deadlineSeconds + " s needs Schedule.BULK (or VOLUME)");
    }
  }

  /**
   * One of our own cases (origin WSCONFORM, concurrent): canonical handshake, Autobahn's strict
   * client rules for the response, then a script.
   */
  public static ConformanceCase session(
      String id,
      String group,
      String groupTitle,
      String title,
      String description,
      String expectation,
      Requirement requirement,
      String rfc,
      Consumer<Session> onOpen) {
    return session(
        id,
        group,
        groupTitle,
        title,
        description,
        expectation,
        requirement,
        rfc,
        onOpen,
        Origin.WSCONFORM);
  }

  /**
   * A case of the given origin (concurrent): canonical handshake, Autobahn's client rules, then a
   * script.
   */
  public static ConformanceCase session(
      String id,
      String group,
      String groupTitle,
      String title,
      String description,
      String expectation,
      Requirement requirement,
      String rfc,
      Consumer<Session> onOpen,
      Origin origin) {
    return new ConformanceCase(
        id,
        group,
        groupTitle,
        title,
        description,
        expectation,
        requirement,
        rfc,
        UnaryOperator.identity(),
        ClientHandshakeRules::autobahn,
        onOpen,
        List.of(),
        CONCURRENT_DEADLINE_LIMIT,
        Schedule.CONCURRENT,
        origin);
  }

  public ConformanceCase withOverrides(Judge.Override... o) {
    return running(List.of(o), deadlineSeconds, schedule);
  }

  public ConformanceCase withDeadline(double seconds) {
    return running(overrides, seconds, schedule);
  }

  /**
   * The same case in another scheduling class (set a BULK schedule before a deadline over the
   * limit).
   */
  public ConformanceCase withSchedule(Schedule s) {
    return running(overrides, deadlineSeconds, s);
  }

  /** The same case, judged and scheduled differently: the one copy the withers share. */
  private ConformanceCase running(
      List<Judge.Override> overrides, double deadlineSeconds, Schedule schedule) {
    return new ConformanceCase(
        id,
        group,
        groupTitle,
        title,
        description,
        expectation,
        requirement,
        rfc,
        request,
        handshake,
        onOpen,
        overrides,
        deadlineSeconds,
        schedule,
        origin);
  }

  /** The top-level group: "1", "2", …, or the letter of our own groups. */
  public String topGroup() {
    int dot = id.indexOf('.');
    return dot < 0 ? id : id.substring(0, dot);
  }

  /** Whether the verdict depends on deliberate pauses: the case runs in the paused phase. */
  public boolean paused() {
    return schedule == Schedule.PAUSED;
  }

  /**
   * Whether the verdict depends on timing at all (pauses or bulk): never in the concurrent phase.
   */
  public boolean timed() {
    return schedule != Schedule.CONCURRENT;
  }

  /** Whether the case moves bulk data or measures time: it runs strictly alone. */
  public boolean bulk() {
    return schedule == Schedule.BULK;
  }

  /** Whether the case runs in the bounded volume phase (beside other volume cases only). */
  public boolean volume() {
    return schedule == Schedule.VOLUME;
  }

  public String displayName() {
    return id + " " + title;
  }
}
