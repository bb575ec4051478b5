package org.wsconform.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.wsconform.reports.ResultsReader;
import org.wsconform.reports.RunFolder;

/**
 * A results folder named on the command line: one of our run folders, an Autobahn|Testsuite report
 * folder ({@code index.json} with its per-case files), or one of those two files under any name
 * (told by content).
 */
final class ResultsArgument {
  private ResultsArgument() {}

  /**
   * The folder (or, for a results file under another name, the file) to read for {@code arg}: the
   * folder itself when it holds {@code results.jsonl} or {@code index.json}; the folder of such a
   * file; {@code <arg>/servers} for the {@code reports} folder Autobahn writes (its results about
   * servers live in {@code reports/servers/}).
   *
   * @throws IllegalArgumentException with a message for the user when it is none of these
   */
  static Path folder(String arg) {
    Path p = Path.of(arg);
    if (Files.isRegularFile(p)) {
      String name = p.getFileName().toString();
      if (name.equals(RunFolder.RESULTS_JSONL) || name.equals(RunFolder.INDEX_JSON)) {
        return p.toAbsolutePath().getParent();
      }
      // a copy under another name (baseline.json): known by its content, read as a file
      if (shapeOf(p).isPresent()) return p.toAbsolutePath();
      throw new IllegalArgumentException(
          arg
              + ": not a results file (give a results folder, its "
              + RunFolder.RESULTS_JSONL
              + " or its "
              + RunFolder.INDEX_JSON
              + ", under any name)");
    }
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException(arg + ": no such file or folder");
    }
    if (holdsResults(p)) return p;
    if (holdsResults(p.resolve("servers"))) return p.resolve("servers");
    throw new IllegalArgumentException(
        arg
            + ": not a results folder (no "
            + RunFolder.RESULTS_JSONL
            + " or "
            + RunFolder.INDEX_JSON
            + " in it)");
  }

  private static Optional<ResultsReader.Shape> shapeOf(Path file) {
    try {
      return ResultsReader.shape(file);
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  private static boolean holdsResults(Path dir) {
    return Files.isRegularFile(dir.resolve(RunFolder.RESULTS_JSONL))
        || Files.isRegularFile(dir.resolve(RunFolder.INDEX_JSON));
  }
}
