package org.wsconform.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;

/**
 * One in-process {@code wsconform} run against the faulty server with the given faults (none: a
 * conformant echo server), into a fresh folder under {@code base}.
 *
 * @param cli what the command printed and returned
 * @param folder the run's results folder
 */
record FaultyRun(WsConformCliTest.Run cli, Path folder) {

  static FaultyRun against(Set<Fault> faults, Path base, String... args) throws IOException {
    Path out = Files.createTempDirectory(Files.createDirectories(base), "run-");
    try (FaultyServer server = FaultyServer.start(0, faults)) {
      List<String> all =
          new ArrayList<>(
              List.of("--target", server.uri().toString(), "--out", out.toString(), "-q"));
      all.addAll(List.of(args));
      WsConformCliTest.Run r = WsConformCliTest.cli(all.toArray(String[]::new));
      Path latest = out.resolve("latest");
      return new FaultyRun(r, Files.isDirectory(latest) ? latest.toRealPath() : null);
    }
  }

  int exit() {
    return cli.exit();
  }

  String out() {
    return cli.out();
  }

  String err() {
    return cli.err();
  }

  /** Everything the run printed, for assertion messages. */
  String printed() {
    return "exit " + cli.exit() + "\n--- stdout\n" + cli.out() + "--- stderr\n" + cli.err();
  }
}
