package org.wsconform.reports;

/** Escaping for the text outputs. Everything that came from a target passes through here. */
final class Text {

  private Text() {}

  /** Whether a code point may appear in an XML 1.0 document. */
  static boolean isXmlChar(int cp) {
    return cp == 0x9
        || cp == 0xA
        || cp == 0xD
        || (cp >= 0x20 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }

  /**
   * Escaped XML character data: {@code & < >} as entities, CR as {@code &#13;} (a parser would turn
   * it into LF); characters illegal in XML 1.0 (controls, unpaired surrogates, U+FFFE/F) are
   * dropped.
   */
  static String xmlText(String s) {
    return xml(s, false);
  }

  /** Escaped XML attribute value (for double quotes); also TAB, LF and CR as references. */
  static String xmlAttr(String s) {
    return xml(s, true);
  }

  private static String xml(String s, boolean attr) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (!isXmlChar(cp)) {
        continue;
      }
      switch (cp) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\r' -> out.append("&#13;");
        case '"' -> out.append(attr ? "&quot;" : "\"");
        case '\'' -> out.append(attr ? "&apos;" : "'");
        case '\n' -> out.append(attr ? "&#10;" : "\n");
        case '\t' -> out.append(attr ? "&#9;" : "\t");
        default -> out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /** Whitespace runs (including line breaks) as one space, control characters dropped. */
  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        space = out.length() > 0;
        continue;
      }
      if (!isXmlChar(cp) || Character.getType(cp) == Character.CONTROL) {
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  /** At most {@code max} characters, with a note of how many were cut. */
  static String cap(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + " … (" + (s.length() - end) + " more characters)";
  }

  /**
   * Inline Markdown text (a table cell or list item): one line, HTML specials as entities, Markdown
   * specials backslash-escaped, so a target's text renders as the text it is.
   */
  static String md(String s) {
    String line = oneLine(s);
    StringBuilder out = new StringBuilder(line.length() + 8);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '!', '$' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
