package org.wsconform.run;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Judgement;
import org.wsconform.wire.Header;
import org.wsconform.wire.Hex;
import org.wsconform.wire.WireLog;

/**
 * Keeps secrets out of every output. The values of Authorization, Cookie, Proxy-Authorization,
 * Set-Cookie (the server's, by default: a session the run never asked to publish) and of each
 * --secret-header, URL user-info, and query parameters named like token, key, secret, signature,
 * sig, password or auth are replaced by {@value #MARK}: in request and response heads, reasons,
 * notes, and in the hex previews of the wire log (the secret's octets in hex are replaced by the
 * hex of the mark, so a preview still decodes).
 *
 * <p>Two rules together. By place: a header line with a secret name, a URL's user-info, a secret
 * query parameter — whatever their value. By value: each secret the run knows (from its headers,
 * URL and proxy credentials) wherever it turns up, also cut off at the end of a preview, also as
 * hex. Values shorter than {@value #MIN_VALUE_LENGTH} characters are redacted by place only:
 * replacing "ab" everywhere would garble the evidence without protecting anything.
 */
public final class Redaction {
  public static final String MARK = "«redacted»";
  public static final List<String> SECRET_HEADERS =
      List.of("Authorization", "Cookie", "Proxy-Authorization", "Set-Cookie");

  /**
   * A Set-Cookie line in a head, also as quoted in a one-line note (CRLF written as the four
   * characters {@code \r\n}); group 1 is the value. Cookie values hold no backslash (RFC 6265
   * §4.1.1), so one ends the value.
   */
  private static final Pattern SET_COOKIE =
      Pattern.compile("(?im)(?:^|\\\\n)[ \\t]*Set-Cookie[ \\t]*:[ \\t]*([^\\r\\n\\\\]*)");

  static final int MIN_VALUE_LENGTH = 6;

  /** Shortest piece of a secret recognised at the cut end of a preview. */
  private static final int MIN_CUT_PREFIX = 3;

  private static final String MARK_HEX = Hex.of(MARK.getBytes(StandardCharsets.UTF_8));
  private static final String SECRET_PARAM_WORDS =
      "token|key|secret|signature|sig|password|passwd|pwd|auth|credential";
  private static final Pattern SECRET_PARAM_NAME =
      Pattern.compile("(?i).*(" + SECRET_PARAM_WORDS + ").*");
  private static final Pattern SECRET_PARAM =
      Pattern.compile(
          "(?i)([?&;][^=&;#\\s/?]*(?:" + SECRET_PARAM_WORDS + ")[^=&;#\\s/?]*=)[^&;#\\s\"'<>]*");
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#@\\s]+@");

  public static final Redaction NONE = new Redaction(List.of(), List.of());

  private final Pattern headerLine;
  private final Collection<String> extraSecretHeaders;
  private final Set<String> secretHeaders;
  private final List<String> values;
  private final List<String> hexValues;

  private Redaction(Collection<String> extraSecretHeaders, Collection<String> secretValues) {
    this.extraSecretHeaders = List.copyOf(extraSecretHeaders);
    Set<String> names = new LinkedHashSet<>();
    for (String n : SECRET_HEADERS) names.add(n.toLowerCase(Locale.ROOT));
    for (String n : extraSecretHeaders) names.add(n.trim().toLowerCase(Locale.ROOT));
    this.secretHeaders = Set.copyOf(names);
    this.headerLine =
        Pattern.compile(
            "(?im)^([ \\t]*(?:"
                + String.join("|", names.stream().map(Pattern::quote).toList())
                + "))[ \\t]*:[^\\r\\n]*");
    Set<String> v = new LinkedHashSet<>();
    for (String s : secretValues) {
      if (s != null && s.length() >= MIN_VALUE_LENGTH && !MARK.contains(s)) v.add(s);
    }
    List<String> sorted = new ArrayList<>(v);
    sorted.sort(
        Comparator.comparingInt(String::length)
            .reversed()); // a longer secret first: it may contain a shorter one
    this.values = List.copyOf(sorted);
    Set<String> hex = new LinkedHashSet<>();
    for (String s : sorted) {
      hex.add(Hex.of(s.getBytes(StandardCharsets.UTF_8)));
      hex.add(Hex.of(s.getBytes(StandardCharsets.ISO_8859_1)));
    }
    List<String> hs = new ArrayList<>(hex);
    hs.sort(Comparator.comparingInt(String::length).reversed());
    this.hexValues = List.copyOf(hs);
  }

