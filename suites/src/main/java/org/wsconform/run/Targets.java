package org.wsconform.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.wsconform.reports.TargetIdentity;
import org.wsconform.session.Dialogue;
import org.wsconform.session.Peer;
import org.wsconform.session.PeerModel;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.external.ExternalTarget;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Header;
import org.wsconform.wire.TlsOptions;

/**
 * Resolves what the user named into an endpoint: nothing or "reference" starts the embedded
 * reference server; a ws:// or wss:// URL is used as is; any other word is a profile, {@code
 * targets/profiles/<name>.properties}:
 *
 * <pre>
 * url=wss://echo.example.com/ws          the endpoint (with launch=: optional, may use {port})
 * agent=my-server-1.2                    the name in reports (default: the profile's name)
 * header.1=Authorization: Bearer x       extra request headers, in key order
 * subprotocols=chat, superchat           offered in Sec-WebSocket-Protocol on every request
 * tls.ca-cert=certs/ca.pem              trust these CA certificates instead of the system's (as --ca-cert)
 * tls.client-cert=certs/me.pem           mutual TLS (as --client-cert; tls.client-key=, PKCS#12
 *                                        password in $WSCONFORM_CLIENT_CERT_PASSWORD)
 * tls.insecure=true                      verify no certificate and no host name (as --insecure)
 * tls.verify-hostname=false              verify the certificate but not the host name
 * limit.message=1048576                  the largest message the target accepts (octets)
 * exclude=9.*:needs 16 MiB,7.1.6:timing  cases left out, each with its reason (or exclude.N=)
 * launch=workerd                         start targets/external/workerd/ for the run, stop it after
 * launch.command=bash start.sh           how (default: bash start.sh), run in that folder
 * launch.args=--compat 2026-04-06        appended to the command
 * launch.ready=60                        seconds it has to become ready (default 60)
 * implementation=workerd                 what the target runs, and its version: the run records
 * version=1.20261117.1                   them (run.json, the report's Target line)
 * compatibility.date=2026-11-17          workerd: the Worker's compatibilityDate and flags
 * compatibility.flags=no_web_socket_compression
 * known.1=6.3.* runtime: why it fails    a known cause of failing cases ({@link KnownCause})
 * peer=echo|silent|dialogue              what the application does with messages (default echo;
 *                                        --peer overrides): {@link PeerModel}
 * dialogue.request=text:{"type":"connection_init"}   or binary:&lt;hex&gt;; dialogue.request.1=,
 *                                        .2=, ... for several, sent in order
 * dialogue.reply=json:type=connection_ack   what the reply to the last request must match
 *                                        (json:field=value, regex:&lt;java regex&gt;, exact:&lt;text&gt;,
 *                                        hex:&lt;hex&gt;); dialogue.reply.N= pairs with request N; a
 *                                        request without a reply expects none
 * dialogue.heartbeat=2-&gt;3                answer the application's heartbeat text "2" with "3"
 *                                        (.N= for several)
 * dialogue.unsolicited=regex:^0\{.*      server messages accepted unprompted (.N= for several)
 *                                        (dialogue.* values are read as written, without
 *                                        properties escapes: a regex keeps its backslashes)
 * </pre>
 *
 * Paths are relative to the profile's folder. The command line's own TLS options win over the
 * profile's. Unknown keys are an error, so that a typo never silently runs the wrong configuration.
 */
public final class Targets {
  /** A target the user named that does not exist; the message lists what does. */
  public static final class UnknownTarget extends IllegalArgumentException {
    public UnknownTarget(String m) {
      super(m);
    }
  }

  /** A case pattern a profile leaves out, and why (shown with the run). */
  public record Exclusion(String pattern, String reason) {
    public boolean matches(String caseId) {
      return new Selection(List.of(pattern), List.of()).matches(caseId);
    }

    @Override
    public String toString() {
      return pattern + " (" + reason + ")";
    }
  }

