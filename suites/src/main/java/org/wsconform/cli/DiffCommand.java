package org.wsconform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wsconform.reports.RunDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wsconform diff BEFORE AFTER}: what changed between two runs, case by case. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "What changed between two runs, case by case; exits 1 on a regression.",
      "",
      "Cases are matched by id: regressions (a verdict or the outcome got worse), fixes, changes at the same rank, new",
      "and missing cases. Prints the diff as text; --html also writes it as a page. BEFORE and AFTER are results folders",
      "(ours or Autobahn|Testsuite's), or their results.jsonl or index.json."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  wsconform diff reports/out/20260101-120000-jetty reports/out/latest",
      "  wsconform diff --html diff.html baseline/index.json reports/out/latest",
      "",
      "Exit codes: 0 no regression; 1 at least one regression; 2 a folder is not a results folder, or the page",
      "cannot be written."
    })
public final class DiffCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BEFORE", description = "the earlier run (the baseline)")
  String before;

  @Parameters(index = "1", paramLabel = "AFTER", description = "the later run")
  String after;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "also write the diff as a self-contained HTML page")
  Path html;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    try {
      if (html != null && Files.isDirectory(html)) {
        throw new IllegalArgumentException(html + " is a folder: give the HTML file to write");
      }
      RunDiff diff =
          RunDiff.of(ResultsArgument.folder(before), ResultsArgument.folder(after))
              .withLabels(before, after);
      stdout.print(diff.toText());
      if (html != null) stdout.println("diff: " + diff.renderHtml(html).toAbsolutePath());
      stdout.flush();
      return diff.hasRegressions() ? 1 : 0;
    } catch (IllegalArgumentException e) {
      stderr.println("wsconform diff: " + e.getMessage());
      return 2;
    } catch (IOException | UncheckedIOException e) {
      stderr.println("wsconform diff: " + e.getMessage());
      return 2;
    }
  }
}
