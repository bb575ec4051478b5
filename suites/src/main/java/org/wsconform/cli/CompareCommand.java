package org.wsconform.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wsconform.reports.ComparisonMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wsconform compare DIR...}: several runs side by side, as Autobahn's report shows its
 * agents.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Puts runs side by side, as a text matrix and a self-contained HTML page.",
      "",
      "Cases are rows under their groups, each target a behavior/close column pair, coloured as in Autobahn's legend;",
      "the page's cells link to each run's report. A DIR is one of our results folders or an Autobahn|Testsuite report",
      "folder (reports/ or reports/servers/, one column per agent in its index.json), or its results.jsonl or index.json."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  wsconform compare reports/out/20260101-120000-jetty reports/out/latest",
      "  wsconform compare --out matrix.html reports/out/latest ../autobahn/reports/servers",
      "",
      "Exit codes: 0 written; 2 a DIR is not a results folder, or the page cannot be written."
    })
public final class CompareCommand implements Callable<Integer> {
  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "where the HTML goes (default: reports/out/matrix.html)")
  Path out;

  @Parameters(
      arity = "1..*",
      paramLabel = "DIR",
      description = "results folders, one or more columns each")
  List<String> dirs = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    try {
      List<Path> folders = new ArrayList<>();
      for (String d : dirs) folders.add(ResultsArgument.folder(d));
      Path html =
          out != null
              ? out
              : Path.of(System.getProperty("wsconform.home", "."))
                  .resolve("reports")
                  .resolve("out")
                  .resolve("matrix.html");
      if (Files.isDirectory(html))
        throw new IllegalArgumentException(html + " is a folder: give the HTML file to write");
      stdout.print(ComparisonMatrix.text(folders));
      stdout.println("matrix: " + ComparisonMatrix.render(folders, html).toAbsolutePath());
      stdout.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      stderr.println("wsconform compare: " + e.getMessage());
      return 2;
    } catch (IOException | UncheckedIOException e) {
      stderr.println("wsconform compare: " + e.getMessage());
      return 2;
    }
  }
}
