package org.wsconform.cases;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

/**
 * The five payload sets of Autobahn 12.* and 13.* (autobahn-cases.md §3.10), generated here from
 * seeded PRNGs instead of shipped: Autobahn's files (a JSON dump, the Lena bitmap, Goethe's Faust
 * from Project Gutenberg, an HTML page, a scientific PDF) are third-party files. Each set has the
 * same kind of content and exactly the same size as Autobahn's, so the report titles ("Large JSON
 * data file (utf8, 194056 bytes)") stay true and the compressor sees data that compresses alike.
 *
 * <p>{@link Random} and {@link StrictMath} are used on purpose: their results are fixed by their
 * specifications, so the sets are the same bytes on every JVM. The PDF's compressed streams come from {@link Deflater}; their
 * bytes may differ with the platform's zlib, their lengths are padded away, and every case checks
 * echoes against what it sent, never against a stored digest.
 */
public final class CompressionPayloads {

  /**
   * One payload set: how Autobahn names it, whether it goes out as binary, its size, and its
   * bytes, generated on first use (a second or so): listing the catalogue never pays for them.
   */
  public static final class Payload {
    private final String description;
    private final boolean binary;
    private final int size;
    private final java.util.function.Supplier<byte[]> generator;
    private volatile Data data;

    /** The bytes, and for text sets the byte offset of each code point plus the total length. */
    private record Data(byte[] bytes, int[] codePointStarts) {}

    private Payload(String description, boolean binary, int size, java.util.function.Supplier<byte[]> generator) {
      this.description = description;
      this.binary = binary;
      this.size = size;
      this.generator = generator;
    }

    public String description() {
      return description;
    }

    public boolean binary() {
      return binary;
    }

    /** A copy of the whole set. */
    public byte[] bytes() {
      return data().bytes().clone();
    }

    public int size() {
      return size;
    }

    /** Slicing units: octets for binary sets, code points for text sets (as Autobahn slices them). */
    public int units() {
      return binary ? size : data().codePointStarts().length - 1;
    }

    /** Autobahn's sub-group title: "Large JSON data file (utf8, 194056 bytes)". */
    public String title() {
      return description + " (" + (binary ? "binary" : "utf8") + ", " + size + " bytes)";
    }

    /** A fresh moving pointer over this set, handing out messages of {@code length} units. */
    public Slices slices(int length) {
      return new Slices(this, length);
    }

    /** The length of a message in this set's units: code points for text (Autobahn's len()). */
    public int unitsOf(byte[] message) {
      if (binary) return message.length;
      int n = 0;
      for (byte b : message) {
        if ((b & 0xC0) != 0x80) n++;
      }
      return n;
    }

    private Data data() {
      Data d = data;
      if (d == null) {
        synchronized (this) {
          d = data;
          if (d == null) {
            byte[] bytes = generator.get();
            if (bytes.length != size) {
              throw new IllegalStateException(description + ": generated " + bytes.length + " octets, not " + size);
            }
            d = new Data(bytes, binary ? null : codePointStarts(bytes));
            data = d;
          }
        }
      }
      return d;
    }

    private byte[] raw() {
      return data().bytes();
    }

    private int offset(int unit) {
      return binary ? unit : data().codePointStarts()[unit];
    }

    private static int[] codePointStarts(byte[] utf8) {
      int n = 0;
      for (byte b : utf8) {
        if ((b & 0xC0) != 0x80) n++;
      }
      int[] starts = new int[n + 1];
      int k = 0;
      for (int i = 0; i < utf8.length; i++) {
        if ((utf8[i] & 0xC0) != 0x80) starts[k++] = i;
      }
      starts[n] = utf8.length;
      return starts;
    }
  }

  /**
   * Autobahn's {@code sendOne}: consecutive slices of LEN units through a pointer that wraps
   * around; the slice that crosses the end is the tail joined to the head. Text sets are cut at
   * code points and sent as their UTF-8 bytes, so every message is valid UTF-8 and has at least
   * LEN octets.
   */
  public static final class Slices {
    private final Payload payload;
    private final int length;
    private int pointer;

