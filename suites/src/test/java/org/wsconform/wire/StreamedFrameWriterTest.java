package org.wsconform.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streamed paths put exactly {@link FrameEncoder#encode}'s octets on the wire, only cut
 * differently.
 */
class StreamedFrameWriterTest {
  private static final int KEY = 0x9a3b5c7d;

  @Test
  void slicesJoinToTheWholeEncodedFrameMaskedAndUnmasked() {
    byte[] payload = new byte[StreamedFrameWriter.STREAMED_FRAME + 300_001];
    new Random(7).nextBytes(payload);
    Frame f = new Frame(true, 0, Opcode.BINARY, payload);
    for (SendOptions o :
        List.of(SendOptions.DEFAULT.withMask(KEY), SendOptions.DEFAULT.unmasked())) {
      assertThat(StreamedFrameWriter.streams(f, o)).isTrue();
      ByteArrayOutputStream wire = new ByteArrayOutputStream();
      List<Integer> sizes = new ArrayList<>();
      StreamedFrameWriter.write(
          f,
          o,
          KEY,
          slice -> {
            sizes.add(slice.length);
            wire.write(slice, 0, slice.length);
          });
      assertThat(wire.toByteArray()).isEqualTo(FrameEncoder.encode(f, o, KEY));
      assertThat(sizes).allMatch(n -> n <= 256 << 10);
    }
  }

  @Test
  void onlyBigPlainFramesStream() {
    Frame big = new Frame(true, 0, Opcode.BINARY, new byte[StreamedFrameWriter.STREAMED_FRAME]);
    assertThat(
            StreamedFrameWriter.streams(
                new Frame(true, 0, Opcode.BINARY, new byte[1000]), SendOptions.DEFAULT))
        .isFalse();
    assertThat(StreamedFrameWriter.streams(big, SendOptions.chopped(1))).isFalse();
    assertThat(StreamedFrameWriter.streams(big, SendOptions.synced())).isFalse();
    assertThat(StreamedFrameWriter.streams(big, SendOptions.DEFAULT.withDeclaredLength(5L)))
        .isFalse();
  }

  @Test
  void maskingContinuesAcrossPartsAtTheRightPhase() {
    byte[] payload = new byte[1001];
    new Random(9).nextBytes(payload);
    MaskedStream stream = new MaskedStream(KEY);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    int[] cuts = {0, 1, 3, 4, 9, 64, 700, 1001};
    for (int i = 1; i < cuts.length; i++) {
      byte[] part = Arrays.copyOfRange(payload, cuts[i - 1], cuts[i]);
      byte[] masked = stream.mask(part);
      wire.write(masked, 0, masked.length);
    }
    byte[] whole = payload.clone();
    Masking.maskInPlace(KEY, whole, 0, whole.length);
    assertThat(wire.toByteArray()).isEqualTo(whole);
  }
}
