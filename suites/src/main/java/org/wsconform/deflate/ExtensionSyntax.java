package org.wsconform.deflate;

import java.util.ArrayList;
import java.util.List;

/**
 * The Sec-WebSocket-Extensions grammar (RFC 6455 §9.1 with RFC 7230 §3.2.6 tokens and quoted
 * strings, §7 list rules: empty elements between commas are skipped). Hand-written because a quoted
 * value may hold a comma or a semicolon, which a split on "," gets wrong.
 */
final class ExtensionSyntax {
  private final String s;
  private int i;

  private ExtensionSyntax(String s) {
    this.s = s;
  }

  static List<ExtensionElement> parse(String value) {
    return new ExtensionSyntax(value == null ? "" : value).list();
  }

  private List<ExtensionElement> list() {
    List<ExtensionElement> out = new ArrayList<>();
    while (true) {
      ows();
      if (i >= s.length()) break;
      if (s.charAt(i) == ',') { // an empty list element: allowed and ignored (RFC 7230 §7)
        i++;
        continue;
      }
      out.add(element());
      ows();
      if (i >= s.length()) break;
      expect(',', "a comma between extensions");
    }
    return out;
  }

  private ExtensionElement element() {
    String name = token("an extension name");
    List<Parameter> params = new ArrayList<>();
    while (true) {
      ows();
      if (i >= s.length() || s.charAt(i) != ';') break;
      i++;
      ows();
      String p = token("a parameter name after ';' in '" + name + "'");
      ows();
      String v = null;
      if (i < s.length() && s.charAt(i) == '=') {
        i++;
        ows();
        v = i < s.length() && s.charAt(i) == '"' ? quoted(p) : token("a value after '" + p + "='");
      }
      params.add(new Parameter(p, v));
    }
    return new ExtensionElement(name, params);
  }

  private String quoted(String param) {
    int at = i;
    i++; // opening quote
    StringBuilder sb = new StringBuilder();
    while (i < s.length() && s.charAt(i) != '"') {
      char c = s.charAt(i++);
      if (c == '\\') {
        if (i >= s.length()) break;
        c = s.charAt(i++);
      }
      sb.append(c);
    }
    if (i >= s.length()) throw fail("a closing '\"' for the value of '" + param + "'", at);
    i++;
    String v = sb.toString();
    if (v.isEmpty() || !v.chars().allMatch(ExtensionSyntax::isTokenChar)) {
      throw new IllegalArgumentException(
          "expected the quoted value of '"
              + param
              + "' to be a token, observed \""
              + v
              + "\" in '"
              + s
              + "' (RFC 6455 §9.1)");
    }
    return v;
  }

  private String token(String what) {
    int b = i;
    while (i < s.length() && isTokenChar(s.charAt(i))) i++;
    if (b == i) throw fail(what, i);
    return s.substring(b, i);
  }

  private void expect(char c, String what) {
    if (i >= s.length() || s.charAt(i) != c) throw fail(what, i);
    i++;
  }

  private void ows() {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
  }

  private IllegalArgumentException fail(String what, int at) {
    String seen =
        at >= s.length() ? "the end of the value" : "'" + s.charAt(at) + "' at position " + at;
    return new IllegalArgumentException(
        "expected "
            + what
            + ", observed "
            + seen
            + " in 'Sec-WebSocket-Extensions: "
            + s
            + "' (RFC 6455 §9.1)");
  }

  static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