    private Slices(Payload payload, int length) {
      if (length < 0 || length >= payload.units()) {
        throw new IllegalArgumentException("slice length " + length + " outside 0.." + (payload.units() - 1));
      }
      this.payload = payload;
      this.length = length;
    }

    public byte[] next() {
      if (length == 0) return new byte[0];
      int from = pointer;
      int to = (pointer + length) % payload.units();
      pointer = to;
      byte[] bytes = payload.raw();
      int a = payload.offset(from);
      int b = payload.offset(to);
      if (to > from) return Arrays.copyOfRange(bytes, a, b);
      byte[] joined = new byte[bytes.length - a + b];
      System.arraycopy(bytes, a, joined, 0, bytes.length - a);
      System.arraycopy(bytes, 0, joined, bytes.length - a, b);
      return joined;
    }
  }

  // Autobahn's sizes (case12_x_x.py's files), and its order of the sub-groups 12.1-12.5.
  static final int JSON_SIZE = 194_056;
  static final int BITMAP_SIZE = 263_222;
  static final int FAUST_SIZE = 222_218;
  static final int HTML_SIZE = 263_647;
  /** Autobahn's data1.html has 263620 code points, 26 of them outside ASCII. */
  static final int HTML_CODE_POINTS = 263_620;
  static final int PDF_SIZE = 1_042_328;

  private static final List<Payload> ALL = List.of(
      new Payload("Large JSON data file", false, JSON_SIZE, CompressionPayloads::json),
      new Payload("Lena Picture, Bitmap 512x512 bw", true, BITMAP_SIZE, CompressionPayloads::bitmap),
      new Payload("Human readable text, Goethe's Faust I (German)", true, FAUST_SIZE, CompressionPayloads::germanProse),
      new Payload("Large HTML file", false, HTML_SIZE, CompressionPayloads::html),
      new Payload("A larger PDF", true, PDF_SIZE, CompressionPayloads::pdf));

  private CompressionPayloads() {}

