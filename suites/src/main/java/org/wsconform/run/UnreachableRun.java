package org.wsconform.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.reports.ResultsWriter;
import org.wsconform.reports.RunFolder;
import org.wsconform.reports.ShardInfo;
import org.wsconform.wire.WireLog;

/** The results folder of a run that stopped at the preflight (exit 3), for CI to keep. */
final class UnreachableRun {
  private UnreachableRun() {}

  /**
   * A results folder for a run that could not start because TLS failed: every selected case ERROR
   * with {@code why}, run.json and the reports, so that exit 3 leaves evidence. No case connects.
   */
  static Path record(
      RunConfig config,
      RunSettings s,
      List<ConformanceCase> selected,
      List<ConformanceCase> whole,
      ShardInfo shard,
      Redaction redaction,
      String why)
      throws IOException {
    String reason = "the target cannot be reached: " + why + " (exit 3: no case was run)";
    ResultsWriter w = new ResultsWriter(RunFolder.create(config.outBase(), s.agent()));
    try (RunContext ctx =
        new RunContext(
            config,
            s,
            selected,
            whole,
            shard,
            null,
            w,
            new Preflight.Result(reason, null),
            redaction)) {
      for (ConformanceCase c : selected) {
        WireLog log = new WireLog();
        log.note(reason);
        CaseResult r =
            ConnectionSettings.annotate(
                redaction.apply(
                    CaseRunner.error(c, s, reason, null, Instant.now(), System.nanoTime(), log)),
                s);
        w.record(Records.of(r, s.agent(), selected.indexOf(c) + 1));
        ctx.keep(r);
      }
      ctx.finish();
      return ctx.folder().dir();
    }
  }
}