  /**
   * The redaction for a run.
   *
   * @param extraSecretHeaders names given with --secret-header
   * @param headers every header the run sends (--header, profile headers)
   * @param urls the target as given and as resolved
   * @param otherSecrets further values to hide wherever they appear (proxy credentials)
   */
  public static Redaction of(
      Collection<String> extraSecretHeaders,
      Collection<Header> headers,
      Collection<String> urls,
      Collection<String> otherSecrets) {
    Set<String> names = new LinkedHashSet<>();
    for (String n : SECRET_HEADERS) names.add(n.toLowerCase(Locale.ROOT));
    for (String n : extraSecretHeaders) names.add(n.trim().toLowerCase(Locale.ROOT));
    List<String> secrets = new ArrayList<>(otherSecrets);
    for (Header h : headers) {
      if (!names.contains(h.name().toLowerCase(Locale.ROOT))) continue;
      String value = h.value().trim();
      secrets.add(value);
      int sp = value.indexOf(' ');
      if (sp > 0 && !h.is("Cookie"))
        secrets.add(value.substring(sp + 1).trim()); // "Bearer xyz": the credential alone
      if (h.is("Cookie")) {
        for (String cookie : value.split(";")) {
          int eq = cookie.indexOf('=');
          if (eq > 0) secrets.add(cookie.substring(eq + 1).trim());
        }
      }
    }
    for (String u : urls) {
      if (u != null) secrets.addAll(urlSecrets(u));
    }
    return new Redaction(extraSecretHeaders, secrets);
  }

  /** Whether a header of this name has its value hidden. */
  public boolean isSecretHeader(String name) {
    return secretHeaders.contains(name.toLowerCase(Locale.ROOT));
  }

  /** How many secret values this redaction knows (for a test, or a note). */
  public int knownValues() {
    return values.size();
  }