  /** The five sets in Autobahn's order: JSON, bitmap, German prose, HTML, PDF (12.1-12.5). */
  /**
   * Writes the five sets to a folder as {@code p0.txt} .. {@code p4.bin} (index, then the kind),
   * for benchmarks outside the JVM (targets/external/ws/zlib-floor.mjs).
   */
  public static void main(String[] args) throws java.io.IOException {
    if (args.length != 1) {
      System.err.println("usage: CompressionPayloads DIR (writes the five payload sets there)");
      System.exit(2);
    }
    java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of(args[0]));
    for (int i = 0; i < ALL.size(); i++) {
      Payload p = ALL.get(i);
      java.nio.file.Files.write(dir.resolve("p" + i + (p.binary() ? ".bin" : ".txt")), p.bytes());
    }
  }

  public static List<Payload> all() {
    return ALL;
  }

  /** 12.1 and every 13.*: the JSON set. */
  public static Payload jsonData() {
    return all().get(0);
  }

  // ------------------------------------------------------------------ JSON (ASCII text)

  private static final String[] FIRST = {"Ada", "Bertram", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines",
      "Jonas", "Kira", "Lukas", "Mara", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Stefan", "Tara", "Ulf", "Vera",
      "Wanda", "Xaver", "Yara", "Zeno"};
  private static final String[] LAST = {"Albrecht", "Brandt", "Castillo", "Dorsey", "Eklund", "Fischer", "Garrido",
      "Hansen", "Iversen", "Jablonski", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quintero",
      "Reyes", "Sorensen", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zielinski"};
  private static final String[] WORDS = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit",
      "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim", "ad",
      "minim", "veniam", "quis", "nostrud", "exercitation", "ullamco", "laboris", "nisi", "aliquip", "ex", "ea",
      "commodo", "consequat", "duis", "aute", "irure", "in", "reprehenderit", "voluptate", "velit", "esse", "cillum",
      "fugiat", "nulla", "pariatur", "excepteur", "sint", "occaecat", "cupidatat", "non", "proident", "sunt", "culpa",
      "qui", "officia", "deserunt", "mollit", "anim", "id", "est", "laborum"};
  private static final String[] COMPANIES = {"ACMECORP", "ZILLANET", "QUONK", "VELOXIS", "ORBITAL", "SYNKGEN",
      "TERRAFORM", "BLUEGRAIN", "NORTHWIND", "KINETICA", "LUMENTA", "PYRAMIS"};
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
    field(b, "guid", quote(hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 12)));
    field(b, "isActive", Boolean.toString(r.nextBoolean()));
    field(b, "balance", quote(String.format(java.util.Locale.ROOT, "$%,d.%02d", 1000 + r.nextInt(3000), r.nextInt(100))));
    field(b, "picture", quote("http://placehold.it/32x32"));
    field(b, "age", Integer.toString(20 + r.nextInt(21)));
    field(b, "eyeColor", quote(pick(r, EYES)));
    field(b, "name", quote(first + " " + last));
    field(b, "gender", quote(r.nextBoolean() ? "female" : "male"));
    field(b, "company", quote(company));
    field(b, "email", quote(first.toLowerCase(java.util.Locale.ROOT) + last.toLowerCase(java.util.Locale.ROOT) + "@"
        + company.toLowerCase(java.util.Locale.ROOT) + ".com"));
    field(b, "phone", quote(String.format(java.util.Locale.ROOT, "+1 (%03d) %03d-%04d", 800 + r.nextInt(200),
        400 + r.nextInt(600), r.nextInt(10000))));
    field(b, "address", quote((100 + r.nextInt(900)) + " " + capitalize(pick(r, WORDS)) + " Street, "
        + capitalize(pick(r, WORDS)) + ", " + (1000 + r.nextInt(9000))));
    field(b, "about", quote(sentence(r, 20 + r.nextInt(30)) + "\\r\\n"));
    field(b, "registered", quote(String.format(java.util.Locale.ROOT, "20%02d-%02d-%02dT%02d:%02d:%02d -01:00",
        14 + r.nextInt(10), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60))));
    field(b, "latitude", String.format(java.util.Locale.ROOT, "%.6f", r.nextDouble() * 180 - 90));
    field(b, "longitude", String.format(java.util.Locale.ROOT, "%.6f", r.nextDouble() * 360 - 180));
    b.append("    \"tags\": [\n");
    int tags = 3 + r.nextInt(5);
    for (int t = 0; t < tags; t++) {
      b.append("      ").append(quote(pick(r, WORDS))).append(t + 1 < tags ? ",\n" : "\n");
    }
    b.append("    ],\n    \"friends\": [\n");
    for (int f = 0; f < 3; f++) {
      b.append("      {\n        \"id\": ").append(f).append(",\n        \"name\": ")
          .append(quote(pick(r, FIRST) + " " + pick(r, LAST))).append("\n      }").append(f < 2 ? ",\n" : "\n");
    }
    b.append("    ],\n");
    field(b, "greeting", quote("Hello, " + first + " " + last + "! You have " + (1 + r.nextInt(10)) + " unread messages."));
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

  // ------------------------------------------------------------------ bitmap (binary)

  /**
   * A 512x512 8-bit greyscale Windows bitmap: 14-octet file header, 40-octet info header, a
   * 256-entry grey palette, then the rows bottom-up. The picture is a few soft shapes and
   * gradients with grain, which deflate compresses about as poorly as a photograph.
   */
  static byte[] bitmap() {
    int w = 512;
    int h = 512;
    int headers = 14 + 40 + 256 * 4;
    byte[] bmp = new byte[headers + w * h];
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bmp).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'B').put((byte) 'M').putInt(bmp.length).putInt(0).putInt(headers);
    b.putInt(40).putInt(w).putInt(h).putShort((short) 1).putShort((short) 8).putInt(0).putInt(w * h)
        .putInt(2835).putInt(2835).putInt(256).putInt(0);
    for (int i = 0; i < 256; i++) b.put((byte) i).put((byte) i).put((byte) i).put((byte) 0);
    Random r = new Random(0x12_02L);
    int blobs = 9;
    double[][] blob = new double[blobs][4];
    for (double[] o : blob) {
      o[0] = r.nextDouble() * w;
      o[1] = r.nextDouble() * h;
      o[2] = 40 + r.nextDouble() * 120; // radius
      o[3] = (r.nextDouble() - 0.5) * 140; // brightness
    }
    // every term is separable in x and y (or a function of x + 2y), so each is computed once per
    // row, column or diagonal rather than per pixel
    double[][] blobX = new double[blobs][w];
    double[][] blobY = new double[blobs][h];
    for (int k = 0; k < blobs; k++) {
      double twoR2 = 2 * blob[k][2] * blob[k][2];
      for (int x = 0; x < w; x++) blobX[k][x] = blob[k][3] * StrictMath.exp(-(x - blob[k][0]) * (x - blob[k][0]) / twoR2);
      for (int y = 0; y < h; y++) blobY[k][y] = StrictMath.exp(-(y - blob[k][1]) * (y - blob[k][1]) / twoR2);
    }
    double[] rowWave = new double[h];
    double[] columnWave = new double[w];
    double[] texture = new double[w + 2 * h];
    for (int y = 0; y < h; y++) rowWave[y] = 30 * StrictMath.sin(y / 41.0);
    for (int x = 0; x < w; x++) columnWave[x] = StrictMath.cos(x / 67.0);
    for (int d = 0; d < texture.length; d++) texture[d] = 6 * StrictMath.sin(d / 5.0); // fine texture, like hair or fabric
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = 90 + 60.0 * x / w + rowWave[y] * columnWave[x] + texture[x + 2 * y];
        for (int k = 0; k < blobs; k++) v += blobX[k][x] * blobY[k][y];
        v += r.nextGaussian() * 3.5; // sensor grain
        bmp[headers + y * w + x] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
      }
    }
    return bmp;
  }

  // ------------------------------------------------------------------ German prose (sent as binary)

  private static final String[] SPEAKERS = {"FAUST", "MEPHISTOPHELES", "WAGNER", "GRETCHEN", "MARTHE", "CHOR DER ENGEL",
      "SCHÜLER", "FROSCH", "BRANDER", "SIEBEL", "ALTMAYER", "HEXE", "VALENTIN", "ERDGEIST"};
  private static final String[] NOUNS = {"Geist", "Welt", "Herz", "Nacht", "Himmel", "Erde", "Seele", "Liebe", "Zeit",
      "Buch", "Wissen", "Natur", "Teufel", "Mensch", "Tag", "Glück", "Leben", "Tod", "Traum", "Stunde", "Licht",
      "Schatten", "Sinn", "Wort", "Tat", "Kraft", "Blut", "Wein", "Gold", "Stimme", "Auge", "Hand", "Brust", "Freund",
      "König", "Mädchen", "Gärten", "Flüsse", "Wälder", "Lüfte", "Sterne", "Götter", "Qual", "Schmerz", "Freude",
      "Weisheit", "Kerker", "Straße", "Kirche", "Schwert", "Feuer", "Wasser", "Wolke", "Ruh", "Sehnsucht", "Pudel"};
  private static final String[] VERBS = {"ist", "war", "hat", "will", "soll", "kann", "muss", "mag", "sieht", "hört",
      "spricht", "fühlt", "weiß", "glaubt", "liebt", "sucht", "findet", "bleibt", "geht", "kommt", "träumt", "führt",
      "trägt", "schläft", "wächst", "fällt", "zieht", "lacht", "weint", "erkennt", "verlangt", "genießt"};
  private static final String[] SMALL = {"der", "die", "das", "und", "ich", "du", "er", "sie", "es", "wir", "ihr",
      "nicht", "mit", "auf", "in", "zu", "so", "doch", "noch", "schon", "wie", "was", "wer", "wo", "nur", "auch", "da",
      "mein", "dein", "sein", "kein", "ein", "eine", "dem", "den", "des", "vom", "zum", "für", "über", "unter", "durch",
      "ohne", "gegen", "bis", "als", "wenn", "weil", "dass", "ach", "o", "hier", "dort", "nun", "ganz", "gar", "oft",
      "nie", "immer", "wohl", "süß", "schön", "hoch", "tief", "alt", "jung", "müde", "froh", "still", "heiß"};

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
          String end = r.nextInt(6) == 0 ? "!" : r.nextInt(5) == 0 ? "?" : l + 1 == lines ? "." : r.nextBoolean() ? "," : ";";
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

  private static final String[] SECTIONS = {"Overview", "Installation", "Configuration", "Usage", "Examples",
      "Reference", "Changelog", "Contributors", "License", "FAQ"};
  /** Two-octet letters that replace plain vowels: 25 of them, plus one three-octet en dash. */
  private static final String[] ACCENTED = {"ä", "ö", "ü", "é", "è", "á", "ó", "ñ", "ç", "å", "ø", "ë", "ï"};

  /**
   * A long documentation page: head with styles, navigation, sections of paragraphs with links
   * and inline markup, data tables. ASCII, except 25 two-octet letters and one en dash spread
   * through the text, as in Autobahn's file (263620 code points in 263647 octets).
   */
  static byte[] html() {
    Random r = new Random(0x12_04L);
    StringBuilder sb = new StringBuilder(HTML_CODE_POINTS + 4096);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Project documentation - complete reference</title>\n<style>\n")
        .append("body { font-family: Georgia, serif; margin: 0 auto; max-width: 58em; line-height: 1.5; }\n")
        .append("nav ul { list-style: none; padding: 0; }\nnav li { display: inline; margin-right: 1em; }\n")
        .append("table { border-collapse: collapse; width: 100%; }\ntd, th { border: 1px solid #ccc; padding: 4px; }\n")
        .append(".note { background: #fffbe6; border-left: 4px solid #f0c000; padding: 0.5em 1em; }\n")
        .append("code { font-family: Menlo, monospace; font-size: 90%; }\n</style>\n</head>\n<body>\n")
        .append("<header>\n<h1>Project documentation</h1>\n<nav>\n<ul>\n");
    for (String s : SECTIONS) {
      sb.append("<li><a href=\"#").append(s.toLowerCase(java.util.Locale.ROOT)).append("\">").append(s).append("</a></li>\n");
    }
    sb.append("</ul>\n</nav>\n</header>\n<main>\n");
    String ending = "</main>\n<footer>\n<p>Generated documentation.</p>\n</footer>\n";
    String tail = "</body>\n</html>\n";
    int section = 0;
    while (sb.length() + ending.length() + tail.length() + 2048 < HTML_CODE_POINTS) {
      String name = SECTIONS[section % SECTIONS.length] + (section >= SECTIONS.length ? " " + (section / SECTIONS.length + 1) : "");
      sb.append("<section id=\"s").append(section).append("\">\n<h2>").append(name).append("</h2>\n");
      int paragraphs = 3 + r.nextInt(5);
      for (int p = 0; p < paragraphs && sb.length() + 4096 < HTML_CODE_POINTS; p++) {
        sb.append(r.nextInt(6) == 0 ? "<p class=\"note\">" : "<p>");
        int sentences = 2 + r.nextInt(5);
        for (int s = 0; s < sentences; s++) {
          String text = capitalize(sentence(r, 8 + r.nextInt(14)));
          int k = r.nextInt(7);
          if (k == 0) {
            text = text.replaceFirst(" (\\w+) ", " <a href=\"https://example.org/docs/" + pick(r, WORDS) + ".html\">$1</a> ");
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
        sb.append("<table>\n<tr><th>Name</th><th>Type</th><th>Default</th><th>Description</th></tr>\n");
        int rows = 4 + r.nextInt(8);
        for (int i = 0; i < rows; i++) {
          sb.append("<tr><td><code>").append(pick(r, WORDS)).append('.').append(pick(r, WORDS)).append("</code></td><td>")
              .append(r.nextBoolean() ? "integer" : "string").append("</td><td>").append(r.nextInt(1000))
              .append("</td><td>").append(capitalize(sentence(r, 5 + r.nextInt(8)))).append("</td></tr>\n");
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
    if (replaced != 26) throw new IllegalStateException("HTML set: placed only " + replaced + " non-ASCII letters");
    return out.toString().getBytes(UTF_8);
  }

  // ------------------------------------------------------------------ PDF (binary)

  /**
   * A PDF 1.4 file: header with a binary comment, pages whose content streams are mostly
   * FlateDecode-compressed (some left plain), embedded font programs and images as compressed
   * streams, an info dictionary, the cross-reference table and trailer. Like a paper exported
   * from a typesetter, most of its octets are already compressed.
   */
  static byte[] pdf() {
    Random r = new Random(0x12_05L);
    ByteArrayOutputStream out = new ByteArrayOutputStream(PDF_SIZE + 65536);
    out.writeBytes("%PDF-1.4\n%".getBytes(US_ASCII));
    out.writeBytes(new byte[] {(byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n'});
    // objects: 1 catalog, 2 page tree, 3 info, 4.. fonts (dictionary + font file each), then
    // three per page (page, content, image); the catalog and page tree go last, once the page
    // count is known (a PDF's objects may come in any order: the xref table finds them).
    int fonts = 6;
    int firstPage = 4 + 2 * fonts;
    int[] offsets = new int[firstPage + 3 * 200];
    for (int f = 0; f < fonts; f++) {
      int dict = 4 + 2 * f;
      object(out, offsets, dict, "<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Font" + f
          + " /FirstChar 32 /LastChar 126 /FontDescriptor << /FontFile " + (dict + 1) + " 0 R /Flags 4 /ItalicAngle 0 >> >>");
      int length = 18_000 + r.nextInt(6000);
      stream(out, offsets, dict + 1, "/Length1 " + length, fontProgram(r, length), true);
    }
    int pages = 0;
    int largestPage = 0;
    while (out.size() + 2 * largestPage + 4096 < PDF_SIZE) {
      int before = out.size();
      int page = firstPage + 3 * pages;
      object(out, offsets, page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " + (page + 1)
          + " 0 R /Resources << /Font << /F1 4 0 R /F2 6 0 R /F3 8 0 R >> /XObject << /Im" + pages + " " + (page + 2)
          + " 0 R >> >> >>");
      stream(out, offsets, page + 1, "", pageContent(r), pages % 5 != 4);
      int iw = 96 + r.nextInt(64);
      int ih = 96 + r.nextInt(64);
      stream(out, offsets, page + 2, "/Type /XObject /Subtype /Image /Width " + iw + " /Height " + ih
          + " /ColorSpace /DeviceGray /BitsPerComponent 8", image(r, iw, ih), true);
      largestPage = Math.max(largestPage, out.size() - before);
      pages++;
    }
    object(out, offsets, 1, "<< /Type /Catalog /Pages 2 0 R >>");
    StringBuilder kids = new StringBuilder();
    for (int p = 0; p < pages; p++) kids.append(firstPage + 3 * p).append(" 0 R ");
    object(out, offsets, 2, "<< /Type /Pages /Count " + pages + " /Kids [ " + kids + "] >>");
    object(out, offsets, 3, "<< /Title (On the behaviour of compressed message streams) /Author (A. Author and B. Author)"
        + " /Creator (LaTeX with hyperref) /Producer (pdfTeX-1.40) /CreationDate (D:20070312101500) >>");
    int objects = firstPage + 3 * pages; // including object 0, the head of the free list
    String trailerHead = "xref\n0 " + objects + "\n0000000000 65535 f \n";
    String trailerTail = "trailer\n<< /Size " + objects + " /Root 1 0 R /Info 3 0 R >>\nstartxref\n";
    int trailerLength = trailerHead.length() + 20 * (objects - 1) + trailerTail.length() + 7 + "\n%%EOF\n".length();
    // Comment lines of words pad the file to exactly Autobahn's size.
    int pad = PDF_SIZE - out.size() - trailerLength;
    if (pad < 0) throw new IllegalStateException("PDF set came out " + (-pad) + " octets too large");
    while (pad > 0) {
      int line = Math.min(pad, 80);
      String comment = line == 1 ? "\n" : "%" + words(r, line - 2) + "\n";
      out.writeBytes(comment.getBytes(US_ASCII));
      pad -= line;
    }
    int xref = out.size();
    StringBuilder t = new StringBuilder(trailerHead);
    for (int n = 1; n < objects; n++) t.append(String.format(java.util.Locale.ROOT, "%010d 00000 n \n", offsets[n]));
    t.append(trailerTail).append(String.format(java.util.Locale.ROOT, "%07d", xref)).append("\n%%EOF\n");
    out.writeBytes(t.toString().getBytes(US_ASCII));
    return out.toByteArray();
  }

  private static void object(ByteArrayOutputStream out, int[] offsets, int number, String dictionary) {
    offsets[number] = out.size();
    out.writeBytes((number + " 0 obj\n" + dictionary + "\nendobj\n").getBytes(US_ASCII));
  }

  private static void stream(ByteArrayOutputStream out, int[] offsets, int number, String entries, byte[] data,
      boolean flate) {
    byte[] body = flate ? deflate(data) : data;
    offsets[number] = out.size();
    out.writeBytes((number + " 0 obj\n<< " + entries + (entries.isEmpty() ? "" : " ") + "/Length " + body.length
        + (flate ? " /Filter /FlateDecode" : "") + " >>\nstream\n").getBytes(US_ASCII));
    out.writeBytes(body);
    out.writeBytes("\nendstream\nendobj\n".getBytes(US_ASCII));
  }

  private static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      d.setInput(data);
      d.finish();
      byte[] buf = new byte[data.length + data.length / 100 + 64];
      int n = 0;
      while (!d.finished()) {
        if (n == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        n += d.deflate(buf, n, buf.length - n);
      }
      return Arrays.copyOf(buf, n);
    } finally {
      d.end();
    }
  }

  /** Text-showing operators, as a typesetter writes them: kerned strings, positions, fonts. */
  private static byte[] pageContent(Random r) {
    StringBuilder c = new StringBuilder(16384);
    c.append("BT\n/F1 9.9626 Tf\n");
    double y = 720;
    for (int line = 0; line < 52; line++) {
      c.append(String.format(java.util.Locale.ROOT, "1 0 0 1 72 %.3f Tm\n[", y));
      int words = 9 + r.nextInt(5);
      for (int w = 0; w < words; w++) {
        c.append('(').append(pick(r, WORDS)).append(")").append(r.nextInt(4) == 0 ? "-" + (100 + r.nextInt(300)) : "-333");
      }
      c.append("]TJ\n");
      if (r.nextInt(9) == 0) c.append("/F").append(1 + r.nextInt(3)).append(" 9.9626 Tf\n");
      y -= 11.955;
    }
    c.append("ET\n");
    return c.toString().getBytes(US_ASCII);
  }

  /** Glyph outlines look like this to a compressor: short repeating opcodes around varying numbers. */
  private static byte[] fontProgram(Random r, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (r.nextInt(4) == 0 ? 0x8B + r.nextInt(0xF6 - 0x8B) : r.nextInt(256));
    }
    return b;
  }

  private static byte[] image(Random r, int w, int h) {
    byte[] b = new byte[w * h];
    double phase = r.nextDouble() * 6;
    double[] columns = new double[w];
    double[] rows = new double[h];
    for (int x = 0; x < w; x++) columns[x] = 80 * StrictMath.sin(x / 13.0 + phase);
    for (int y = 0; y < h; y++) rows[y] = StrictMath.cos(y / 17.0);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = 128 + columns[x] * rows[y] + r.nextGaussian() * 9;
        b[y * w + x] = (byte) Math.max(0, Math.min(255, (int) v));
      }
    }
    return b;
  }

  // ------------------------------------------------------------------ words

  private static String pick(Random r, String[] words) {
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
  private static String words(Random r, int length) {
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