  /**
   * The resolved target.
   *
   * @param embedded set when this run started the reference server
   * @param tls the profile's TLS settings, or null when it declares none
   * @param messageLimit the message-size limit the profile declares (octets), or null
   * @param excluded the profile's excluded cases with their reasons
   * @param launched set when this run started an external target (stop it after the run)
   * @param identity what the target is (URL, profile, implementation, version, workerd's
   *     compatibility date and flags)
   * @param known the profile's known causes of failures
   * @param peer what the target's application does with messages (echo, silent, dialogue)
   */
  public record Resolved(
      Endpoint endpoint,
      String agent,
      List<Header> headers,
      ReferenceServer embedded,
      TlsOptions tls,
      Long messageLimit,
      List<Exclusion> excluded,
      ExternalTarget launched,
      TargetIdentity identity,
      List<KnownCause> known,
      Peer peer)
      implements AutoCloseable {
    public Resolved {
      headers = List.copyOf(headers);
      excluded = List.copyOf(excluded);
      known = List.copyOf(known);
      if (peer == null) peer = Peer.ECHO;
      if (identity != null) identity = identity.withPeer(peer.model().word());
    }

    Resolved(
        Endpoint endpoint,
        String agent,
        List<Header> headers,
        ReferenceServer embedded,
        TargetIdentity identity,
        Peer peer) {
      this(
          endpoint, agent, headers, embedded, null, null, List.of(), null, identity, List.of(),
          peer);
    }

    /** Whether the profile leaves this case out. */
    public boolean excludes(String caseId) {
      return excluded.stream().anyMatch(x -> x.matches(caseId));
    }

    /** Stops what this resolution started (the embedded server, a launched external target). */
    @Override
    public void close() {
      try {
        if (launched != null) launched.close();
      } finally {
        if (embedded != null) embedded.close();
      }
    }
  }

  static final Set<String> KEYS =
      Set.of(
          "url",
          "agent",
          "subprotocols",
          "description",
          "tls.insecure",
          "tls.ca-cert",
          "tls.client-cert",
          "tls.client-key",
          "tls.verify-hostname",
          "limit.message",
          "exclude",
          "launch",
          "launch.command",
          "launch.args",
          "launch.ready",
          "implementation",
          "version",
          "compatibility.date",
          "compatibility.flags",
          "peer");

  private Targets() {}

  static Path home() {
    return Path.of(System.getProperty("wsconform.home", "."));
  }

  public static Path profilesDir() {
    return home().resolve("targets").resolve("profiles");
  }

  public static Resolved resolve(String target) throws IOException {
    return resolve(target, null);
  }

  /**
   * @param peerOverride --peer: the peer model instead of the profile's (null: the profile's, or
   *     echo). The embedded reference server runs its application in that model.
   */
  public static Resolved resolve(String target, PeerModel peerOverride) throws IOException {
    if (target == null || target.equals("reference")) {
      PeerModel m = peerOverride == null ? PeerModel.ECHO : peerOverride;
      ReferenceServer s = ReferenceServer.start(0, referenceMode(m));
      Endpoint e = Endpoint.parse(s.uri().toString());
      return new Resolved(
          e,
          "wsconform-reference-jetty-12.1.14" + (m == PeerModel.ECHO ? "" : "-" + m.word()),
          List.of(),
          s,
          new TargetIdentity(
              e.uri().toString(), null, "wsconform reference (Jetty)", "12.1.14", null, null),
          referencePeer(m));
    }
    if (target.contains("://")) {
      Endpoint e = Endpoint.parse(target);
      if (peerOverride == PeerModel.DIALOGUE)
        throw new UnknownTarget(
            "--peer dialogue needs the dialogue itself: give a profile with dialogue.request= and"
                + " dialogue.reply= (README: Testing your own application endpoint)");
      return new Resolved(
          e,
          e.host() + ":" + e.port(),
          List.of(),
          null,
          new TargetIdentity(target, null, null, null, null, null),
          peerOverride == null ? Peer.ECHO : new Peer(peerOverride, Dialogue.NONE));
    }
    if (!target.matches("[A-Za-z0-9._-]+")) {
      throw new UnknownTarget(
          "'" + target + "' is neither a ws:// or wss:// URL nor a profile name");
    }
    Path file = profilesDir().resolve(target + ".properties");
    if (!Files.isRegularFile(file)) {
      throw new UnknownTarget(
          "unknown profile '"
              + target
              + "'; known profiles: "
              + known()
              + " (or give a ws:// or wss:// URL)");
    }
    return fromProfile(target, file, peerOverride);
  }

  /** The embedded reference server's application for a peer model. */
  public static ReferenceServer.Mode referenceMode(PeerModel m) {
    return switch (m) {
      case ECHO -> ReferenceServer.Mode.ECHO;
      case SILENT -> ReferenceServer.Mode.SILENT;
      case DIALOGUE -> ReferenceServer.Mode.DIALOGUE;
    };
  }

