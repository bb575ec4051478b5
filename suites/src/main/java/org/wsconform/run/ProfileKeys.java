package org.wsconform.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.wsconform.wire.ClientIdentity;
import org.wsconform.wire.TlsOptions;

/**
 * The profile keys that become more than a string: {@code known.N}, {@code exclude}/{@code
 * exclude.N} and the {@code tls.*} keys. A bad value is an {@link Targets.UnknownTarget} naming the
 * profile file.
 */
final class ProfileKeys {
  private ProfileKeys() {}

  /** {@code known.N=patterns runtime|application: cause}, in key order. */
  static List<KnownCause> knownCauses(Properties p, Path file) {
    try {
      return p.stringPropertyNames().stream()
          .filter(n -> n.startsWith("known."))
          .sorted((a, b) -> Integer.compare(Targets.index(a), Targets.index(b)))
          .map(n -> KnownCause.parse(p.getProperty(n)))
          .toList();
    } catch (IllegalArgumentException bad) {
      throw new Targets.UnknownTarget("profile " + file + ": " + bad.getMessage());
    }
  }

  /** {@code exclude=a:why,b:why} and {@code exclude.N=a: why} (a reason may then hold commas). */
  static List<Targets.Exclusion> exclusions(Properties p, Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> entries = new ArrayList<>();
    String list = Targets.blankToNull(p.getProperty("exclude"));
    if (list != null) for (String e : list.split(",")) if (!e.isBlank()) entries.add(e.trim());
    p.stringPropertyNames().stream()
        .filter(n -> n.startsWith("exclude."))
        .sorted((a, b) -> Integer.compare(Targets.index(a), Targets.index(b)))
        .forEach(n -> entries.add(p.getProperty(n).trim()));
    for (String e : entries) {
      int colon = e.indexOf(':');
      String pattern = colon < 0 ? e : e.substring(0, colon).trim();
      String reason = colon < 0 ? "" : e.substring(colon + 1).trim();
      if (pattern.isEmpty() || reason.isEmpty()) {
        throw new Targets.UnknownTarget(
            "profile " + file + ": excluded case '" + e + "' needs a reason, as 'pattern:reason'");
      }
      out.put(pattern, reason);
    }
    List<Targets.Exclusion> l = new ArrayList<>();
    out.forEach((k, v) -> l.add(new Targets.Exclusion(k, v)));
    return l;
  }

  /**
   * The profile's trust and identity, as the command line's --insecure / --ca-cert / --client-cert
   * say them.
   */
  static TlsOptions tls(Properties p, Path file) {
    boolean insecure = Boolean.parseBoolean(p.getProperty("tls.insecure", "false").trim());
    String ca = Targets.blankToNull(p.getProperty("tls.ca-cert"));
    String cert = Targets.blankToNull(p.getProperty("tls.client-cert"));
    String key = Targets.blankToNull(p.getProperty("tls.client-key"));
    String verify = Targets.blankToNull(p.getProperty("tls.verify-hostname"));
    if (!insecure && ca == null && cert == null && verify == null) return null;
    if (key != null && cert == null)
      throw new Targets.UnknownTarget("profile " + file + ": tls.client-key needs tls.client-cert");
    // relative paths are relative to the profile's folder, so a profile and its certificates travel
    // together
    Path dir = file.toAbsolutePath().getParent();
    try {
      ClientIdentity client = null;
      if (cert != null) {
        String pw = System.getenv("WSCONFORM_CLIENT_CERT_PASSWORD");
        client =
            ClientIdentity.load(
                dir.resolve(cert),
                key == null ? null : dir.resolve(key),
                pw == null ? null : pw.toCharArray());
      }
      Path caPath = ca == null ? null : dir.resolve(ca);
      if (caPath != null && !Files.isReadable(caPath))
        throw new IllegalArgumentException("tls.ca-cert " + caPath + ": no such readable file");
      TlsOptions t = TlsOptions.of(caPath, insecure, client);
      if (verify != null && !Boolean.parseBoolean(verify) && !t.insecure()) {
        t = new TlsOptions(t.context(), false); // counted as insecure: the reports say so
      }
      return t;
    } catch (IllegalArgumentException e) {
      throw new Targets.UnknownTarget("profile " + file + ": " + e.getMessage());
    }
  }
}
