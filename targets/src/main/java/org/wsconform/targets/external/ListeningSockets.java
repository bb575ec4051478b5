package org.wsconform.targets.external;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which process holds the listening TCP socket on a loopback port, read from Linux's {@code
 * /proc/net/tcp{,6}} (socket inodes in state LISTEN) and {@code /proc/<pid>/fd} (which process has
 * such an inode open). Other processes on these machines listen on loopback ports too: a launcher
 * that printed someone else's port would make a run test the wrong server.
 */
final class ListeningSockets {
  private static final Path PROC = Path.of("/proc");
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** Whether this system exposes the tables (Linux); elsewhere the check cannot be made. */
  static boolean available() {
    return Files.isReadable(PROC.resolve("net/tcp"));
  }

  /** The inodes of the sockets listening on {@code port} (IPv4 and IPv6 tables). */
  static Set<String> inodes(int port) throws IOException {
    Set<String> out = new HashSet<>();
    for (String table : List.of("net/tcp", "net/tcp6")) {
      Path f = PROC.resolve(table);
      if (!Files.isReadable(f)) continue;
      for (String line : Files.readAllLines(f)) {
        String[] col = line.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
        if (col.length < 10 || !col[3].equals(LISTEN)) continue;
        String local = col[1];
        int colon = local.lastIndexOf(':');
        if (colon < 0) continue;
        int p;
        try {
          p = Integer.parseInt(local.substring(colon + 1), 16);
        } catch (NumberFormatException e) {
          continue;
        }
        if (p == port) out.add(col[9]);
      }
    }
    return out;
  }

  /** Whether process {@code pid} has one of {@code inodes} open. */
  static boolean holds(long pid, Set<String> inodes) {
    Path fds = PROC.resolve(Long.toString(pid)).resolve("fd");
    try (Stream<Path> s = Files.list(fds)) {
      for (Path fd : (Iterable<Path>) s::iterator) {
        try {
          String link = Files.readSymbolicLink(fd).toString();
          if (link.startsWith("socket:[") && inodes.contains(link.substring(8, link.length() - 1)))
            return true;
        } catch (IOException ignored) {
          // the descriptor was closed while we looked
        }
      }
    } catch (IOException ignored) {
      // the process ended, or it is not ours to look into
    }
    return false;
  }

  /**
   * Some process (other than those in {@code excluded}) holding one of {@code inodes}, for the
   * error message.
   */
  static Optional<String> anyHolder(Set<String> inodes) {
    try (Stream<Path> s = Files.list(PROC)) {
      List<Path> pids = new ArrayList<>();
      s.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(pids::add);
      for (Path p : pids) {
        long pid = Long.parseLong(p.getFileName().toString());
        if (holds(pid, inodes)) {
          String cmd = ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?");
          return Optional.of("pid " + pid + " (" + cmd + ")");
        }
      }
    } catch (IOException ignored) {
      // the name of the other holder is a courtesy
    }
    return Optional.empty();
  }

  /**
   * Whether the process has ended, counting a zombie (exited, not yet reaped: a grandchild
   * re-parented to an init that reaps slowly) as ended. Every thread is looked at, not only the
   * main one: while a multi-threaded process (node, a JVM) exits, its main thread is a zombie
   * already while the others still hold its sockets open.
   */
  static boolean ended(ProcessHandle h) {
    if (!h.isAlive()) return true;
    Path tasks = PROC.resolve(Long.toString(h.pid())).resolve("task");
    if (!Files.isDirectory(tasks)) return !h.isAlive();
    try (Stream<Path> s = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) s::iterator) {
        if (!zombie(task.resolve("stat"))) return false;
      }
      return true;
    } catch (IOException e) {
      return !h.isAlive(); // the process went away while we looked
    }
  }

  private static boolean zombie(Path stat) {
    try {
      String s = Files.readString(stat);
      // pid (comm) state ...: comm may contain spaces and parentheses, so look after the last ')'
      int close = s.lastIndexOf(')');
      return close > 0
          && s.length() > close + 2
          && (s.charAt(close + 2) == 'Z' || s.charAt(close + 2) == 'X');
    } catch (IOException e) {
      return true; // the thread is gone
    }
  }
}
