package org.wsconform.cases.payloads;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.wsconform.cases.payloads.CompressionPayloads.HTML_CODE_POINTS;
import static org.wsconform.cases.payloads.LoremIpsum.WORDS;
import static org.wsconform.cases.payloads.LoremIpsum.capitalize;
import static org.wsconform.cases.payloads.LoremIpsum.pick;
import static org.wsconform.cases.payloads.LoremIpsum.sentence;

import java.util.Locale;
import java.util.Random;

/** The HTML set of {@link CompressionPayloads}: text, a few letters outside ASCII. */
final class HtmlPage {
  private HtmlPage() {}

  private static final String[] SECTIONS = {
    "Overview",
    "Installation",
    "Configuration",
    "Usage",
    "Examples",
    "Reference",
    "Changelog",
    "Contributors",
    "License",
    "FAQ"
  };

  /** Two-octet letters that replace plain vowels: 25 of them, plus one three-octet en dash. */
  private static final String[] ACCENTED = {
    "ä", "ö", "ü", "é", "è", "á", "ó", "ñ", "ç", "å", "ø", "ë", "ï"
  };

  /**
   * A long documentation page: head with styles, navigation, sections of paragraphs with links and
   * inline markup, data tables. ASCII, except 25 two-octet letters and one en dash spread through
   * the text, as in Autobahn's file (263620 code points in 263647 octets).
   */
  static byte[] html() {
    Random r = new Random(0x12_04L);
    StringBuilder sb = new StringBuilder(HTML_CODE_POINTS + 4096);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Project documentation - complete reference</title>\n<style>\n")
        .append(
            "body { font-family: Georgia, serif; margin: 0 auto; max-width: 58em; line-height: 1.5; }\n")
        .append(
            "nav ul { list-style: none; padding: 0; }\nnav li { display: inline; margin-right: 1em; }\n")
        .append(
            "table { border-collapse: collapse; width: 100%; }\ntd, th { border: 1px solid #ccc; padding: 4px; }\n")
        .append(
            ".note { background: #fffbe6; border-left: 4px solid #f0c000; padding: 0.5em 1em; }\n")
        .append(
            "code { font-family: Menlo, monospace; font-size: 90%; }\n</style>\n</head>\n<body>\n")
        .append("<header>\n<h1>Project documentation</h1>\n<nav>\n<ul>\n");
    for (String s : SECTIONS) {
      sb.append("<li><a href=\"#")
          .append(s.toLowerCase(Locale.ROOT))
          .append("\">")
          .append(s)
          .append("</a></li>\n");
    }
    sb.append("</ul>\n</nav>\n</header>\n<main>\n");
    String ending = "</main>\n<footer>\n<p>Generated documentation.</p>\n</footer>\n";
    String tail = "</body>\n</html>\n";
    int section = 0;
    while (sb.length() + ending.length() + tail.length() + 2048 < HTML_CODE_POINTS) {
      String name =
          SECTIONS[section % SECTIONS.length]
              + (section >= SECTIONS.length ? " " + (section / SECTIONS.length + 1) : "");
      sb.append("<section id=\"s")
          .append(section)
          .append("\">\n<h2>")
          .append(name)
          .append("</h2>\n");
      int paragraphs = 3 + r.nextInt(5);
      for (int p = 0; p < paragraphs && sb.length() + 4096 < HTML_CODE_POINTS; p++) {
        sb.append(r.nextInt(6) == 0 ? "<p class=\"note\">" : "<p>");
        int sentences = 2 + r.nextInt(5);
        for (int s = 0; s < sentences; s++) {
          String text = capitalize(sentence(r, 8 + r.nextInt(14)));
          int k = r.nextInt(7);
          if (k == 0) {
            text =
                text.replaceFirst(
                    " (\\w+) ",
                    " <a href=\"https://example.org/docs/" + pick(r, WORDS) + ".html\">$1</a> ");
          } else if (k == 1) {
            text = text.replaceFirst(" (\\w+) ", " <code>$1()</code> ");
          } else if (k == 2) {
            text = text.replaceFirst(" (\\w+) ", " <em>$1</em> - ");
          }
          sb.append(text).append(". ");
        }
        sb.append("</p>\n");
      }
      if (r.nextInt(3) == 0 && sb.length() + 4096 < HTML_CODE_POINTS) {
        sb.append(
            "<table>\n<tr><th>Name</th><th>Type</th><th>Default</th><th>Description</th></tr>\n");
        int rows = 4 + r.nextInt(8);
        for (int i = 0; i < rows; i++) {
          sb.append("<tr><td><code>")
              .append(pick(r, WORDS))
              .append('.')
              .append(pick(r, WORDS))
              .append("</code></td><td>")
              .append(r.nextBoolean() ? "integer" : "string")
              .append("</td><td>")
              .append(r.nextInt(1000))
              .append("</td><td>")
              .append(capitalize(sentence(r, 5 + r.nextInt(8))))
              .append("</td></tr>\n");
        }
        sb.append("</table>\n");
      }
      sb.append("</section>\n");
      section++;
    }
    sb.append(ending);
    // pad with an HTML comment to the exact number of code points
    int pad = HTML_CODE_POINTS - sb.length() - tail.length() - "<!--  -->\n".length();
    sb.append("<!-- ").append(" ".repeat(pad)).append(" -->\n").append(tail);
    char[] doc = sb.toString().toCharArray();
    // 26 letters outside ASCII, spread evenly over the text between tags
    StringBuilder out = new StringBuilder(doc.length + 64);
    int replaced = 0;
    int next = doc.length / 27;
    boolean inTag = false;
    for (int i = 0; i < doc.length; i++) {
      char ch = doc[i];
      if (ch == '<') inTag = true;
      if (ch == '>') inTag = false;
      if (!inTag && replaced < 26 && i >= next) {
        if (replaced == 13 && ch == '-' && i > 0 && doc[i - 1] == ' ') {
          out.append('\u2013'); // en dash, three octets
          replaced++;
          next = (replaced + 1) * (doc.length / 27);
          continue;
        }
        if (replaced != 13 && (ch == 'a' || ch == 'o' || ch == 'u' || ch == 'e')) {
          out.append(ACCENTED[replaced % ACCENTED.length]);
          replaced++;
          next = (replaced + 1) * (doc.length / 27);
          continue;
        }
      }
      out.append(ch);
    }
    if (replaced != 26)
      throw new IllegalStateException("HTML set: placed only " + replaced + " non-ASCII letters");
    return out.toString().getBytes(UTF_8);
  }
}
