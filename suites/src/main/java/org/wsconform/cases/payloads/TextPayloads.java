package org.wsconform.cases.payloads;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.wsconform.cases.payloads.CompressionPayloads.FAUST_SIZE;
import static org.wsconform.cases.payloads.CompressionPayloads.HTML_CODE_POINTS;
import static org.wsconform.cases.payloads.CompressionPayloads.JSON_SIZE;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The generated text of {@link CompressionPayloads}: the JSON set, the German verse drama and the
 * HTML page, and the words they (and the PDF's text) are made of.
 */
final class TextPayloads {
  private TextPayloads() {}

  // ------------------------------------------------------------------ JSON (ASCII text)

  private static final String[] FIRST = {
    "Ada", "Bertram", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira",
    "Lukas", "Mara", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Stefan", "Tara", "Ulf", "Vera",
    "Wanda", "Xaver", "Yara", "Zeno"
  };
  private static final String[] LAST = {
    "Albrecht",
    "Brandt",
    "Castillo",
    "Dorsey",
    "Eklund",
    "Fischer",
    "Garrido",
    "Hansen",
    "Iversen",
    "Jablonski",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quintero",
    "Reyes",
    "Sorensen",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zielinski"
  };
  static final String[] WORDS = {
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
    "enim",
    "ad",
    "minim",
    "veniam",
    "quis",
    "nostrud",
    "exercitation",
    "ullamco",
    "laboris",
    "nisi",
    "aliquip",
    "ex",
    "ea",
    "commodo",
    "consequat",
    "duis",
    "aute",
    "irure",
    "in",
    "reprehenderit",
    "voluptate",
    "velit",
    "esse",
    "cillum",
    "fugiat",
    "nulla",
    "pariatur",
    "excepteur",
    "sint",
    "occaecat",
    "cupidatat",
    "non",
    "proident",
    "sunt",
    "culpa",
    "qui",
    "officia",
    "deserunt",
    "mollit",
    "anim",
    "id",
    "est",
    "laborum"
  };
  private static final String[] COMPANIES = {
    "ACMECORP",
    "ZILLANET",
    "QUONK",
    "VELOXIS",
    "ORBITAL",
    "SYNKGEN",
    "TERRAFORM",
    "BLUEGRAIN",
    "NORTHWIND",
    "KINETICA",
    "LUMENTA",
    "PYRAMIS"
  };
  private static final String[] FRUITS = {"apple", "banana", "strawberry", "cherry", "mango"};
  private static final String[] EYES = {"blue", "brown", "green", "grey"};

  static byte[] json() {
    Random r = new Random(0x12_01L);
    StringBuilder sb = new StringBuilder(JSON_SIZE + 4096);
    sb.append("[\n");
    String closing = "\n]\n";
    for (int i = 0; ; i++) {
      String record = jsonRecord(r, i);
      // keep room for the padding inside the last record's "note" field (at least "")
      if (sb.length() + record.length() + 2 + closing.length() + 40 > JSON_SIZE) break;
      if (i > 0) sb.append(",\n");
      sb.append(record);
    }
    // One closing record whose "note" pads the file to Autobahn's exact size.
    String head = ",\n  {\n    \"_id\": \"end\",\n    \"note\": \"";
    String tail = "\"\n  }";
    int pad = JSON_SIZE - sb.length() - head.length() - tail.length() - closing.length();
    sb.append(head).append(words(r, pad)).append(tail).append(closing);
    return sb.toString().getBytes(US_ASCII);
  }

  private static String jsonRecord(Random r, int index) {
    String first = pick(r, FIRST);
    String last = pick(r, LAST);
    String company = pick(r, COMPANIES);
    StringBuilder b = new StringBuilder(1024);
    b.append("  {\n");
    field(b, "_id", quote(hex(r, 24)));
    field(b, "index", Integer.toString(index));
    field(
        b,
        "guid",
        quote(hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 12)));
    field(b, "isActive", Boolean.toString(r.nextBoolean()));
    field(
        b,
        "balance",
        quote(String.format(Locale.ROOT, "$%,d.%02d", 1000 + r.nextInt(3000), r.nextInt(100))));
    field(b, "picture", quote("http://placehold.it/32x32"));
    field(b, "age", Integer.toString(20 + r.nextInt(21)));
    field(b, "eyeColor", quote(pick(r, EYES)));
    field(b, "name", quote(first + " " + last));
    field(b, "gender", quote(r.nextBoolean() ? "female" : "male"));
    field(b, "company", quote(company));
    field(
        b,
        "email",
        quote(
            first.toLowerCase(Locale.ROOT)
                + last.toLowerCase(Locale.ROOT)
                + "@"
                + company.toLowerCase(Locale.ROOT)
                + ".com"));
    field(
        b,
        "phone",
        quote(
            String.format(
                Locale.ROOT,
                "+1 (%03d) %03d-%04d",
                800 + r.nextInt(200),
                400 + r.nextInt(600),
                r.nextInt(10000))));
    field(
        b,
        "address",
        quote(
            (100 + r.nextInt(900))
                + " "
                + capitalize(pick(r, WORDS))
                + " Street, "
                + capitalize(pick(r, WORDS))
                + ", "
                + (1000 + r.nextInt(9000))));
    field(b, "about", quote(sentence(r, 20 + r.nextInt(30)) + "\\r\\n"));
    field(
        b,
        "registered",
        quote(
            String.format(
                Locale.ROOT,
                "20%02d-%02d-%02dT%02d:%02d:%02d -01:00",
                14 + r.nextInt(10),
                1 + r.nextInt(12),
                1 + r.nextInt(28),
                r.nextInt(24),
                r.nextInt(60),
                r.nextInt(60))));
    field(b, "latitude", String.format(Locale.ROOT, "%.6f", r.nextDouble() * 180 - 90));
    field(b, "longitude", String.format(Locale.ROOT, "%.6f", r.nextDouble() * 360 - 180));
    b.append("    \"tags\": [\n");
    int tags = 3 + r.nextInt(5);
    for (int t = 0; t < tags; t++) {
      b.append("      ").append(quote(pick(r, WORDS))).append(t + 1 < tags ? ",\n" : "\n");
    }
    b.append("    ],\n    \"friends\": [\n");
    for (int f = 0; f < 3; f++) {
      b.append("      {\n        \"id\": ")
          .append(f)
          .append(",\n        \"name\": ")
          .append(quote(pick(r, FIRST) + " " + pick(r, LAST)))
          .append("\n      }")
          .append(f < 2 ? ",\n" : "\n");
    }
    b.append("    ],\n");
    field(
        b,
        "greeting",
        quote(
            "Hello, "
                + first
                + " "
                + last
                + "! You have "
                + (1 + r.nextInt(10))
                + " unread messages."));
    b.append("    \"favoriteFruit\": ").append(quote(pick(r, FRUITS))).append("\n  }");
    return b.toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append("    \"").append(name).append("\": ").append(value).append(",\n");
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static String hex(Random r, int digits) {
    StringBuilder b = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) b.append(Character.forDigit(r.nextInt(16), 16));
    return b.toString();
  }

  // ------------------------------------------------------------------ German prose (sent as
  // binary)

  private static final String[] SPEAKERS = {
    "FAUST",
    "MEPHISTOPHELES",
    "WAGNER",
    "GRETCHEN",
    "MARTHE",
    "CHOR DER ENGEL",
    "SCHÜLER",
    "FROSCH",
    "BRANDER",
    "SIEBEL",
    "ALTMAYER",
    "HEXE",
    "VALENTIN",
    "ERDGEIST"
  };
  private static final String[] NOUNS = {
    "Geist",
    "Welt",
    "Herz",
    "Nacht",
    "Himmel",
    "Erde",
    "Seele",
    "Liebe",
    "Zeit",
    "Buch",
    "Wissen",
    "Natur",
    "Teufel",
    "Mensch",
    "Tag",
    "Glück",
    "Leben",
    "Tod",
    "Traum",
    "Stunde",
    "Licht",
    "Schatten",
    "Sinn",
    "Wort",
    "Tat",
    "Kraft",
    "Blut",
    "Wein",
    "Gold",
    "Stimme",
    "Auge",
    "Hand",
    "Brust",
    "Freund",
    "König",
    "Mädchen",
    "Gärten",
    "Flüsse",
    "Wälder",
    "Lüfte",
    "Sterne",
    "Götter",
    "Qual",
    "Schmerz",
    "Freude",
    "Weisheit",
    "Kerker",
    "Straße",
    "Kirche",
    "Schwert",
    "Feuer",
    "Wasser",
    "Wolke",
    "Ruh",
    "Sehnsucht",
    "Pudel"
  };
  private static final String[] VERBS = {
    "ist",
    "war",
    "hat",
    "will",
    "soll",
    "kann",
    "muss",
    "mag",
    "sieht",
    "hört",
    "spricht",
    "fühlt",
    "weiß",
    "glaubt",
    "liebt",
    "sucht",
    "findet",
    "bleibt",
    "geht",
    "kommt",
    "träumt",
    "führt",
    "trägt",
    "schläft",
    "wächst",
    "fällt",
    "zieht",
    "lacht",
    "weint",
    "erkennt",
    "verlangt",
    "genießt"
  };
  private static final String[] SMALL = {
    "der", "die", "das", "und", "ich", "du", "er", "sie", "es", "wir", "ihr", "nicht", "mit", "auf",
    "in", "zu", "so", "doch", "noch", "schon", "wie", "was", "wer", "wo", "nur", "auch", "da",
    "mein", "dein", "sein", "kein", "ein", "eine", "dem", "den", "des", "vom", "zum", "für", "über",
    "unter", "durch", "ohne", "gegen", "bis", "als", "wenn", "weil", "dass", "ach", "o", "hier",
    "dort", "nun", "ganz", "gar", "oft", "nie", "immer", "wohl", "süß", "schön", "hoch", "tief",
    "alt", "jung", "müde", "froh", "still", "heiß"
  };

  /**
   * Verse drama in German-like words (umlauts and ß as UTF-8, CRLF line ends as in Project
   * Gutenberg's text): speaker names in capitals, short verse lines, stage directions.
   */
  static byte[] germanProse() {
    Random r = new Random(0x12_03L);
    StringBuilder sb = new StringBuilder(FAUST_SIZE + 1024);
    sb.append("Der Tragödie erster Teil\r\n\r\n\r\nZueignung\r\n\r\n");
    while (sb.toString().getBytes(UTF_8).length < FAUST_SIZE) {
      StringBuilder scene = new StringBuilder(8192);
      for (int s = 0; s < 12; s++) {
        if (r.nextInt(8) == 0) {
          scene.append("\r\n(").append(capitalize(verse(r, 6 + r.nextInt(8)))).append(".)\r\n");
        }
        scene.append("\r\n").append(pick(r, SPEAKERS)).append(":\r\n");
        int lines = 2 + r.nextInt(9);
        for (int l = 0; l < lines; l++) {
          String line = capitalize(verse(r, 4 + r.nextInt(5)));
          String end =
              r.nextInt(6) == 0
                  ? "!"
                  : r.nextInt(5) == 0 ? "?" : l + 1 == lines ? "." : r.nextBoolean() ? "," : ";";
          scene.append(line).append(end).append("\r\n");
        }
      }
      sb.append(scene);
    }
    byte[] bytes = sb.toString().getBytes(UTF_8);
    return Arrays.copyOf(bytes, FAUST_SIZE); // sent as binary: a cut inside a letter is just octets
  }

  private static String verse(Random r, int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) b.append(' ');
      int k = r.nextInt(10);
      b.append(k < 3 ? pick(r, NOUNS) : k < 5 ? pick(r, VERBS) : pick(r, SMALL));
    }
    return b.toString();
  }

  // ------------------------------------------------------------------ HTML (text, a few non-ASCII)

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

  // ------------------------------------------------------------------ words

  static String pick(Random r, String[] words) {
    return words[r.nextInt(words.length)];
  }

  private static String sentence(Random r, int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) b.append(r.nextInt(12) == 0 ? ", " : " ");
      b.append(pick(r, WORDS));
    }
    return b.toString();
  }

  /** Exactly {@code length} characters of words and spaces. */
  static String words(Random r, int length) {
    StringBuilder b = new StringBuilder(length + 16);
    while (b.length() < length) {
      if (b.length() > 0) b.append(' ');
      b.append(pick(r, WORDS));
    }
    b.setLength(length);
    return b.toString();
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
