package org.wsconform.cases.payloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.Deflater;

/**
 * The five payload sets of Autobahn 12.* and 13.* (autobahn-cases.md §3.10), generated here from
 * seeded PRNGs instead of shipped: Autobahn's files (a JSON dump, the Lena bitmap, Goethe's Faust
 * from Project Gutenberg, an HTML page, a scientific PDF) are third-party files. Each set has the
 * same kind of content and exactly the same size as Autobahn's, so the report titles ("Large JSON
 * data file (utf8, 194056 bytes)") stay true and the compressor sees data that compresses alike.
 *
 * <p>{@link Random} and {@link StrictMath} are used on purpose: their results are fixed by their
 * specifications, so the sets are the same bytes on every JVM. The PDF's compressed streams come
 * from {@link Deflater}; their bytes may differ with the platform's zlib, their lengths are padded
 * away, and every case checks echoes against what it sent, never against a stored digest.
 *
 * <p>The generators: {@link JsonRecords}, {@link GermanVerse} and {@link HtmlPage} (their words
 * from {@link LoremIpsum}), and {@link BinaryPayloads} (bitmap, PDF).
 */
public final class CompressionPayloads {

  /**
   * One payload set: how Autobahn names it, whether it goes out as binary, its size, and its bytes,
   * generated on first use (a second or so): listing the catalogue never pays for them.
   */
  public static final class Payload {
    private final String description;
    private final boolean binary;
    private final int size;
    private final Supplier<byte[]> generator;
    private volatile Data data;

    /** The bytes, and for text sets the byte offset of each code point plus the total length. */
    private record Data(byte[] bytes, int[] codePointStarts) {}

    private Payload(String description, boolean binary, int size, Supplier<byte[]> generator) {
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

    /**
     * Slicing units: octets for binary sets, code points for text sets (as Autobahn slices them).
     */
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
              throw new IllegalStateException(
                  description + ": generated " + bytes.length + " octets, not " + size);
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
   * code points and sent as their UTF-8 bytes, so every message is valid UTF-8 and has at least LEN
   * octets.
   */
  public static final class Slices {
    private final Payload payload;
    private final int length;
    private int pointer;

    private Slices(Payload payload, int length) {
      if (length < 0 || length >= payload.units()) {
        throw new IllegalArgumentException(
            "slice length " + length + " outside 0.." + (payload.units() - 1));
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

  private static final List<Payload> ALL =
      List.of(
          new Payload("Large JSON data file", false, JSON_SIZE, JsonRecords::json),
          new Payload("Lena Picture, Bitmap 512x512 bw", true, BITMAP_SIZE, BinaryPayloads::bitmap),
          new Payload(
              "Human readable text, Goethe's Faust I (German)",
              true,
              FAUST_SIZE,
              GermanVerse::germanProse),
          new Payload("Large HTML file", false, HTML_SIZE, HtmlPage::html),
          new Payload("A larger PDF", true, PDF_SIZE, BinaryPayloads::pdf));

  private CompressionPayloads() {}

  /** The five sets in Autobahn's order: JSON, bitmap, German prose, HTML, PDF (12.1-12.5). */
  /**
   * Writes the five sets to a folder as {@code p0.txt} .. {@code p4.bin} (index, then the kind),
   * for benchmarks outside the JVM (targets/external/ws/zlib-floor.mjs).
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CompressionPayloads DIR (writes the five payload sets there)");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    for (int i = 0; i < ALL.size(); i++) {
      Payload p = ALL.get(i);
      Files.write(dir.resolve("p" + i + (p.binary() ? ".bin" : ".txt")), p.bytes());
    }
  }

  public static List<Payload> all() {
    return ALL;
  }

  /** 12.1 and every 13.*: the JSON set. */
  public static Payload jsonData() {
    return all().get(0);
  }
}
