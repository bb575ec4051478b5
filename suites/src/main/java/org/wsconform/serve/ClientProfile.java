package org.wsconform.serve;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.wsconform.reports.TargetIdentity;

/**
 * A client under test, from {@code targets/clients/<name>.properties}:
 *
 * <pre>
 * description=Node ws 8.18.3 client
 * agent=ws-client-8.18.3
 * dir=external/ws            # where the command runs, relative to targets/
 * command=node client.mjs {url}
 * browser=false              # a browser must send Origin (CH.10)
 * implementation=Node ws
 * version=8.18.3
 * installed=clients/ws/node_modules/ws/package.json   # scripts/compare --clients: run by default
 * matrix=true                # false: scripts/compare --clients runs it only when named
 * </pre>
 *
 * The command runs once per case with {@code {url}} the case's {@code /runCase} URL, or, when it
 * names {@code {base}} instead, once for the whole run as an Autobahn client driver ({@code
 * {agent}} is the agent name, {@code {cases}} the selected case numbers). {@code {java}} and {@code
 * {classpath}} are this JVM's java binary and class path (for a client built with wsconform, as the
 * faulty client). {@code installed} (paths relative to {@code targets/} or absolute, comma
 * separated) and {@code matrix} are read by {@code scripts/compare --clients} only. {@code
 * reference} is the embedded Jetty client in this JVM.
 */
public record ClientProfile(
    String name,
    String description,
    String agent,
    Path dir,
    String command,
    boolean browser,
    TargetIdentity identity) {

  public static final String REFERENCE = "reference";

  /** The embedded Jetty client (no process, no profile file). */
  public static ClientProfile reference(String jettyVersion) {
    return new ClientProfile(
        REFERENCE,
        "embedded Jetty " + jettyVersion + " WebSocket client (the reference client)",
        "jetty-client-" + jettyVersion,
        null,
        null,
        false,
        new TargetIdentity(null, REFERENCE, "Jetty WebSocket client", jettyVersion, null, null));
  }

  /** A command given on the command line. */
  public static ClientProfile command(String command, String agent) {
    return new ClientProfile(
        "command", "client command: " + command, agent, Path.of("."), command, false, null);
  }

  /** Whether the command is a driver run once for the whole run ({@code {base}}). */
  public boolean isDriver() {
    return command != null && command.contains("{base}") && !command.contains("{url}");
  }

  public boolean isReference() {
    return command == null;
  }

  /** The profile names in {@code dir}, for the message naming the known ones. */
  public static List<String> known(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".properties"))
          .map(n -> n.substring(0, n.length() - ".properties".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<String> flags(String v) {
    return v == null || v.isBlank() ? List.of() : List.of(v.trim().split("\\s*,\\s*"));
  }

  /**
   * Reads {@code <clientsDir>/<name>.properties}.
   *
   * @throws IllegalArgumentException an unknown name or a malformed profile (the message says what
   *     to do)
   */
  public static ClientProfile load(Path clientsDir, String name) {
    Path file = clientsDir.resolve(name + ".properties");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "unknown client '"
              + name
              + "': known clients are "
              + String.join(", ", known(clientsDir))
              + " and reference (the embedded Jetty client); or give a command with --client-cmd");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read client profile " + file + ": " + e.getMessage());
    }
    String command = p.getProperty("command");
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException(
          "client profile "
              + file
              + ": expected a 'command=' line (with {url} or {base}), observed none");
    }
    if (!command.contains("{url}") && !command.contains("{base}")) {
      throw new IllegalArgumentException(
          "client profile "
              + file
              + ": the command must name {url} (run once per case) or {base} (a driver run once),"
              + " observed '"
              + command
              + "'");
    }
    Path dir = clientsDir.getParent().resolve(p.getProperty("dir", "clients"));
    String agent = p.getProperty("agent", name);
    return new ClientProfile(
        name,
        p.getProperty("description", name),
        agent,
        dir,
        command,
        Boolean.parseBoolean(p.getProperty("browser", "false")),
        new TargetIdentity(
            null,
            name,
            p.getProperty("implementation"),
            p.getProperty("version"),
            p.getProperty("compatibility.date"),
            flags(p.getProperty("compatibility.flags"))));
  }
}
