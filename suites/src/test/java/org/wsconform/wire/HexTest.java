package org.wsconform.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HexTest {

  @Test
  void ofAndParseRoundTrip() {
    byte[] b = {0x00, 0x0f, (byte) 0x80, (byte) 0xff, 0x7f};
    assertThat(Hex.of(b)).isEqualTo("000f80ff7f");
    assertThat(Hex.of(b, 1, 3)).isEqualTo("0f80ff");
    assertThat(Hex.parse("00 0f 80 FF 7f")).isEqualTo(b);
    assertThat(Hex.parse("")).isEmpty();
  }

  @Test
  void preview() {
    assertThat(Hex.preview(Hex.parse("0102"), 2)).isEqualTo("0102");
    assertThat(Hex.preview(Hex.parse("010203"), 2)).isEqualTo("0102 ...");
  }

  @Test
  void readableShowsTextOrHex() {
    assertThat(Hex.readable("Hello".getBytes(StandardCharsets.UTF_8), 64)).isEqualTo("Hello");
    assertThat(Hex.readable("κόσμε".getBytes(StandardCharsets.UTF_8), 64)).isEqualTo("κόσμε");
    assertThat(Hex.readable(Hex.parse("eda080"), 64)).isEqualTo("0xeda080");
    assertThat(Hex.readable(Hex.parse("fffefdfc"), 2)).isEqualTo("0xfffe ...");
    assertThat(Hex.readable("x".repeat(70).getBytes(StandardCharsets.UTF_8), 64))
        .isEqualTo("x".repeat(64) + " ...");
    assertThat(Hex.readable("x".repeat(64).getBytes(StandardCharsets.UTF_8), 64))
        .isEqualTo("x".repeat(64));
    assertThat(Hex.readable(new byte[0], 64)).isEmpty();
  }

  @Test
  void readableNeverCutsASurrogatePairInHalf() {
    // "a" then 40 U+1F600: a cut after 64 UTF-16 units would fall between the halves of a pair
    String s = "a" + "\uD83D\uDE00".repeat(40);
    String r = Hex.readable(s.getBytes(StandardCharsets.UTF_8), 64);
    assertThat(r).endsWith(" ...");
    String kept = r.substring(0, r.length() - 4);
    assertThat(s).startsWith(kept);
    assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1)))
        .as("the kept text ends with a lone high surrogate: %s", kept)
        .isFalse();
    assertThat(Utf8Validator.isValid(kept.getBytes(StandardCharsets.UTF_8)))
        .as("report text must stay valid Unicode")
        .isTrue();
  }

  /**
   * A big payload's preview validates only what it shows: text whose bad octet lies beyond the
   * preview reads as text.
   */
  @Test
  void bigPayloadPreviewValidatesOnlyItsPrefix() {
    byte[] big = "y".repeat(10_000).getBytes(StandardCharsets.UTF_8);
    big[9_000] = (byte) 0xff;
    assertThat(Hex.readable(big, 40)).isEqualTo("y".repeat(40) + " ...");
    big[10] = (byte) 0xff;
    assertThat(Hex.readable(big, 4)).isEqualTo("0x79797979 ...");
  }
}
