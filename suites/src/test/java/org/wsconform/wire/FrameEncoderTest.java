package org.wsconform.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Golden bytes from RFC 6455 §5.7, plus the deliberately broken encodings a harness must write. */
class FrameEncoderTest {
  private static final int RFC_KEY = 0x37fa213d;
  private static final SendOptions UNMASKED = SendOptions.DEFAULT.unmasked();
  private static final SendOptions RFC_MASKED = SendOptions.DEFAULT.withMask(RFC_KEY);

  private static byte[] hello() {
    return "Hello".getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] h(String hex) {
    return Hex.parse(hex);
  }

  @Test
  void rfcUnmaskedTextHello() {
    assertThat(FrameEncoder.encode(Frame.text("Hello"), UNMASKED, 0))
        .isEqualTo(h("81 05 48 65 6c 6c 6f"));
  }

  @Test
  void rfcMaskedTextHello() {
    assertThat(FrameEncoder.encode(Frame.text("Hello"), RFC_MASKED, RFC_KEY))
        .isEqualTo(h("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
  }

  @Test
  void maskKeyArgumentIsIgnoredWhenUnmasked() {
    assertThat(FrameEncoder.encode(Frame.text("Hello"), UNMASKED, RFC_KEY))
        .isEqualTo(h("81 05 48 65 6c 6c 6f"));
  }

  @Test
  void rfcFragmentedUnmaskedText() {
    Frame first = new Frame(false, 0, Opcode.TEXT, "Hel".getBytes(StandardCharsets.US_ASCII));
    Frame last = new Frame(true, 0, Opcode.CONTINUATION, "lo".getBytes(StandardCharsets.US_ASCII));
    assertThat(FrameEncoder.encode(first, UNMASKED, 0)).isEqualTo(h("01 03 48 65 6c"));
    assertThat(FrameEncoder.encode(last, UNMASKED, 0)).isEqualTo(h("80 02 6c 6f"));
  }

  @Test
  void rfcUnmaskedPing() {
    assertThat(FrameEncoder.encode(Frame.ping(hello()), UNMASKED, 0))
        .isEqualTo(h("89 05 48 65 6c 6c 6f"));
  }

  @Test
  void rfcMaskedPong() {
    assertThat(FrameEncoder.encode(Frame.pong(hello()), RFC_MASKED, RFC_KEY))
        .isEqualTo(h("8a 85 37 fa 21 3d 7f 9f 4d 51 58"));
  }

  @Test
  void rfc256ByteBinaryUses16BitLength() {
    byte[] payload = new byte[256];
    for (int i = 0; i < payload.length; i++) payload[i] = (byte) i;
    byte[] out = FrameEncoder.encode(Frame.binary(payload), UNMASKED, 0);
    assertThat(out).hasSize(4 + 256);
    assertThat(Arrays.copyOf(out, 4)).isEqualTo(h("82 7e 01 00"));
    assertThat(Arrays.copyOfRange(out, 4, out.length)).isEqualTo(payload);
    assertThat(FrameEncoder.headerLength(256, LengthEncoding.MINIMAL, false)).isEqualTo(4);
  }

  @Test
  void rfc64KiBBinaryUses64BitLength() {
    byte[] payload = new byte[65536];
    payload[0] = 1;
    payload[65535] = 2;
    byte[] out = FrameEncoder.encode(Frame.binary(payload), UNMASKED, 0);
    assertThat(out).hasSize(10 + 65536);
    assertThat(Arrays.copyOf(out, 10)).isEqualTo(h("82 7f 00 00 00 00 00 01 00 00"));
    assertThat(out[10]).isEqualTo((byte) 1);
    assertThat(out[out.length - 1]).isEqualTo((byte) 2);
    assertThat(FrameEncoder.headerLength(65536, LengthEncoding.MINIMAL, false)).isEqualTo(10);
  }

  @Test
  void minimalLengthBoundaries() {
    assertThat(FrameEncoder.encode(Frame.binary(new byte[125]), UNMASKED, 0))
        .startsWith(h("82 7d"))
        .hasSize(2 + 125);
    assertThat(FrameEncoder.encode(Frame.binary(new byte[126]), UNMASKED, 0))
        .startsWith(h("82 7e 00 7e"))
        .hasSize(4 + 126);
    assertThat(FrameEncoder.encode(Frame.binary(new byte[65535]), UNMASKED, 0))
        .startsWith(h("82 7e ff ff"))
        .hasSize(4 + 65535);
    assertThat(FrameEncoder.headerLength(125, LengthEncoding.MINIMAL, true)).isEqualTo(6);
    assertThat(FrameEncoder.headerLength(126, LengthEncoding.MINIMAL, true)).isEqualTo(8);
    assertThat(FrameEncoder.headerLength(65535, LengthEncoding.MINIMAL, true)).isEqualTo(8);
    assertThat(FrameEncoder.headerLength(65536, LengthEncoding.MINIMAL, true)).isEqualTo(14);
  }

  @Test
  void forced16BitLengthOfFiveBytes() {
    byte[] out =
        FrameEncoder.encode(
            Frame.text("Hello"), UNMASKED.withLengthEncoding(LengthEncoding.FORCE_16), 0);
    assertThat(out).isEqualTo(h("81 7e 00 05 48 65 6c 6c 6f"));
    assertThat(FrameEncoder.headerLength(5, LengthEncoding.FORCE_16, false)).isEqualTo(4);
  }

  @Test
  void forced64BitLengthOfFiveBytes() {
    byte[] out =
        FrameEncoder.encode(
            Frame.text("Hello"), UNMASKED.withLengthEncoding(LengthEncoding.FORCE_64), 0);
    assertThat(out).isEqualTo(h("81 7f 00 00 00 00 00 00 00 05 48 65 6c 6c 6f"));
    assertThat(FrameEncoder.headerLength(5, LengthEncoding.FORCE_64, false)).isEqualTo(10);
  }

  @Test
  void forced64BitLengthMasked() {
    byte[] out =
        FrameEncoder.encode(
            Frame.text("Hello"), RFC_MASKED.withLengthEncoding(LengthEncoding.FORCE_64), RFC_KEY);
    assertThat(out).isEqualTo(h("81 ff 00 00 00 00 00 00 00 05 37 fa 21 3d 7f 9f 4d 51 58"));
  }

  @Test
  void declaredLengthDifferentFromPayloadIsWrittenAsGiven() {
    // header says 10, only 5 octets follow
    byte[] longer = FrameEncoder.encode(Frame.text("Hello"), UNMASKED.withDeclaredLength(10L), 0);
    assertThat(longer).isEqualTo(h("81 0a 48 65 6c 6c 6f"));
    // header says 2, 5 octets follow
    byte[] shorter = FrameEncoder.encode(Frame.text("Hello"), UNMASKED.withDeclaredLength(2L), 0);
    assertThat(shorter).isEqualTo(h("81 02 48 65 6c 6c 6f"));
    // a declared length that needs the 64-bit form, with a tiny payload
    byte[] huge =
        FrameEncoder.encode(Frame.binary(new byte[] {7}), UNMASKED.withDeclaredLength(1L << 40), 0);
    assertThat(huge).isEqualTo(h("82 7f 00 00 01 00 00 00 00 00 07"));
  }

  @Test
  void rsvBitsWrittenAsGiven() {
    for (int rsv = 0; rsv <= 7; rsv++) {
      byte[] out = FrameEncoder.encode(Frame.text("Hello").withRsv(rsv), UNMASKED, 0);
      assertThat(out[0] & 0xff).as("rsv=%d", rsv).isEqualTo(0x80 | (rsv << 4) | 0x1);
    }
    assertThat(FrameEncoder.encode(Frame.text("Hello").withRsv(4), UNMASKED, 0)[0])
        .isEqualTo((byte) 0xc1);
    assertThat(FrameEncoder.encode(Frame.text("Hello").withRsv(2), UNMASKED, 0)[0])
        .isEqualTo((byte) 0xa1);
    assertThat(FrameEncoder.encode(Frame.text("Hello").withRsv(1), UNMASKED, 0)[0])
        .isEqualTo((byte) 0x91);
    assertThat(FrameEncoder.encode(new Frame(false, 7, Opcode.BINARY, null), UNMASKED, 0))
        .isEqualTo(h("72 00"));
  }

  @Test
  void reservedOpcodesWrittenAsGiven() {
    for (int op : new int[] {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}) {
      byte[] out = FrameEncoder.encode(Frame.of(op, hello()), UNMASKED, 0);
      assertThat(out[0] & 0xff).as("opcode %d", op).isEqualTo(0x80 | op);
      assertThat(out).hasSize(7);
    }
    assertThat(FrameEncoder.encode(Frame.of(11, new byte[0]), UNMASKED, 0)).isEqualTo(h("8b 00"));
  }

  @Test
  void fragmentedControlFrameWrittenAsGiven() {
    assertThat(FrameEncoder.encode(Frame.ping(hello()).withFin(false), UNMASKED, 0))
        .isEqualTo(h("09 05 48 65 6c 6c 6f"));
  }

  @Test
  void closeFramePayloadIsBigEndianCodeThenReason() {
    Frame f = Frame.close(1000, "bye".getBytes(StandardCharsets.UTF_8));
    assertThat(f.opcode()).isEqualTo(Opcode.CLOSE);
    assertThat(f.payload()).isEqualTo(h("03 e8 62 79 65"));
    assertThat(FrameEncoder.encode(f, UNMASKED, 0)).isEqualTo(h("88 05 03 e8 62 79 65"));
    assertThat(Frame.close(4999, null).payload()).isEqualTo(h("13 87"));
    assertThat(Frame.close(1002, new byte[0]).payload()).isEqualTo(h("03 ea"));
    assertThat(Frame.close(null, "ignored".getBytes(StandardCharsets.UTF_8)).payload()).isEmpty();
    assertThat(FrameEncoder.encode(Frame.close(null, null), UNMASKED, 0)).isEqualTo(h("88 00"));
  }

  @Test
  void maskedCloseFrame() {
    byte[] out = FrameEncoder.encode(Frame.close(1000, null), RFC_MASKED, RFC_KEY);
    // 03 e8 XOR 37 fa = 34 12
    assertThat(out).isEqualTo(h("88 82 37 fa 21 3d 34 12"));
  }

  @Test
  void emptyMaskedFrameStillCarriesTheKey() {
    assertThat(FrameEncoder.encode(Frame.ping(new byte[0]), RFC_MASKED, RFC_KEY))
        .isEqualTo(h("89 80 37 fa 21 3d"));
  }

  @Test
  void frameRejectsOutOfRangeFields() {
    Assertions.assertThatThrownBy(() -> new Frame(true, 8, 1, null))
        .isInstanceOf(IllegalArgumentException.class);
    Assertions.assertThatThrownBy(() -> new Frame(true, 0, 16, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
