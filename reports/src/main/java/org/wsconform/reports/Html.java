package org.wsconform.reports;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTML side of the reports: the one escaping funnel every value passes through (templates call
 * it for each {@code {{value}}}), JSON safe inside a {@code <script>} element, relative links
 * between report files, and the templates and assets (CSS, JS) from the class path.
 *
 * <p>Templates are Mustache ({@code org/wsconform/reports/html/*.mustache}); every {@code
 * {{value}}} is escaped by {@link #escape}. Only our own assets and {@link #scriptJson} output go
 * in unescaped ({@code {{{value}}}}).
 */
final class Html {

  private static final String TEMPLATES = "org/wsconform/reports/html/";

  /** Every page: no request leaves the file, inline CSS and JS only. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; "
          + "script-src 'unsafe-inline'; img-src data:";

  /** Marks a page as ours, so that {@link HtmlReport} never overwrites someone else's. */
  static final String GENERATOR = "wsconform";

  private static final DefaultMustacheFactory FACTORY =
      new DefaultMustacheFactory(TEMPLATES) {
        @Override
        public void encode(String value, Writer writer) {
          try {
            writer.write(escape(value));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private static final Map<String, String> ASSETS = new ConcurrentHashMap<>();

  private Html() {}

  /**
   * Text safe in element content and in a quoted attribute value: {@code & < > " '} as references;
   * C0 control characters other than TAB, LF and CR, and DEL, as their Unicode control pictures
   * (U+2400 …, so a NUL in a payload shows as ␀); unpaired surrogates and the non-characters
   * U+FFFE/U+FFFF as U+FFFD. {@code null} is the empty string.
   */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (rep == null) {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          rep = String.valueOf((char) (0x2400 + c));
        } else if (c == 0x7F) {
          rep = "\u2421";
        } else if (c == '\uFFFE' || c == '\uFFFF') {
          rep = "\uFFFD";
        } else if (Character.isHighSurrogate(c)) {
          if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            if (out != null) {
              out.append(c).append(s.charAt(i + 1));
            }
            i++;
            continue;
          }
          rep = "\uFFFD";
        } else if (Character.isLowSurrogate(c)) {
          rep = "\uFFFD";
        }
      }
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(rep);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * The value as JSON that can stand inside {@code <script type="application/json">}: every {@code
   * <}, {@code >} and {@code &} as a {@code \}{@code u} escape (so neither {@code </script>} nor
   * {@code <!--} can occur), and U+2028/U+2029 too. These characters can only occur inside JSON
   * strings, where the escapes mean the same characters.
   */
  static String scriptJson(Object value) {
    String json;
    try {
      json = Json.COMPACT.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder out = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A relative URL from a page in {@code fromDir} to {@code target}, each path segment
   * percent-encoded, with an optional fragment (also percent-encoded); "/" separators on every
   * platform.
   */
  static String href(Path fromDir, Path target, String fragment) {
    Path rel = fromDir.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize());
    StringBuilder out = new StringBuilder();
    for (Path part : rel) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(urlPart(part.toString()));
    }
    if (fragment != null) {
      out.append('#').append(urlPart(fragment));
    }
    return out.toString();
  }

  /** Percent-encodes all but RFC 3986's unreserved characters ({@code ..} stays as it is). */
  static String urlPart(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  /** The anchor of a case's detail section in a run report: {@code case-<id>}. */
  static String caseAnchor(String id) {
    return "case-" + id;
  }

  /** Renders {@code html/<name>.mustache} with the scope. */
  static String render(String name, Object scope) {
    Mustache template = FACTORY.compile(name + ".mustache");
    StringWriter out = new StringWriter(1 << 16);
    template.execute(out, scope);
    return out.toString();
  }

  /** One of our assets ({@code html/report.css}, …), as text, cached. */
  static String asset(String name) {
    return ASSETS.computeIfAbsent(
        name,
        n -> {
          try (InputStream in = Html.class.getClassLoader().getResourceAsStream(TEMPLATES + n)) {
            if (in == null) {
              throw new IllegalStateException("missing report asset " + TEMPLATES + n);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.contains("</script") || lower.contains("</style") || lower.contains("<!--")) {
              throw new IllegalStateException(n + " cannot be inlined: it closes its element");
            }
            return text;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /**
   * Whether {@code file} may be (over)written by us: it does not exist, or it is a page we wrote
   * (its head names us as generator).
   */
  static boolean isOursOrAbsent(Path file) throws IOException {
    if (!Files.exists(file)) {
      return true;
    }
    byte[] head;
    // a stream, not a channel: the run may end in a thread with its interrupt flag set
    try (InputStream in = new FileInputStream(file.toFile())) {
      head = in.readNBytes(4096);
    }
    return new String(head, StandardCharsets.UTF_8)
        .contains("<meta name=\"generator\" content=\"" + GENERATOR);
  }
}
