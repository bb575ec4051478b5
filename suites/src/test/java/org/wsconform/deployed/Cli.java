package org.wsconform.deployed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.wsconform.cli.WsConform;

/** The command a person types, run in-process with its console captured. */
final class Cli {
  record Run(int exit, String out, String err) {
    String all() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private Cli() {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        WsConform.execute(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The one run folder under {@code out} (not the "latest" link). */
  static Path runFolder(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().equals("latest"))
          .findFirst()
          .orElseThrow();
    }
  }
}
