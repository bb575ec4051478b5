package org.wsconform.serve;

import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.run.CaseResult;
import org.wsconform.wire.WireLog;

/**
 * Allure results of a client run, one test result per case as a server run's JUnit suites give: a
 * client run has no JUnit launcher (the client decides when a case runs), so its results are
 * written directly with Allure's own lifecycle.
 */
final class ClientAllure {
  private final AllureLifecycle lifecycle;
  private final String agent;

  ClientAllure(Path resultsDir, String agent) {
    this.lifecycle = new AllureLifecycle(new FileSystemResultsWriter(resultsDir));
    this.agent = agent;
  }

  void record(CaseResult r) {
    try {
      ConformanceCase c = r.testCase();
      String uuid = UUID.randomUUID().toString();
      TestResult t =
          new TestResult()
              .setUuid(uuid)
              .setName(c.displayName())
              .setFullName("wsconform.clients." + c.id())
              .setHistoryId(agent + " " + c.id())
              .setTestCaseId(c.id())
              .setDescription(
                  c.description() + "\n\nExpectation: " + c.expectation() + "\n\n" + c.rfc())
              .setStatus(
                  switch (r.outcome()) {
                    case PASSED -> Status.PASSED;
                    case FAILED -> Status.FAILED;
                    case SKIPPED -> Status.SKIPPED;
                    case ERROR -> Status.BROKEN;
                  })
              .setStatusDetails(new StatusDetails().setMessage(r.reason()))
              .setLabels(
                  List.of(
                      new Label().setName("epic").setValue("wsconform clients"),
                      new Label().setName("feature").setValue(c.topGroup() + " " + c.groupTitle()),
                      new Label().setName("story").setValue(c.group()),
                      new Label().setName("tag").setValue(c.requirement().tag()),
                      new Label().setName("suite").setValue(agent)))
              .setParameters(
                  List.of(
                      new Parameter().setName("client").setValue(agent),
                      new Parameter()
                          .setName("behavior")
                          .setValue(r.judgement().behavior().label()),
                      new Parameter()
                          .setName("behaviorClose")
                          .setValue(r.judgement().behaviorClose().label())));
      t.setStart(r.started().toEpochMilli())
          .setStop(r.started().toEpochMilli() + r.durationMillis());
      lifecycle.scheduleTestCase(t);
      lifecycle.startTestCase(uuid);
      if (r.httpRequest() != null) {
        attach(
            "handshake",
            r.httpRequest()
                + "\n"
                + (r.httpResponse() == null ? "(no response)" : r.httpResponse()));
      }
      attach("wire log", wireLog(r));
      lifecycle.stopTestCase(uuid);
      lifecycle.writeTestCase(uuid);
    } catch (RuntimeException e) {
      // Allure is reporting, not judging: a failure to write it must not change a verdict
    }
  }

  private void attach(String name, String text) {
    lifecycle.addAttachment(name, "text/plain", ".txt", text.getBytes(StandardCharsets.UTF_8));
  }

  private static String wireLog(CaseResult r) {
    StringBuilder sb = new StringBuilder();
    for (WireLog.Entry e : r.wirelog()) {
      sb.append(String.format("%10.3f ms  %-9s %s%n", e.atMillis(), e.kind(), e.text()));
    }
    return sb.toString();
  }
}
