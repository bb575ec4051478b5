package org.wsconform.cli;

import java.io.PrintStream;
import org.wsconform.run.ConnectionSettings;

/** Options for reaching deployed endpoints: TLS, proxies, secrets. */
@picocli.CommandLine.Command
public final class ConnectionOptions {
  /** The settings these options describe; throws IllegalArgumentException for bad input (exit 2). */
  ConnectionSettings settings(PrintStream stderr) {
    return ConnectionSettings.DEFAULT;
  }
}
