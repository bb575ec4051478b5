package org.wsconform.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Autobahn's 6.x vectors (autobahn-cases.md §3.6), incremental feeding and fail-fast positions. */
class Utf8ValidatorTest {
  private static final boolean V = true;
  private static final boolean X = false;

  private static Arguments v(String id, String hex, boolean valid) {
    return Arguments.of(id, hex, valid);
  }

  static Stream<Arguments> vectors() {
    List<Arguments> l =
        new ArrayList<>(
            List.of(
                // 6.5 some valid sequences
                v("6.5.1", "68656c6c6f24776f726c64", V),
                v("6.5.2", "68656c6c6fc2a2776f726c64", V),
                v("6.5.3", "68656c6c6fe282ac776f726c64", V),
                v("6.5.4", "68656c6c6ff0a4ada2776f726c64", V),
                v("6.5.5", "cebae1bdb9cf83cebcceb5", V),
                // 6.6 all prefixes of κόσμε
                v("6.6.1", "ce", X),
                v("6.6.2", "ceba", V),
                v("6.6.3", "cebae1", X),
                v("6.6.4", "cebae1bd", X),
                v("6.6.5", "cebae1bdb9", V),
                v("6.6.6", "cebae1bdb9cf", X),
                v("6.6.7", "cebae1bdb9cf83", V),
                v("6.6.8", "cebae1bdb9cf83ce", X),
                v("6.6.9", "cebae1bdb9cf83cebc", V),
                v("6.6.10", "cebae1bdb9cf83cebcce", X),
                v("6.6.11", "cebae1bdb9cf83cebcceb5", V),
                // 6.7 first sequence of each length
                v("6.7.1", "00", V),
                v("6.7.2", "c280", V),
                v("6.7.3", "e0a080", V),
                v("6.7.4", "f0908080", V),
                // 6.8 first sequences of length 5/6
                v("6.8.1", "f888808080", X),
                v("6.8.2", "fc8480808080", X),
                // 6.9 last sequence of each length
                v("6.9.1", "7f", V),
                v("6.9.2", "dfbf", V),
                v("6.9.3", "efbfbf", V),
                v("6.9.4", "f48fbfbf", V),
                // 6.10 last sequences of length 4/5/6 (beyond U+10FFFF)
                v("6.10.1", "f7bfbfbf", X),
                v("6.10.2", "fbbfbfbfbf", X),
                v("6.10.3", "fdbfbfbfbfbf", X),
                // 6.11 other boundaries
                v("6.11.1", "ed9fbf", V),
                v("6.11.2", "ee8080", V),
                v("6.11.3", "efbfbd", V),
                v("6.11.4", "f48fbfbf", V),
                v("6.11.5", "f4908080", X),
                // 6.12 unexpected continuation bytes
                v("6.12.1", "80", X),
                v("6.12.2", "bf", X),
                v("6.12.3", "80bf", X),
                v("6.12.4", "80bf80", X),
                v("6.12.5", "80bf80bf", X),
                v("6.12.6", "80bf80bf80", X),
                v("6.12.7", "80bf80bf80bf", X),
                // 6.14 last continuation byte missing
                v("6.14.1", "c0", X),
                v("6.14.2", "e080", X),
                v("6.14.3", "f08080", X),
                v("6.14.4", "f8808080", X),
                v("6.14.5", "fc80808080", X),
                v("6.14.6", "df", X),
                v("6.14.7", "efbf", X),
                v("6.14.8", "f7bfbf", X),
                v("6.14.9", "fbbfbfbf", X),
                v("6.14.10", "fdbfbfbfbf", X),
                // 6.15 concatenation of incomplete sequences
                v("6.15.1", "c0e080f08080f8808080fc80808080dfefbff7bfbffbbfbfbffdbfbfbfbf", X),
                // 6.16 impossible bytes
                v("6.16.1", "fe", X),
                v("6.16.2", "ff", X),
                v("6.16.3", "fefeffff", X),
                // 6.17 overlong ASCII '/'
                v("6.17.1", "c0af", X),
                v("6.17.2", "e080af", X),
                v("6.17.3", "f08080af", X),
                v("6.17.4", "f8808080af", X),
                v("6.17.5", "fc80808080af", X),
                // 6.18 maximum overlong sequences
                v("6.18.1", "c1bf", X),
                v("6.18.2", "e09fbf", X),
                v("6.18.3", "f08fbfbf", X),
                v("6.18.4", "f887bfbfbf", X),
                v("6.18.5", "fc83bfbfbfbf", X),
                // 6.19 overlong NUL
                v("6.19.1", "c080", X),
                v("6.19.2", "e08080", X),
                v("6.19.3", "f0808080", X),
                v("6.19.4", "f880808080", X),
                v("6.19.5", "fc8080808080", X),
                // 6.20 single UTF-16 surrogates
                v("6.20.1", "eda080", X),
                v("6.20.2", "edadbf", X),
                v("6.20.3", "edae80", X),
                v("6.20.4", "edafbf", X),
                v("6.20.5", "edb080", X),
                v("6.20.6", "edbe80", X),
                v("6.20.7", "edbfbf", X),
                // 6.21 paired UTF-16 surrogates
                v("6.21.1", "eda080edb080", X),
                v("6.21.2", "eda080edbfbf", X),
                v("6.21.3", "edadbfedb080", X),
                v("6.21.4", "edadbfedbfbf", X),
                v("6.21.5", "edae80edb080", X),
                v("6.21.6", "edae80edbfbf", X),
                v("6.21.7", "edafbfedb080", X),
                v("6.21.8", "edafbfedbfbf", X),
                // 6.22 noncharacters are valid UTF-8
                v("6.22.1", "efbfbe", V),
                v("6.22.2", "efbfbf", V),
                v("6.22.3", "f09fbfbe", V),
                v("6.22.4", "f09fbfbf", V),
                v("6.22.9", "f18fbfbe", V),
                v("6.22.18", "f28fbfbf", V),
                v("6.22.32", "f3bfbfbf", V),
                v("6.22.33", "f48fbfbe", V),
                v("6.22.34", "f48fbfbf", V),
                // 6.23 specials
                v("6.23.1", "efbfb9", V),
                v("6.23.2", "efbfba", V),
                v("6.23.3", "efbfbb", V),
                v("6.23.4", "efbfbc", V),
                v("6.23.5", "efbfbd", V),
                v("6.23.6", "efbfbe", V),
                v("6.23.7", "efbfbf", V),
                // 6.2.1, 6.3 and 6.4 payloads
                v("6.2.1", "48656c6c6f2dc2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121", V),
                v("6.3.1", "cebae1bdb9cf83cebcceb5eda080656469746564", X),
                v("6.4.x", "cebae1bdb9cf83cebcceb5f4908080656469746564", X)));
    // 6.12.8: every continuation byte 0x80..0xBE
    StringBuilder all = new StringBuilder();
    for (int b = 0x80; b <= 0xbe; b++) all.append(String.format("%02x", b));
    l.add(v("6.12.8", all.toString(), X));
    // 6.13: lonely start characters, each followed by a space
    int[][] ranges = {{0xc0, 0xde}, {0xe0, 0xee}, {0xf0, 0xf6}, {0xf8, 0xfa}, {0xfc, 0xfc}};
    for (int i = 0; i < ranges.length; i++) {
      StringBuilder sb = new StringBuilder();
      for (int b = ranges[i][0]; b <= ranges[i][1]; b++) sb.append(String.format("%02x20", b));
      l.add(v("6.13." + (i + 1), sb.toString(), X));
    }
    return l.stream();
  }