  /** The peer the embedded reference server is in a model: its dialogue, as a profile says it. */
  public static Peer referencePeer(PeerModel m) {
    if (m != PeerModel.DIALOGUE) return new Peer(m, Dialogue.NONE);
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("dialogue.request", "text:" + ReferenceServer.DIALOGUE_REQUEST);
    keys.put("dialogue.reply", "json:type=connection_ack");
    keys.put("dialogue.heartbeat", ReferenceServer.DIALOGUE_HEARTBEAT + "->3");
    keys.put("dialogue.unsolicited", "regex:^0\\{");
    return new Peer(m, Dialogue.parse(keys));
  }

  static Resolved fromProfile(String name, Path file) throws IOException {
    return fromProfile(name, file, null);
  }

  /** Reads a profile; launches its external target when it names one. */
  static Resolved fromProfile(String name, Path file, PeerModel peerOverride) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    Set<String> unknown = new TreeSet<>();
    for (String k : p.stringPropertyNames()) {
      if (!KEYS.contains(k)
          && !k.matches("header\\.\\d+")
          && !k.matches("exclude\\.\\d+")
          && !k.matches("known\\.\\d+")
          && !Dialogue.isKey(k)) unknown.add(k);
    }
    if (!unknown.isEmpty()) {
      throw new UnknownTarget(
          "profile "
              + file
              + ": unknown key(s) "
              + unknown
              + "; known: "
              + new TreeSet<>(KEYS)
              + ", header.N, exclude.N, known.N, dialogue.request[.N], dialogue.reply[.N],"
              + " dialogue.heartbeat[.N], dialogue.unsolicited[.N]");
    }
    String launch = blankToNull(p.getProperty("launch"));
    String url = blankToNull(p.getProperty("url"));
    if (url == null && launch == null)
      throw new UnknownTarget("profile " + file + " has neither 'url' nor 'launch'");

