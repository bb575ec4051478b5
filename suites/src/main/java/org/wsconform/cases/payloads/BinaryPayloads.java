package org.wsconform.cases.payloads;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.wsconform.cases.payloads.CompressionPayloads.PDF_SIZE;
import static org.wsconform.cases.payloads.LoremIpsum.WORDS;
import static org.wsconform.cases.payloads.LoremIpsum.pick;
import static org.wsconform.cases.payloads.LoremIpsum.words;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.zip.Deflater;

/** The binary sets of {@link CompressionPayloads}: the greyscale bitmap and the PDF. */
final class BinaryPayloads {
  private BinaryPayloads() {}

  // ------------------------------------------------------------------ bitmap (binary)

  /**
   * A 512x512 8-bit greyscale Windows bitmap: 14-octet file header, 40-octet info header, a
   * 256-entry grey palette, then the rows bottom-up. The picture is a few soft shapes and gradients
   * with grain, which deflate compresses about as poorly as a photograph.
   */
  static byte[] bitmap() {
    int w = 512;
    int h = 512;
    int headers = 14 + 40 + 256 * 4;
    byte[] bmp = new byte[headers + w * h];
    ByteBuffer b = ByteBuffer.wrap(bmp).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'B').put((byte) 'M').putInt(bmp.length).putInt(0).putInt(headers);
    b.putInt(40)
        .putInt(w)
        .putInt(h)
        .putShort((short) 1)
        .putShort((short) 8)
        .putInt(0)
        .putInt(w * h)
        .putInt(2835)
        .putInt(2835)
        .putInt(256)
        .putInt(0);
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
      for (int x = 0; x < w; x++)
        blobX[k][x] = blob[k][3] * StrictMath.exp(-(x - blob[k][0]) * (x - blob[k][0]) / twoR2);
      for (int y = 0; y < h; y++)
        blobY[k][y] = StrictMath.exp(-(y - blob[k][1]) * (y - blob[k][1]) / twoR2);
    }
    double[] rowWave = new double[h];
    double[] columnWave = new double[w];
    double[] texture = new double[w + 2 * h];
    for (int y = 0; y < h; y++) rowWave[y] = 30 * StrictMath.sin(y / 41.0);
    for (int x = 0; x < w; x++) columnWave[x] = StrictMath.cos(x / 67.0);
    for (int d = 0; d < texture.length; d++)
      texture[d] = 6 * StrictMath.sin(d / 5.0); // fine texture, like hair or fabric
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

  // ------------------------------------------------------------------ PDF (binary)

  /**
   * A PDF 1.4 file: header with a binary comment, pages whose content streams are mostly
   * FlateDecode-compressed (some left plain), embedded font programs and images as compressed
   * streams, an info dictionary, the cross-reference table and trailer. Like a paper exported from
   * a typesetter, most of its octets are already compressed.
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
      object(
          out,
          offsets,
          dict,
          "<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Font"
              + f
              + " /FirstChar 32 /LastChar 126 /FontDescriptor << /FontFile "
              + (dict + 1)
              + " 0 R /Flags 4 /ItalicAngle 0 >> >>");
      int length = 18_000 + r.nextInt(6000);
      stream(out, offsets, dict + 1, "/Length1 " + length, fontProgram(r, length), true);
    }
    int pages = 0;
    int largestPage = 0;
    while (out.size() + 2 * largestPage + 4096 < PDF_SIZE) {
      int before = out.size();
      int page = firstPage + 3 * pages;
      object(
          out,
          offsets,
          page,
          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents "
              + (page + 1)
              + " 0 R /Resources << /Font << /F1 4 0 R /F2 6 0 R /F3 8 0 R >> /XObject << /Im"
              + pages
              + " "
              + (page + 2)
              + " 0 R >> >> >>");
      stream(out, offsets, page + 1, "", pageContent(r), pages % 5 != 4);
      int iw = 96 + r.nextInt(64);
      int ih = 96 + r.nextInt(64);
      stream(
          out,
          offsets,
          page + 2,
          "/Type /XObject /Subtype /Image /Width "
              + iw
              + " /Height "
              + ih
              + " /ColorSpace /DeviceGray /BitsPerComponent 8",
          image(r, iw, ih),
          true);
      largestPage = Math.max(largestPage, out.size() - before);
      pages++;
    }
    object(out, offsets, 1, "<< /Type /Catalog /Pages 2 0 R >>");
    StringBuilder kids = new StringBuilder();
    for (int p = 0; p < pages; p++) kids.append(firstPage + 3 * p).append(" 0 R ");
    object(out, offsets, 2, "<< /Type /Pages /Count " + pages + " /Kids [ " + kids + "] >>");
    object(
        out,
        offsets,
        3,
        "<< /Title (On the behaviour of compressed message streams) /Author (A. Author and B. Author)"
            + " /Creator (LaTeX with hyperref) /Producer (pdfTeX-1.40) /CreationDate (D:20070312101500) >>");
    int objects = firstPage + 3 * pages; // including object 0, the head of the free list
    String trailerHead = "xref\n0 " + objects + "\n0000000000 65535 f \n";
    String trailerTail =
        "trailer\n<< /Size " + objects + " /Root 1 0 R /Info 3 0 R >>\nstartxref\n";
    int trailerLength =
        trailerHead.length() + 20 * (objects - 1) + trailerTail.length() + 7 + "\n%%EOF\n".length();
    // Comment lines of words pad the file to exactly Autobahn's size.
    int pad = PDF_SIZE - out.size() - trailerLength;
    if (pad < 0)
      throw new IllegalStateException("PDF set came out " + (-pad) + " octets too large");
    while (pad > 0) {
      int line = Math.min(pad, 80);
      String comment = line == 1 ? "\n" : "%" + words(r, line - 2) + "\n";
      out.writeBytes(comment.getBytes(US_ASCII));
      pad -= line;
    }
    int xref = out.size();
    StringBuilder t = new StringBuilder(trailerHead);
    for (int n = 1; n < objects; n++)
      t.append(String.format(Locale.ROOT, "%010d 00000 n \n", offsets[n]));
    t.append(trailerTail).append(String.format(Locale.ROOT, "%07d", xref)).append("\n%%EOF\n");
    out.writeBytes(t.toString().getBytes(US_ASCII));
    return out.toByteArray();
  }

  private static void object(
      ByteArrayOutputStream out, int[] offsets, int number, String dictionary) {
    offsets[number] = out.size();
    out.writeBytes((number + " 0 obj\n" + dictionary + "\nendobj\n").getBytes(US_ASCII));
  }

  private static void stream(
      ByteArrayOutputStream out,
      int[] offsets,
      int number,
      String entries,
      byte[] data,
      boolean flate) {
    byte[] body = flate ? deflate(data) : data;
    offsets[number] = out.size();
    out.writeBytes(
        (number
                + " 0 obj\n<< "
                + entries
                + (entries.isEmpty() ? "" : " ")
                + "/Length "
                + body.length
                + (flate ? " /Filter /FlateDecode" : "")
                + " >>\nstream\n")
            .getBytes(US_ASCII));
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
      c.append(String.format(Locale.ROOT, "1 0 0 1 72 %.3f Tm\n[", y));
      int words = 9 + r.nextInt(5);
      for (int w = 0; w < words; w++) {
        c.append('(')
            .append(pick(r, WORDS))
            .append(")")
            .append(r.nextInt(4) == 0 ? "-" + (100 + r.nextInt(300)) : "-333");
      }
      c.append("]TJ\n");
      if (r.nextInt(9) == 0) c.append("/F").append(1 + r.nextInt(3)).append(" 9.9626 Tf\n");
      y -= 11.955;
    }
    c.append("ET\n");
    return c.toString().getBytes(US_ASCII);
  }

  /**
   * Glyph outlines look like this to a compressor: short repeating opcodes around varying numbers.
   */
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
}