  @ParameterizedTest(name = "{0} {1} valid={2}")
  @MethodSource("vectors")
  void autobahnVectorWholeMessage(String id, String hex, boolean valid) {
    assertThat(Utf8Validator.isValid(Hex.parse(hex))).as(id).isEqualTo(valid);
    assertThat(Utf8Validator.isValid(Hex.parse(hex)))
        .as("%s agrees with the JDK's strict decoder", id)
        .isEqualTo(jdkValid(Hex.parse(hex)));
  }

  @ParameterizedTest(name = "{0} byte by byte")
  @MethodSource("vectors")
  void autobahnVectorByteByByte(String id, String hex, boolean valid) {
    byte[] b = Hex.parse(hex);
    Utf8Validator whole = new Utf8Validator();
    boolean wholeOk = whole.update(b);
    Utf8Validator u = new Utf8Validator();
    boolean ok = true;
    for (int i = 0; i < b.length && ok; i++) ok = u.update(b, i, 1);
    assertThat(ok && u.isComplete()).as(id).isEqualTo(valid);
    assertThat(ok).isEqualTo(wholeOk);
    assertThat(u.isFailed()).isEqualTo(!wholeOk);
    assertThat(u.failedAt()).isEqualTo(whole.failedAt());
  }

  @Test
  void failFastAtTheFirstBadOctet() {
    byte[] payload = Hex.parse("cebae1bdb9cf83cebcceb5" + "f4908080" + "656469746564");
    Utf8Validator u = new Utf8Validator();
    for (int i = 0; i < payload.length; i++) {
      boolean ok = u.update(payload, i, 1);
      if (i < 12) {
        assertThat(ok).as("octet %d", i).isTrue();
        assertThat(u.failedAt()).isEqualTo(-1);
      } else {
        assertThat(ok).as("octet %d", i).isFalse();
        assertThat(u.failedAt()).isEqualTo(12);
      }
    }
    // index 11 (0xf4) leaves a valid but unfinished prefix
    Utf8Validator prefix = new Utf8Validator();
    assertThat(prefix.update(payload, 0, 12)).isTrue();
    assertThat(prefix.isComplete()).isFalse();
    assertThat(prefix.isFailed()).isFalse();
    // in one call
    Utf8Validator once = new Utf8Validator();
    assertThat(once.update(payload)).isFalse();
    assertThat(once.failedAt()).isEqualTo(12);
    assertThat(once.isComplete()).isFalse();
  }