    List<Header> headers = new ArrayList<>();
    try {
      p.stringPropertyNames().stream()
          .filter(n -> n.startsWith("header."))
          .sorted((a, b) -> Integer.compare(index(a), index(b)))
          .forEach(n -> headers.add(Header.parse(p.getProperty(n))));
    } catch (IllegalArgumentException bad) {
      throw new UnknownTarget("profile " + file + ": " + bad.getMessage());
    }
    String subprotocols = blankToNull(p.getProperty("subprotocols"));
    if (subprotocols != null) {
      List<String> names =
          Arrays.stream(subprotocols.split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .toList();
      if (names.isEmpty()
          || names.stream().anyMatch(s -> !s.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+"))) {
        throw new UnknownTarget(
            "profile "
                + file
                + ": subprotocols must be comma-separated tokens (RFC 6455 §4.1),"
                + " got '"
                + subprotocols
                + "'");
      }
      headers.add(new Header("Sec-WebSocket-Protocol", String.join(", ", names)));
    }
    Long limit = null;
    String l = blankToNull(p.getProperty("limit.message"));
    if (l != null) {
      try {
        limit = Long.parseLong(l);
      } catch (NumberFormatException e) {
        limit = -1L;
      }
      if (limit <= 0)
        throw new UnknownTarget(
            "profile "
                + file
                + ": limit.message must be a positive number of octets, got '"
                + l
                + "'");
    }
    List<Exclusion> excluded = ProfileKeys.exclusions(p, file);
    TlsOptions tls = ProfileKeys.tls(p, file);
    String agent = p.getProperty("agent", name);
    List<KnownCause> known = ProfileKeys.knownCauses(p, file);
    Peer peer = peer(p, file, peerOverride);

    if (launch == null) {
      Endpoint e = endpoint(url, file);
      return new Resolved(
          e, agent, headers, null, tls, limit, excluded, null, identity(name, p, e), known, peer);
    }
    if (!launch.matches("[A-Za-z0-9._-]+"))
      throw new UnknownTarget(
          "profile " + file + ": launch must be a folder name under targets/external/");
    if (!Files.isDirectory(ExternalTarget.dir(home(), launch))) {
      throw new UnknownTarget(
          "profile " + file + ": no folder " + ExternalTarget.dir(home(), launch) + " to launch");
    }
    List<String> command = new ArrayList<>(words(p.getProperty("launch.command", "bash start.sh")));
    command.addAll(words(p.getProperty("launch.args", "")));
    Duration ready;
    try {
      ready = Duration.ofSeconds(Long.parseLong(p.getProperty("launch.ready", "60").trim()));
    } catch (NumberFormatException e) {
      throw new UnknownTarget("profile " + file + ": launch.ready must be a number of seconds");
    }
    if (url != null && !url.contains("{port}")) {
      throw new UnknownTarget(
          "profile "
              + file
              + ": with launch=, url must contain {port} (the launched target picks its port)");
    }
    ExternalTarget t;
    try {
      t = ExternalTarget.start(home(), launch, command, ready);
    } catch (IOException e) {
      throw new Preflight.TargetUnreachable(
          "could not start the '" + launch + "' target of profile " + name + ": " + e.getMessage(),
          e);
    }
    try {
      Endpoint e =
          url == null
              ? Endpoint.parse(t.uri().toString())
              : endpoint(url.replace("{port}", Integer.toString(t.uri().getPort())), file);
      return new Resolved(
          e, agent, headers, null, tls, limit, excluded, t, identity(name, p, e), known, peer);
    } catch (RuntimeException ex) {
      t.close();
      throw ex;
    }
  }

  /** {@code peer=} and the dialogue.* keys; {@code --peer} wins over {@code peer=}. */
  private static Peer peer(Properties p, Path file, PeerModel override) throws IOException {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String k : p.stringPropertyNames()) if (Dialogue.isKey(k)) keys.put(k, p.getProperty(k));
    keys.putAll(rawDialogueValues(file));
    try {
      String word = blankToNull(p.getProperty("peer"));
      PeerModel declared = word == null ? PeerModel.ECHO : PeerModel.parse(word);
      Dialogue d = Dialogue.parse(keys);
      if (declared == PeerModel.ECHO && !keys.isEmpty())
        throw new IllegalArgumentException(
            "dialogue.* keys need peer=silent or peer=dialogue (an echo peer has no dialogue)");
      if (declared != PeerModel.DIALOGUE && !d.requests().isEmpty())
        throw new IllegalArgumentException("dialogue.request needs peer=dialogue");
      PeerModel m = override == null ? declared : override;
      return new Peer(m, d);
    } catch (IllegalArgumentException bad) {
      throw new UnknownTarget("profile " + file + ": " + bad.getMessage());
    }
  }

  /**
   * The dialogue.* values exactly as the file writes them: a regular expression's backslashes
   * ({@code regex:^0\{.*}) would otherwise be taken for properties escapes and dropped.
   */
  static Map<String, String> rawDialogueValues(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String t = line.strip();
      if (!t.startsWith("dialogue.")) continue;
      int eq = t.indexOf('=');
      if (eq < 0) continue;
      String key = t.substring(0, eq).strip();
      if (Dialogue.isKey(key)) out.put(key, t.substring(eq + 1).strip());
    }
    return out;
  }

  private static Endpoint endpoint(String url, Path file) {
    try {
      return Endpoint.parse(url);
    } catch (Endpoint.BadUrl bad) {
      throw new UnknownTarget("profile " + file + ": " + bad.getMessage());
    }
  }

  private static TargetIdentity identity(String name, Properties p, Endpoint e) {
    String flags = blankToNull(p.getProperty("compatibility.flags"));
    return new TargetIdentity(
        e.uri().toString(),
        name,
        blankToNull(p.getProperty("implementation")),
        blankToNull(p.getProperty("version")),
        blankToNull(p.getProperty("compatibility.date")),
        flags == null
            ? List.of()
            : Arrays.stream(flags.split(",")).map(String::trim).filter(f -> !f.isEmpty()).toList());
  }

  static int index(String key) {
    return Integer.parseInt(key.substring(key.indexOf('.') + 1));
  }

  private static List<String> words(String s) {
    return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  static String known() {
    List<String> names = new ArrayList<>(List.of("reference"));
    Path dir = profilesDir();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.map(f -> f.getFileName().toString())
            .filter(n -> n.endsWith(".properties"))
            .map(n -> n.substring(0, n.length() - ".properties".length()))
            .sorted()
            .forEach(names::add);
      } catch (IOException ignored) {
        // a listing is a courtesy in an error message
      }
    }
    return String.join(", ", names);
  }
}
