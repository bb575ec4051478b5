package org.wsconform.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wsconform.wire.DecodedFrame;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameDecoder;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.MessageAssembler;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;

/**
 * The receive path holds a big message once (issue 7's -Xmx256m run): a big frame's payload is
 * filled in place as octets arrive, and a single-frame message is handed on without a copy. What
 * matters is that the bytes still come out exactly right whatever the TCP read sizes.
 */
class BigFrameMemoryTest {
  private static final int MAX = 64 << 20;

  private static byte[] wire(Frame f, SendOptions o, int key) {
    return FrameEncoder.encode(f, o, key);
  }

  private static List<DecodedFrame> feedInReads(FrameDecoder d, byte[] stream, int[] reads) {
    List<DecodedFrame> out = new ArrayList<>();
    int p = 0;
    int i = 0;
    while (p < stream.length) {
      int n = Math.min(reads[i++ % reads.length], stream.length - p);
      d.feed(stream, p, n);
      p += n;
      DecodedFrame f;
      while ((f = d.next()) != null) out.add(f);
    }
    return out;
  }

  @Test
  void bigFramesArriveExactlyWhateverTheReadSizes() {
    Random r = new Random(5);
    byte[] big = new byte[300_000];
    r.nextBytes(big);
    byte[] big2 = Arrays.copyOf(big, 70_000);
    // a big frame, a small one in the same reads, a masked big one, then a ping
    byte[] stream =
        concat(
            wire(Frame.binary(big), SendOptions.DEFAULT.unmasked(), 0),
            wire(Frame.text("tiny"), SendOptions.DEFAULT.unmasked(), 0),
            wire(
                new Frame(false, 0, Opcode.BINARY, big2),
                SendOptions.DEFAULT.withMask(0x11223344),
                0x11223344),
            wire(new Frame(true, 0, Opcode.CONTINUATION, big2), SendOptions.DEFAULT.unmasked(), 0),
            wire(Frame.ping(new byte[] {1, 2}), SendOptions.DEFAULT.unmasked(), 0));
    for (int[] reads :
        new int[][] {{65536}, {1}, {7, 70_001, 3}, {stream.length}, {2, 12, 65_550}}) {
      int[] chosen =
          reads[0] == 1 ? new int[] {1, 1, 1, 9000} : reads; // byte by byte would be slow
      FrameDecoder d = new FrameDecoder(FrameDecoder.Sender.SERVER, MAX);
      List<DecodedFrame> frames = feedInReads(d, stream, chosen);
      assertThat(frames).hasSize(5);
      assertThat(frames.get(0).frame().payload()).isEqualTo(big);
      assertThat(frames.get(1).frame().payload()).isEqualTo("tiny".getBytes());
      assertThat(frames.get(2).frame().payload()).isEqualTo(big2);
      assertThat(frames.get(2).masked()).isTrue();
      assertThat(frames.get(2).violations())
          .extracting(v -> v.kind().name())
          .containsExactly("MASKED_SERVER_FRAME");
      assertThat(frames.get(3).frame().opcode()).isEqualTo(Opcode.CONTINUATION);
      assertThat(frames.get(4).frame().opcode()).isEqualTo(Opcode.PING);
      assertThat(frames.subList(0, 2)).allMatch(DecodedFrame::isClean);
      assertThat(d.buffered()).isZero();
    }
  }

  @Test
  void aBigFrameCountsAsBufferedUntilComplete() {
    byte[] w = wire(Frame.binary(new byte[100_000]), SendOptions.DEFAULT.unmasked(), 0);
    FrameDecoder d = new FrameDecoder(FrameDecoder.Sender.SERVER, MAX);
    d.feed(w, 0, 50_000);
    assertThat(d.next()).isNull();
    assertThat(d.buffered()).isEqualTo(50_000);
    d.feed(w, 50_000, w.length - 50_000);
    assertThat(d.next().frame().payload()).hasSize(100_000);
  }

  @Test
  void aSingleFrameMessageIsHandedOnWithoutACopy() {
    byte[] payload = new byte[1 << 20];
    MessageAssembler m = new MessageAssembler(MAX);
    MessageAssembler.Step s = m.accept(Frame.binary(payload), true);
    assertThat(((MessageAssembler.Complete) s).payload()).isSameAs(payload);
    // fragments are joined into one array, the first fragment's array untouched
    byte[] a = {1, 2};
    assertThat(m.accept(new Frame(false, 0, Opcode.BINARY, a), true))
        .isInstanceOf(MessageAssembler.Partial.class);
    MessageAssembler.Step c =
        m.accept(new Frame(true, 0, Opcode.CONTINUATION, new byte[] {3}), true);
    assertThat(((MessageAssembler.Complete) c).payload()).containsExactly(1, 2, 3);
    assertThat(a).containsExactly(1, 2);
  }

  @Test
  void compressedFramesAreStreamedNotHeld() {
    MessageAssembler m = new MessageAssembler(MAX, true);
    byte[] p1 = {(byte) 0xf2, 0x48};
    MessageAssembler.Step s1 = m.accept(new Frame(false, 4, Opcode.TEXT, p1), true);
    assertThat(s1).isEqualTo(new MessageAssembler.CompressedPart(false, p1, true, false));
    MessageAssembler.Step s2 =
        m.accept(new Frame(true, 0, Opcode.CONTINUATION, new byte[] {0}), true);
    assertThat(s2).isInstanceOf(MessageAssembler.CompressedPart.class);
    assertThat(((MessageAssembler.CompressedPart) s2).fin()).isTrue();
    assertThat(m.isOpen()).isFalse();
    // an uncompressed message in the same session is assembled as before
    assertThat(m.accept(Frame.text("x"), true)).isInstanceOf(MessageAssembler.Complete.class);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int i = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, i, p.length);
      i += p.length;
    }
    return out;
  }
}
