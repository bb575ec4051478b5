package org.wsconform.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.Judgement;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.WireLog;

/**
 * A finished case with all its evidence.
 *
 * @param expectation what the script declared (null when no session was opened)
 * @param close the close state (null when no session was opened)
 * @param httpRequest the request head as sent
 * @param httpResponse the response head as received, or what arrived instead
 * @param error set only when the harness could not run the case
 * @param fix what usually causes the failure and what to change; null when the case passed
 */
public record CaseResult(
    ConformanceCase testCase,
    Judgement judgement,
    Outcome outcome,
    String reason,
    Expectation expectation,
    List<Event> received,
    CloseState close,
    String httpRequest,
    String httpResponse,
    Instant started,
    long durationMillis,
    List<WireLog.Entry> wirelog,
    String error,
    Map<String, Object> details,
    String fix) {

  /** A result without advice yet (the run adds it: {@link FixAdvisor}). */
  public CaseResult(
      ConformanceCase testCase,
      Judgement judgement,
      Outcome outcome,
      String reason,
      Expectation expectation,
      List<Event> received,
      CloseState close,
      String httpRequest,
      String httpResponse,
      Instant started,
      long durationMillis,
      List<WireLog.Entry> wirelog,
      String error,
      Map<String, Object> details) {
    this(
        testCase,
        judgement,
        outcome,
        reason,
        expectation,
        received,
        close,
        httpRequest,
        httpResponse,
        started,
        durationMillis,
        wirelog,
        error,
        details,
        null);
  }

  /** The same result with this "how to fix". */
  public CaseResult withFix(String fix) {
    return new CaseResult(
        testCase,
        judgement,
        outcome,
        reason,
        expectation,
        received,
        close,
        httpRequest,
        httpResponse,
        started,
        durationMillis,
        wirelog,
        error,
        details,
        fix);
  }

  /**
   * What the run keeps of a finished case for its summary: the verdicts and the reason. The wire
   * log is on disk already; keeping every failed case's log in memory is what a hostile target (a
   * ping flood fails every case with a full log) would exhaust the heap with.
   */
  public CaseResult withoutWireLog() {
    return new CaseResult(
        testCase(),
        judgement(),
        outcome(),
        reason(),
        expectation(),
        List.of(),
        close(),
        null,
        null,
        started(),
        durationMillis(),
        List.of(),
        error(),
        details(),
        fix());
  }
}
