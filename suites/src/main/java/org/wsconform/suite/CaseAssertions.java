package org.wsconform.suite;

import io.qameta.allure.Allure;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.run.CaseResult;
import org.wsconform.run.ConnectionSettings;
import org.wsconform.run.RunContext;
import org.wsconform.wire.WireLog;

/**
 * Verdict → JUnit outcome (ARCHITECTURE.md): FAILED fails with expected vs observed; ERROR is a
 * test error (the harness could not run the case); UNIMPLEMENTED is aborted (skipped); OK,
 * NON-STRICT and INFORMATIONAL pass, with the verdict recorded. The evidence goes to Allure.
 */
public final class CaseAssertions {
  /** The harness could not run the case: never reported as the target's failure. */
  public static final class CaseError extends RuntimeException {
    public CaseError(String m) {
      super(m, null, false, false);
    }
  }

  private CaseAssertions() {}

  public static void assertConforms(CaseResult r) {
    attach(r);
    switch (r.outcome()) {
      case PASSED -> {}
      case SKIPPED ->
          throw new TestAbortedException(
              r.judgement().behavior().label() + ": " + r.judgement().result());
      case ERROR ->
          throw new CaseError(
              "ERROR (the harness could not run " + r.testCase().id() + "): " + r.reason());
      case FAILED ->
          throw new AssertionFailedError(
              r.testCase().id()
                  + " behavior="
                  + r.judgement().behavior().label()
                  + " behaviorClose="
                  + r.judgement().behaviorClose().label()
                  + ": "
                  + r.reason(),
              expected(r),
              observed(r));
    }
  }

  private static String expected(CaseResult r) {
    if (r.expectation() == null) return r.testCase().expectation();
    return r.expectation().outcomes().entrySet().stream()
            .map(e -> e.getKey().label() + ": " + e.getValue())
            .collect(Collectors.joining("\n"))
        + "\nclose: "
        + r.expectation().close();
  }

  private static String observed(CaseResult r) {
    return r.received() + (r.close() == null ? "" : "\nclose: " + r.close());
  }

  private static void attach(CaseResult r) {
    try {
      ConformanceCase c = r.testCase();
      Allure.epic("wsconform");
      Allure.feature(c.topGroup() + " " + c.groupTitle());
      Allure.story(c.group());
      Allure.label("tag", c.requirement().tag());
      Allure.label(
          "severity",
          switch (c.requirement()) {
            case MUST -> "critical";
            case SHOULD -> "normal";
            case INFORMATIONAL -> "minor";
          });
      Allure.parameter(
          "target",
          RunContext.current()
              .redaction()
              .url(RunContext.current().settings().endpoint().toString()));
      if (ConnectionSettings.insecure(RunContext.current().settings())) {
        // --insecure: the Allure report is a report of this run too, and says so on every case
        Allure.parameter("tls", ConnectionSettings.INSECURE_WARNING);
      }
      Allure.parameter("behavior", r.judgement().behavior().label());
      Allure.parameter("behaviorClose", r.judgement().behaviorClose().label());
      Allure.description(
          c.description() + "\n\nExpectation: " + c.expectation() + "\n\n" + c.rfc());
      Allure.addAttachment(
          "expected vs observed",
          "text/plain",
          "expected:\n"
              + expected(r)
              + "\n\nobserved:\n"
              + observed(r)
              + "\n\n"
              + r.judgement().result()
              + "\n"
              + r.judgement().resultClose(),
          ".txt");
      if (r.httpRequest() != null) {
        Allure.addAttachment(
            "handshake",
            "text/plain",
            r.httpRequest()
                + "\n"
                + (r.httpResponse() == null ? "(no response)" : r.httpResponse()),
            ".txt");
      }
      Allure.addAttachment("wire log", "text/plain", wireLog(r), ".txt");
    } catch (RuntimeException e) {
      // Allure is reporting, not judging: a failure to attach must not change a verdict
    }
  }

  static String wireLog(CaseResult r) {
    StringBuilder sb = new StringBuilder();
    for (WireLog.Entry e : r.wirelog()) {
      sb.append(String.format("%10.3f ms  %-9s %s%n", e.atMillis(), e.kind(), e.text()));
      if (e.hex() != null && (e.kind() == WireLog.Kind.TO || e.kind() == WireLog.Kind.RO)) {
        sb.append("              ").append(e.hex()).append('\n');
      }
    }
    return sb.toString();
  }
}
