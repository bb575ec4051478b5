package org.wsconform.cases.payloads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * The five payload sets of 12.* and 13.*: Autobahn's kinds and sizes, the same bytes every run,
 * alike compression.
 */
class CompressionPayloadsTest {
  @Test
  void payloadSetsHaveAutobahnsKindsAndSizes() throws Exception {
    List<CompressionPayloads.Payload> sets = CompressionPayloads.all();
    assertThat(sets)
        .extracting(CompressionPayloads.Payload::size)
        .containsExactly(194056, 263222, 222218, 263647, 1042328);
    assertThat(sets)
        .extracting(CompressionPayloads.Payload::binary)
        .containsExactly(false, true, true, false, true);

    byte[] json = sets.get(0).bytes();
    assertThat(strictUtf8(json)).startsWith("[\n  {").endsWith("}\n]\n");
    assertThat(new String(json, StandardCharsets.ISO_8859_1)).matches("\\p{ASCII}*");
    new ObjectMapper().readTree(json); // well-formed JSON

    ByteBuffer bmp = ByteBuffer.wrap(sets.get(1).bytes()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(sets.get(1).bytes(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("BM");
    assertThat(bmp.getInt(2)).isEqualTo(263222);
    assertThat(bmp.getInt(10)).isEqualTo(1078);
    assertThat(bmp.getInt(18)).isEqualTo(512);
    assertThat(bmp.getInt(22)).isEqualTo(512);
    assertThat(bmp.getShort(28)).isEqualTo((short) 8);

    String faust = new String(sets.get(2).bytes(), StandardCharsets.UTF_8);
    assertThat(faust).contains("FAUST:\r\n", "MEPHISTOPHELES:\r\n").containsPattern("[äöüß]");

    byte[] html = sets.get(3).bytes();
    String page = strictUtf8(html);
    assertThat(page.codePointCount(0, page.length())).isEqualTo(263620);
    assertThat(page.codePoints().filter(cp -> cp > 127).count()).isEqualTo(26);
    assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(sets.get(3).units()).isEqualTo(263620);

    byte[] pdf = sets.get(4).bytes();
    String latin = new String(pdf, StandardCharsets.ISO_8859_1);
    assertThat(latin).startsWith("%PDF-1.4\n").endsWith("%%EOF\n").contains("/Filter /FlateDecode");
    // the xref table points at every object
    Matcher startxref = Pattern.compile("startxref\\n(\\d+)\\n%%EOF\\n$").matcher(latin);
    assertThat(startxref.find()).isTrue();
    int xref = Integer.parseInt(startxref.group(1));
    Matcher entry = Pattern.compile("(\\d{10}) 00000 n \\n").matcher(latin.substring(xref));
    int object = 1;
    while (entry.find()) {
      assertThat(latin.substring(Integer.parseInt(entry.group(1))))
          .as("object " + object)
          .startsWith(object + " 0 obj\n");
      object++;
    }
    assertThat(object).isGreaterThan(100);
  }

  /**
   * The sets are generated, not shipped: pinned so that a change to a generator is seen (the PDF's
   * zlib streams may vary by platform).
   */
  @Test
  void payloadSetsAreTheSameBytesOnEveryRun() throws Exception {
    List<CompressionPayloads.Payload> sets = CompressionPayloads.all();
    assertThat(sha1(sets.get(0).bytes())).isEqualTo("0c39bcbf4892bf7637f203674320f7ef1dc3beb3");
    assertThat(sha1(sets.get(1).bytes())).isEqualTo("db4191fb566cf1fd00ca0f8ad114cb8f9b098be9");
    assertThat(sha1(sets.get(2).bytes())).isEqualTo("fb19bb5ed343d70707c71a1c8f79f4216ad964b8");
    assertThat(sha1(sets.get(3).bytes())).isEqualTo("4c955abc7fc3720da8bf1130007d5efc9052f139");
    assertThat(BinaryPayloads.pdf()).isEqualTo(sets.get(4).bytes());
  }

  /**
   * They compress like Autobahn's: text well, the bitmap like a photograph, the PDF hardly at all.
   */
  @Test
  void payloadSetsCompressLikeTheirKinds() {
    List<CompressionPayloads.Payload> sets = CompressionPayloads.all();
    assertThat(ratio(sets.get(0).bytes())).isBetween(0.1, 0.35);
    assertThat(ratio(sets.get(1).bytes())).isBetween(0.6, 0.95);
    assertThat(ratio(sets.get(2).bytes())).isBetween(0.25, 0.5);
    assertThat(ratio(sets.get(3).bytes())).isBetween(0.1, 0.35);
    assertThat(ratio(sets.get(4).bytes())).isBetween(0.8, 1.0);
  }

  // ---------------------------------------------------------------- helpers

  private static String strictUtf8(byte[] b) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(b))
        .toString();
  }

  private static String sha1(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
  }

  private static double ratio(byte[] b) {
    Deflater d = new Deflater(6, true);
    d.setInput(b);
    d.finish();
    byte[] out = new byte[b.length + 1024];
    int n = 0;
    while (!d.finished()) n += d.deflate(out, n, out.length - n);
    d.end();
    return (double) n / b.length;
  }
}
