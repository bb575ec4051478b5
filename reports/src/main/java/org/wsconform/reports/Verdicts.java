package org.wsconform.reports;

import java.util.List;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Gate;
import org.wsconform.verdict.Outcome;

/**
 * How verdicts look and rank in the HTML and text reports: Autobahn|Testsuite's cell classes and
 * words (autobahn-cases.md §2), and the order used by {@link RunDiff} to tell worse from better.
 */
public final class Verdicts {

  /** behavior from best to worst; an unknown verdict ranks as FAILED, none at all as ERROR. */
  public static final List<String> BEHAVIOR_RANK =
      Behavior.badnessOrder().stream().map(Behavior::label).toList();

  /**
   * behaviorClose from best to worst; UNIMPLEMENTED (a case that never ran its close) ranks as
   * INFORMATIONAL, an unknown verdict as FAILED, none at all as ERROR.
   */
  public static final List<String> CLOSE_RANK =
      BehaviorClose.badnessOrder().stream().map(BehaviorClose::label).toList();

  /** The gate's outcomes from best to worst. */
  public static final List<Outcome> OUTCOME_RANK = Outcome.badnessOrder();

  /** Cell class of a case that a run does not have. */
  public static final String MISSING_CLASS = "case_missing";

  private Verdicts() {}

  /**
   * The gate's reading of a record: its own outcome when it holds one, else (a record read from an
   * Autobahn report) the outcome {@link Gate#outcomeOfBehavior} gives its behavior.
   */
  public static Outcome outcome(CaseRecord r) {
    Outcome own = Outcome.ofNameOrNull(r.outcome());
    return own != null ? own : Gate.outcomeOfBehavior(r.behavior());
  }

  public static int behaviorRank(String behavior) {
    if (behavior == null) {
      return BEHAVIOR_RANK.indexOf(Behavior.ERROR.label());
    }
    int i = BEHAVIOR_RANK.indexOf(behavior);
    return i >= 0 ? i : BEHAVIOR_RANK.indexOf(Behavior.FAILED.label());
  }

  public static int closeRank(String behaviorClose) {
    if (behaviorClose == null) {
      return CLOSE_RANK.indexOf(BehaviorClose.ERROR.label());
    }
    if (behaviorClose.equals(Behavior.UNIMPLEMENTED.label())) {
      return CLOSE_RANK.indexOf(BehaviorClose.INFORMATIONAL.label());
    }
    int i = CLOSE_RANK.indexOf(behaviorClose);
    return i >= 0 ? i : CLOSE_RANK.indexOf(BehaviorClose.FAILED.label());
  }

  public static int outcomeRank(Outcome outcome) {
    return OUTCOME_RANK.indexOf(outcome);
  }

  /**
   * Autobahn's class for the main (behavior) cell: {@code case_ok}, {@code case_non_strict}, {@code
   * case_info}, {@code case_unimplemented}, {@code case_failed}; and ours, {@code case_error}, for
   * ERROR (the harness could not run the case: not the target's fault).
   */
  public static String behaviorClass(String behavior) {
    if (behavior == null) {
      return "case_error";
    }
    return switch (behavior) {
      case "OK" -> "case_ok";
      case "NON-STRICT" -> "case_non_strict";
      case "INFORMATIONAL" -> "case_info";
      case "UNIMPLEMENTED", "NOT APPLICABLE" -> "case_unimplemented";
      case "ERROR" -> "case_error";
      default -> "case_failed";
    };
  }

  /**
   * Autobahn's word for the main cell: Pass, Non-Strict, Info, Unimplemented, Fail; ours: Error,
   * N/A (not applicable to this peer).
   */
  public static String behaviorLabel(String behavior) {
    if (behavior == null) {
      return "Error";
    }
    return switch (behavior) {
      case "OK" -> "Pass";
      case "NON-STRICT" -> "Non-Strict";
      case "INFORMATIONAL" -> "Info";
      case "UNIMPLEMENTED" -> "Unimplemented";
      case "NOT APPLICABLE" -> "N/A";
      case "ERROR" -> "Error";
      default -> "Fail";
    };
  }

  /**
   * Autobahn's class for the close cell: OK green ({@code case_ok}), FAILED BY CLIENT "almost"
   * ({@code case_almost}), WRONG CODE non-strict yellow ({@code case_non_strict}), INFORMATIONAL
   * blue ({@code case_info}), UNCLEAN and FAILED red ({@code case_failed}); ours: ERROR ({@code
   * case_error}), UNIMPLEMENTED ({@code case_unimplemented}).
   */
  public static String closeClass(String behaviorClose) {
    if (behaviorClose == null) {
      return "case_error";
    }
    return switch (behaviorClose) {
      case "OK" -> "case_ok";
      case "FAILED BY CLIENT" -> "case_almost";
      case "WRONG CODE" -> "case_non_strict";
      case "INFORMATIONAL" -> "case_info";
      case "UNIMPLEMENTED" -> "case_unimplemented";
      case "ERROR" -> "case_error";
      default -> "case_failed";
    };
  }

  /**
   * Autobahn's close cell text: "Unclean" for UNCLEAN, "Fail" for FAILED, "Error" for ERROR,
   * otherwise the server's close code ("–" when it sent none).
   */
  public static String closeText(String behaviorClose, Integer remoteCloseCode) {
    if ("UNCLEAN".equals(behaviorClose)) {
      return "Unclean";
    }
    if ("FAILED".equals(behaviorClose)) {
      return "Fail";
    }
    if (behaviorClose == null || "ERROR".equals(behaviorClose)) {
      return "Error";
    }
    return remoteCloseCode == null ? "–" : remoteCloseCode.toString();
  }

  /** The server's close code: from the close state, else from an Autobahn index entry. */
  public static Integer remoteCloseCode(CaseRecord r) {
    if (r.close() != null) {
      return r.close().remoteCloseCode();
    }
    // an Autobahn index read without its case file keeps the code here
    Object code = r.details() == null ? null : r.details().get("remoteCloseCode");
    return code instanceof Number n ? n.intValue() : null;
  }
}