  @Test
  void failedAtCountsAcrossChunksWithOffsets() {
    byte[] buf = Hex.parse("ffff cebae1bdb9cf83 ffff cebcceb5eda080 ffff");
    Utf8Validator u = new Utf8Validator();
    assertThat(u.update(buf, 2, 7)).isTrue();
    assertThat(u.update(buf, 11, 7)).isFalse();
    // bad octet: 0xa0 after 0xed, at stream index 7 + 5
    assertThat(u.failedAt()).isEqualTo(12);
    // stays failed
    assertThat(u.update(Hex.parse("41"))).isFalse();
    assertThat(u.failedAt()).isEqualTo(12);
  }

  @Test
  void surrogateFailsAtTheSecondOctet() {
    Utf8Validator u = new Utf8Validator();
    assertThat(u.update(Hex.parse("cebae1bdb9cf83cebcceb5eda080"))).isFalse();
    assertThat(u.failedAt()).isEqualTo(12);
  }

  @Test
  void resetStartsOver() {
    Utf8Validator u = new Utf8Validator();
    assertThat(u.update(Hex.parse("ff"))).isFalse();
    u.reset();
    assertThat(u.isFailed()).isFalse();
    assertThat(u.failedAt()).isEqualTo(-1);
    assertThat(u.update(Hex.parse("ce"))).isTrue();
    assertThat(u.isComplete()).isFalse();
    u.reset();
    assertThat(u.update(Hex.parse("ba"))).as("no leftover state from the lead byte").isFalse();
    assertThat(u.failedAt()).isZero();
  }

  @Test
  void emptyIsValid() {
    assertThat(Utf8Validator.isValid(new byte[0])).isTrue();
    Utf8Validator u = new Utf8Validator();
    assertThat(u.update(new byte[0])).isTrue();
    assertThat(u.isComplete()).isTrue();
  }

  @Test
  void randomBytesAgreeWithTheJdkDecoderAndWithRandomChunking() {
    Random r = new Random(3629);
    int[] interesting = {
      0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1,
      0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf8, 0xfe, 0xff
    };
    int checked = 0;
    for (int round = 0; round < 10_000; round++) {
      byte[] b = new byte[r.nextInt(9)];
      for (int i = 0; i < b.length; i++) b[i] = (byte) interesting[r.nextInt(interesting.length)];
      boolean expected = jdkValid(b);
      if (Utf8Validator.isValid(b) != expected) {
        assertThat(Utf8Validator.isValid(b)).as(Hex.of(b)).isEqualTo(expected);
      }
      Utf8Validator u = new Utf8Validator();
      boolean ok = true;
      int pos = 0;
      while (pos < b.length && ok) {
        int n = 1 + r.nextInt(b.length - pos);
        ok = u.update(b, pos, n);
        pos += n;
      }
      if ((ok && u.isComplete()) != expected) {
        assertThat(ok && u.isComplete()).as("chunked %s", Hex.of(b)).isEqualTo(expected);
      }
      checked++;
    }
    assertThat(checked).isEqualTo(10_000);
  }

  private static boolean jdkValid(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * The ASCII fast path skips 16 octets a turn: every position and chunking still finds the first
   * bad octet.
   */
  @Test
  void asciiRunsReportTheExactFailingOctet() {
    for (int bad = 0; bad < 100; bad++) {
      for (int chunk : new int[] {1, 5, 16, 17, 33, 100}) {
        byte[] b = new byte[100];
        Arrays.fill(b, (byte) 'a');
        b[bad] = (byte) 0xff;
        Utf8Validator v = new Utf8Validator();
        for (int off = 0; off < b.length && !v.isFailed(); off += chunk)
          v.update(b, off, Math.min(chunk, b.length - off));
        Assertions.assertThat(v.failedAt()).as("bad octet %d, chunk %d", bad, chunk).isEqualTo(bad);
      }
    }
    byte[] mixed =
        ("a".repeat(37) + "κόσμε" + "b".repeat(40) + "\uD83D\uDE00")
            .getBytes(StandardCharsets.UTF_8);
    Assertions.assertThat(Utf8Validator.isValid(mixed)).isTrue();
    Assertions.assertThat(Utf8Validator.isValid(Arrays.copyOf(mixed, mixed.length - 1))).isFalse();
  }
}
