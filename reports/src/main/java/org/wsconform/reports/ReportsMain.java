package org.wsconform.reports;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reports from a script:
 *
 * <pre>
 * render &lt;folder&gt;                                  writes &lt;folder&gt;/index.html
 * compare &lt;out.html&gt; &lt;folder&gt;...                   writes the comparison matrix ("-": as text to stdout)
 * diff &lt;before-folder&gt; &lt;after-folder&gt; [--html out.html]   prints the diff (and writes it as HTML)
 * perf &lt;out.html|-&gt; &lt;folder&gt;...                      the performance columns (Markdown; "-": stdout only)
 * </pre>
 *
 * <p>Exit codes: 0 done (for diff: no regression); 1 the diff has regressions; 2 bad usage or
 * input, with a one-line message on stderr.
 */
public final class ReportsMain {

  static final String USAGE =
      String.join(
          "\n",
          "usage: reports render <folder>",
          "       reports compare <out.html|-> <folder>...",
          "       reports diff <before-folder> <after-folder> [--html <out.html>]",
          "       reports perf <out.html|-> <folder-with-perf.json>...");

  private ReportsMain() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /**
   * Runs one command (the arguments as for {@link #main}) and returns its exit code, without
   * exiting: for a CLI that offers these commands as its own.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
      (args.length == 0 ? err : out).println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
    try {
      switch (args[0]) {
        case "render":
          return render(rest, out);
        case "compare":
          return compare(rest, out);
        case "diff":
          return diff(rest, out);
        case "perf":
          return perf(rest, out);
        default:
          throw new BadInput("unknown command '" + args[0] + "' (render, compare, diff, perf)");
      }
    } catch (BadInput e) {
      err.println("reports: " + e.getMessage());
      return 2;
    } catch (IOException | UncheckedIOException e) {
      err.println("reports: " + Text.oneLine(e.getMessage()));
      return 2;
    }
  }

  private static int render(List<String> args, PrintStream out) throws IOException {
    if (args.size() != 1) {
      throw new BadInput("render takes one results folder");
    }
    Path folder = resultsFolder(args.get(0));
    out.println(HtmlReport.render(folder));
    return 0;
  }

  private static int compare(List<String> args, PrintStream out) throws IOException {
    if (args.size() < 2) {
      throw new BadInput("compare takes an output file (or -) and at least one results folder");
    }
    List<Path> folders = new ArrayList<>();
    for (String f : args.subList(1, args.size())) {
      folders.add(resultsFolder(f));
    }
    if (args.get(0).equals("-")) {
      out.print(ComparisonMatrix.text(folders));
    } else {
      Path html = Path.of(args.get(0));
      if (Files.isDirectory(html)) {
        throw new BadInput(html + " is a folder: give the HTML file to write");
      }
      out.println(ComparisonMatrix.render(folders, html));
    }
    return 0;
  }

  /**
   * The performance columns of several perf runs, at the first run's first offered rate and its
   * smallest message size.
   */
  private static int perf(List<String> args, PrintStream out) throws IOException {
    if (args.size() < 2) {
      throw new BadInput(
          "perf takes an output file (or -) and at least one folder with a perf.json");
    }
    List<Path> folders = new ArrayList<>();
    for (String f : args.subList(1, args.size())) {
      Path folder = Path.of(f);
      if (!Files.isRegularFile(folder.resolve(PerfPage.PERF_JSON))) {
        throw new BadInput(f + ": no " + PerfPage.PERF_JSON + " (not a wsconform perf run folder)");
      }
      folders.add(folder);
    }
    var settings =
        Json.MAPPER.readTree(folders.get(0).resolve(PerfPage.PERF_JSON).toFile()).path("settings");
    double rate = settings.path("rates").path(0).asDouble(1000);
    int size = Integer.MAX_VALUE;
    for (var s : settings.path("sizes")) size = Math.min(size, s.asInt());
    if (size == Integer.MAX_VALUE) size = 32;
    out.print(PerfPage.table(folders, rate, size));
    if (!args.get(0).equals("-")) {
      out.println(PerfPage.compareHtml(folders, rate, size, Path.of(args.get(0))));
    }
    return 0;
  }

  private static int diff(List<String> args, PrintStream out) throws IOException {
    Path html = null;
    List<String> folders = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--html")) {
        if (i + 1 >= args.size()) {
          throw new BadInput("--html needs a file name");
        }
        html = Path.of(args.get(++i));
      } else if (a.startsWith("--html=")) {
        html = Path.of(a.substring("--html=".length()));
      } else if (a.startsWith("--")) {
        throw new BadInput("unknown option " + a);
      } else {
        folders.add(a);
      }
    }
    if (folders.size() != 2) {
      throw new BadInput("diff takes a before folder and an after folder");
    }
    RunDiff diff = RunDiff.of(resultsFolder(folders.get(0)), resultsFolder(folders.get(1)));
    out.print(diff.toText());
    if (html != null) {
      out.println("wrote " + diff.renderHtml(html));
    }
    return diff.hasRegressions() ? 1 : 0;
  }

  private static Path resultsFolder(String arg) {
    Path folder = Path.of(arg);
    if (!Files.isDirectory(folder)) {
      throw new BadInput(arg + ": no such folder");
    }
    if (!Files.isRegularFile(folder.resolve(RunFolder.RESULTS_JSONL))
        && !Files.isRegularFile(folder.resolve(RunFolder.INDEX_JSON))) {
      throw new BadInput(
          arg
              + ": not a results folder (no "
              + RunFolder.RESULTS_JSONL
              + " or "
              + RunFolder.INDEX_JSON
              + ")");
    }
    return folder;
  }

  private static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
      super(message);
    }
  }
}