  /**
   * Secrets inside a URL: user-info (whole, and the password), values of secret-named query
   * parameters.
   */
  static List<String> urlSecrets(String url) {
    List<String> out = new ArrayList<>();
    URI u;
    try {
      u = new URI(url.trim());
    } catch (URISyntaxException e) {
      return out; // not a URL (a profile name): nothing in it to hide
    }
    String info = u.getRawUserInfo();
    if (info != null) {
      out.add(info);
      out.add(decode(info));
      int colon = info.indexOf(':');
      if (colon >= 0) {
        out.add(info.substring(colon + 1));
        out.add(decode(info.substring(colon + 1)));
      }
    }
    String q = u.getRawQuery();
    if (q != null) {
      for (String pair : q.split("[&;]")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) continue;
        if (SECRET_PARAM_NAME.matcher(decode(pair.substring(0, eq))).matches()) {
          out.add(pair.substring(eq + 1));
          out.add(decode(pair.substring(eq + 1)));
        }
      }
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  // ---------------------------------------------------------------- text

  /** A text with every secret hidden, by place and by value. */
  public String text(String s) {
    if (s == null || s.isEmpty()) return s;
    String t =
        headerLine.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ": " + MARK));
    t = USER_INFO.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MARK + "@"));
    t = SECRET_PARAM.matcher(t).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MARK));
    return values(t);
  }

  /** A URL (or a profile name) fit to print. */
  public String url(String url) {
    return text(url);
  }

  /** By value only: for wire-log rows, which are many and carry no header lines. */
  String values(String s) {
    if (s == null || s.isEmpty() || values.isEmpty()) return s;
    String t = s;
    for (String v : values) {
      if (t.contains(v)) t = t.replace(v, MARK);
    }
    return cutEnd(t);
  }

  /** A preview cut with "..." may end in the first part of a secret. */
  private String cutEnd(String t) {
    String ellipsis = t.endsWith(" ...") ? " ..." : t.endsWith("...") ? "..." : null;
    if (ellipsis == null) return t;
    String body = t.substring(0, t.length() - ellipsis.length());
    for (String v : values) {
      for (int k = Math.min(v.length() - 1, body.length()); k >= MIN_CUT_PREFIX; k--) {
        if (body.endsWith(v.substring(0, k)))
          return body.substring(0, body.length() - k) + MARK + ellipsis;
      }
    }
    return t;
  }

  // ---------------------------------------------------------------- hex

  /**
   * A hex preview (Hex.of, optionally followed by " ...") with each secret's octets replaced by the
   * octets of the mark; a secret cut at either end of the preview (a chunk boundary, the 64-octet
   * limit) is replaced too.
   */
  public String hex(String h) {
    if (h == null || h.isEmpty() || hexValues.isEmpty()) return h;
    String suffix = h.endsWith(" ...") ? " ..." : "";
    String body = h.substring(0, h.length() - suffix.length());
    for (String hv : hexValues) body = replaceAligned(body, hv);
    for (String hv : hexValues) {
      boolean done = false;
      for (int k = Math.min(hv.length() - 2, body.length());
          k >= MIN_CUT_PREFIX * 2 && !done;
          k -= 2) {
        if ((body.length() - k) % 2 == 0 && body.endsWith(hv.substring(0, k))) {
          body = body.substring(0, body.length() - k) + MARK_HEX;
          done = true;
        }
      }
      for (int k = Math.min(hv.length() - 2, body.length()); k >= MIN_CUT_PREFIX * 2; k -= 2) {
        if (body.startsWith(hv.substring(hv.length() - k))) {
          body = MARK_HEX + body.substring(k);
          break;
        }
      }
    }
    return body + suffix;
  }

  /** Replaces occurrences that start on an octet boundary (an even index) only. */
  private static String replaceAligned(String body, String hv) {
    int from = 0;
    StringBuilder sb = null;
    int copied = 0;
    while (true) {
      int i = body.indexOf(hv, from);
      if (i < 0) break;
      if (i % 2 != 0) {
        from = i + 1;
        continue;
      }
      if (sb == null) sb = new StringBuilder(body.length());
      sb.append(body, copied, i).append(MARK_HEX);
      copied = i + hv.length();
      from = copied;
    }
    if (sb == null) return body;
    return sb.append(body, copied, body.length()).toString();
  }

  // ---------------------------------------------------------------- results

  /**
   * A case result with every text the reports show redacted; verdicts and timings untouched. The
   * values of the server's Set-Cookie headers in this result (its response head, notes quoting a
   * head, the received octets) are hidden by value too, so that the raw octets' hex previews lose
   * them as well.
   */
  public CaseResult apply(CaseResult r) {
    Set<String> cookies = setCookieValues(r);
    if (cookies.isEmpty()) return applyKnown(r);
    List<String> known = new ArrayList<>(values);
    known.addAll(cookies);
    return new Redaction(extraSecretHeaders, known).applyKnown(r);
  }

  /** The whole value and the cookie-value of every Set-Cookie this result shows. */
  private static Set<String> setCookieValues(CaseResult r) {
    Set<String> out = new LinkedHashSet<>();
    setCookieValues(r.httpResponse(), out);
    setCookieValues(r.reason(), out);
    setCookieValues(r.error(), out);
    for (WireLog.Entry e : r.wirelog()) {
      if (e.kind() == WireLog.Kind.NOTE || e.kind() == WireLog.Kind.VIOLATION)
        setCookieValues(e.text(), out);
      if (e.kind() == WireLog.Kind.RO && e.hex() != null) {
        try {
          byte[] octets = Hex.parse(e.hex().replace(" ...", ""));
          setCookieValues(new String(octets, StandardCharsets.ISO_8859_1), out);
        } catch (RuntimeException notHex) {
          // a preview that is not plain hex holds no head to learn from
        }
      }
    }
    return out;
  }

  private static void setCookieValues(String s, Set<String> out) {
    if (s == null || !containsIgnoreCase(s, "set-cookie")) return;
    Matcher m = SET_COOKIE.matcher(s);
    while (m.find()) {
      String value = m.group(1).trim();
      if (value.isEmpty()) continue;
      out.add(value);
      int semi = value.indexOf(';');
      String pair = semi < 0 ? value : value.substring(0, semi);
      int eq = pair.indexOf('=');
      if (eq > 0) out.add(pair.substring(eq + 1).trim());
    }
  }

  private static boolean containsIgnoreCase(String s, String word) {
    return s.toLowerCase(Locale.ROOT).contains(word);
  }

  private CaseResult applyKnown(CaseResult r) {
    Judgement j = r.judgement();
    Judgement jr =
        new Judgement(j.behavior(), j.behaviorClose(), text(j.result()), text(j.resultClose()));
    CloseState c = r.close();
    CloseState cr =
        c == null
            ? null
            : new CloseState(
                c.closedByMe(),
                c.failedByMe(),
                c.droppedByMe(),
                c.wasClean(),
                text(c.wasNotCleanReason()),
                c.wasServerConnectionDropTimeout(),
                c.wasOpenHandshakeTimeout(),
                c.wasCloseHandshakeTimeout(),
                c.localCloseCode(),
                text(c.localCloseReason()),
                c.remoteCloseCode(),
                text(c.remoteCloseReason()),
                c.tcpClosedBy(),
                c.remoteCloseCodeOnWire());
    List<WireLog.Entry> wire = new ArrayList<>(r.wirelog().size());
    for (WireLog.Entry e : r.wirelog()) {
      wire.add(
          new WireLog.Entry(
              e.atMillis(),
              e.kind(),
              e.kind() == WireLog.Kind.NOTE ? text(e.text()) : values(e.text()),
              e.length(),
              hex(e.hex())));
    }
    return new CaseResult(
        r.testCase(),
        jr,
        r.outcome(),
        text(r.reason()),
        r.expectation(),
        r.received(),
        cr,
        text(r.httpRequest()),
        text(r.httpResponse()),
        r.started(),
        r.durationMillis(),
        wire,
        text(r.error()),
        details(r.details()),
        r.fix());
  }

  private Map<String, Object> details(Map<String, Object> d) {
    if (d == null || d.isEmpty()) return d;
    Map<String, Object> out = new LinkedHashMap<>();
    d.forEach((k, v) -> out.put(k, any(v)));
    return out;
  }

  private Object any(Object v) {
    if (v instanceof String s) return text(s);
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, any(x)));
      return out;
    }
    if (v instanceof List<?> l) return l.stream().map(this::any).toList();
    return v;
  }

  // ---------------------------------------------------------------- console

  /**
   * A console stream that redacts each line before it reaches {@code target}. Lines are held until
   * their end (a flush does not release half a line: half a secret is still a secret).
   */
  public PrintStream wrap(PrintStream target) {
    return new PrintStream(new Lines(target), true, StandardCharsets.UTF_8);
  }

  private final class Lines extends OutputStream {
    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    Lines(PrintStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) {
      line.write(b);
      if (b == '\n') emit();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        line.write(b[i]);
        if (b[i] == '\n') emit();
      }
    }

    private void emit() {
      target.print(text(line.toString(StandardCharsets.UTF_8)));
      target.flush();
      line.reset();
    }

    @Override
    public synchronized void close() {
      if (line.size() > 0) {
        target.print(text(line.toString(StandardCharsets.UTF_8)));
        line.reset();
      }
      target.flush();
    }
  }
}
