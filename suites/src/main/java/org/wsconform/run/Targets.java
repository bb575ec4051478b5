package org.wsconform.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Header;

/**
 * Resolves what the user named into an endpoint: nothing or "reference" starts the embedded
 * reference server; a ws:// or wss:// URL is used as is; any other word is a profile in
 * {@code targets/profiles/<name>.properties} (url, header.N=Name: value, agent).
 */
public final class Targets {
  /** A target the user named that does not exist; the message lists what does. */
  public static final class UnknownTarget extends IllegalArgumentException {
    public UnknownTarget(String m) {
      super(m);
    }
  }

  /** The resolved target; {@code embedded} is set when this run started the reference server. */
  public record Resolved(Endpoint endpoint, String agent, List<Header> headers, ReferenceServer embedded) {}

  private Targets() {}

  public static Path profilesDir() {
    return Path.of(System.getProperty("wsconform.home", ".")).resolve("targets").resolve("profiles");
  }

  public static Resolved resolve(String target) throws IOException {
    if (target == null || target.equals("reference")) {
      ReferenceServer s = ReferenceServer.start(0);
      return new Resolved(Endpoint.parse(s.uri().toString()), "wsconform-reference-jetty-12.1.14", List.of(), s);
    }
    if (target.contains("://")) {
      Endpoint e = Endpoint.parse(target);
      return new Resolved(e, e.host() + ":" + e.port(), List.of(), null);
    }
    if (!target.matches("[A-Za-z0-9._-]+")) {
      throw new UnknownTarget("'" + target + "' is neither a ws:// or wss:// URL nor a profile name");
    }
    Path file = profilesDir().resolve(target + ".properties");
    if (!Files.isRegularFile(file)) {
      throw new UnknownTarget("unknown profile '" + target + "'; known profiles: " + known()
          + " (or give a ws:// or wss:// URL)");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    String url = p.getProperty("url");
    if (url == null) throw new UnknownTarget("profile " + file + " has no 'url' property");
    Endpoint e;
    try {
      e = Endpoint.parse(url);
    } catch (Endpoint.BadUrl bad) {
      throw new UnknownTarget("profile " + file + ": " + bad.getMessage());
    }
    List<Header> headers = new ArrayList<>();
    p.stringPropertyNames().stream().filter(n -> n.startsWith("header.")).sorted()
        .forEach(n -> headers.add(Header.parse(p.getProperty(n))));
    return new Resolved(e, p.getProperty("agent", target), headers, null);
  }

  static String known() {
    List<String> names = new ArrayList<>(List.of("reference"));
    Path dir = profilesDir();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".properties"))
            .map(n -> n.substring(0, n.length() - ".properties".length())).sorted().forEach(names::add);
      } catch (IOException ignored) {
        // a listing is a courtesy in an error message
      }
    }
    return String.join(", ", names);
  }
}
