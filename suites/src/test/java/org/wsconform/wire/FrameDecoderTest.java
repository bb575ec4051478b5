package org.wsconform.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsconform.wire.FrameDecoder.Sender;
import org.wsconform.wire.MessageAssembler.Broken;
import org.wsconform.wire.MessageAssembler.Complete;
import org.wsconform.wire.MessageAssembler.Partial;
import org.wsconform.wire.MessageAssembler.Step;
import org.wsconform.wire.Violation.Kind;

/**
 * The decoder on the RFC 6455 §5.7 examples, on arbitrary chunking, and one test per {@link
 * Violation.Kind} the decoder or the message assembler produces.
 */
class FrameDecoderTest {
  private static final long MAX = 16L << 20;
  private static final int RFC_KEY = 0x37fa213d;

  private static byte[] h(String hex) {
    return Hex.parse(hex);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static FrameDecoder server() {
    return new FrameDecoder(Sender.SERVER, MAX);
  }

  private static byte[] unmasked(Frame f) {
    return FrameEncoder.encode(f, SendOptions.DEFAULT.unmasked(), 0);
  }

  private static byte[] masked(Frame f) {
    return FrameEncoder.encode(f, SendOptions.DEFAULT.withMask(RFC_KEY), RFC_KEY);
  }

  /** Feeds the octets and expects exactly one frame out, with nothing left over. */
  private static DecodedFrame one(FrameDecoder d, byte[] octets) {
    d.feed(octets);
    DecodedFrame f = d.next();
    assertThat(f).as("a frame from %s", Hex.of(octets)).isNotNull();
    assertThat(d.next()).isNull();
    return f;
  }

  private static DecodedFrame fromServer(byte[] octets) {
    return one(server(), octets);
  }

  private static DecodedFrame fromServerWithDeflate(byte[] octets) {
    FrameDecoder d = server();
    d.deflateNegotiated(true);
    return one(d, octets);
  }

  /**
   * The frame carries exactly one violation of this kind and close code, with a message and an RFC
   * ref.
   */
  private static Violation onlyViolation(DecodedFrame f, Kind kind, int closeCode) {
    assertThat(f.violations()).extracting(Violation::kind).containsExactly(kind);
    return assertViolation(f.violations().get(0), kind, closeCode);
  }

  private static Violation assertViolation(Violation v, Kind kind, int closeCode) {
    assertThat(v.kind()).isEqualTo(kind);
    assertThat(v.closeCode()).as("close code of %s", kind).isEqualTo(closeCode);
    assertThat(v.message()).isNotBlank();
    assertThat(v.rfc()).startsWith("RFC ");
    return v;
  }

  // ---------------------------------------------------------------- RFC 6455 §5.7 examples

  @Test
  void rfcUnmaskedTextFromServer() {
    DecodedFrame f = fromServer(h("81 05 48 65 6c 6c 6f"));
    assertThat(f.isClean()).isTrue();
    assertThat(f.isFatal()).isFalse();
    assertThat(f.frame()).isEqualTo(Frame.text("Hello"));
    assertThat(f.masked()).isFalse();
    assertThat(f.headerLength()).isEqualTo(2);
    assertThat(f.declaredLength()).isEqualTo(5);
  }

  @Test
  void rfcMaskedTextFromClient() {
    DecodedFrame f =
        one(new FrameDecoder(Sender.CLIENT, MAX), h("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
    assertThat(f.violations()).isEmpty();
    assertThat(f.frame()).isEqualTo(Frame.text("Hello"));
    assertThat(f.masked()).isTrue();
    assertThat(f.headerLength()).isEqualTo(6);
    assertThat(f.declaredLength()).isEqualTo(5);
  }

  @Test
  void rfcFragmentedTextInOneFeed() {
    FrameDecoder d = server();
    d.feed(h("01 03 48 65 6c 80 02 6c 6f"));
    DecodedFrame a = d.next();
    DecodedFrame b = d.next();
    assertThat(d.next()).isNull();
    assertThat(d.buffered()).isZero();
    assertThat(a.frame()).isEqualTo(new Frame(false, 0, Opcode.TEXT, utf8("Hel")));
    assertThat(b.frame()).isEqualTo(new Frame(true, 0, Opcode.CONTINUATION, utf8("lo")));
    assertThat(a.isClean()).isTrue();
    assertThat(b.isClean()).isTrue();
  }

  @Test
  void rfcUnmaskedPingAndMaskedPong() {
    DecodedFrame ping = fromServer(h("89 05 48 65 6c 6c 6f"));
    assertThat(ping.isClean()).isTrue();
    assertThat(ping.frame()).isEqualTo(Frame.ping(utf8("Hello")));
    DecodedFrame pong =
        one(new FrameDecoder(Sender.CLIENT, MAX), h("8a 85 37 fa 21 3d 7f 9f 4d 51 58"));
    assertThat(pong.isClean()).isTrue();
    assertThat(pong.frame()).isEqualTo(Frame.pong(utf8("Hello")));
  }

  @Test
  void rfc256AndSixtyFourKiBBinary() {
    byte[] p256 = new byte[256];
    for (int i = 0; i < p256.length; i++) p256[i] = (byte) (i * 7);
    DecodedFrame a = fromServer(unmasked(Frame.binary(p256)));
    assertThat(a.isClean()).isTrue();
    assertThat(a.headerLength()).isEqualTo(4);
    assertThat(a.declaredLength()).isEqualTo(256);
    assertThat(a.frame().payload()).isEqualTo(p256);

    byte[] p64k = new byte[65536];
    for (int i = 0; i < p64k.length; i++) p64k[i] = (byte) (i * 31 + 1);
    byte[] wire = unmasked(Frame.binary(p64k));
    assertThat(wire).startsWith(h("82 7f 00 00 00 00 00 01 00 00"));
    DecodedFrame b = fromServer(wire);
    assertThat(b.isClean()).isTrue();
    assertThat(b.headerLength()).isEqualTo(10);
    assertThat(b.declaredLength()).isEqualTo(65536);
    assertThat(b.frame().payload()).isEqualTo(p64k);
  }

  @Test
  void maskedLargeFrameFromClientRoundTrips() {
    byte[] p = new byte[70000];
    for (int i = 0; i < p.length; i++) p[i] = (byte) (i ^ (i >> 8));
    DecodedFrame f = one(new FrameDecoder(Sender.CLIENT, MAX), masked(Frame.binary(p)));
    assertThat(f.isClean()).isTrue();
    assertThat(f.headerLength()).isEqualTo(14);
    assertThat(f.frame().payload()).isEqualTo(p);
  }

  // ---------------------------------------------------------------- chunking

  private static byte[] stream() {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    byte[] p300 = new byte[300];
    for (int i = 0; i < p300.length; i++) p300[i] = (byte) i;
    for (byte[] b :
        List.of(
            h("81 05 48 65 6c 6c 6f"),
            h("01 03 48 65 6c"),
            h("89 05 48 65 6c 6c 6f"),
            h("80 02 6c 6f"),
            unmasked(Frame.binary(p300)),
            unmasked(Frame.text("")),
            unmasked(Frame.close(1000, utf8("bye"))))) {
      s.write(b, 0, b.length);
    }
    return s.toByteArray();
  }

  private static List<Frame> expectedStream() {
    byte[] p300 = new byte[300];
    for (int i = 0; i < p300.length; i++) p300[i] = (byte) i;
    return List.of(
        Frame.text("Hello"),
        new Frame(false, 0, Opcode.TEXT, utf8("Hel")),
        Frame.ping(utf8("Hello")),
        new Frame(true, 0, Opcode.CONTINUATION, utf8("lo")),
        Frame.binary(p300),
        Frame.text(""),
        Frame.close(1000, utf8("bye")));
  }

  private static void drain(FrameDecoder d, List<Frame> out) {
    for (DecodedFrame f; (f = d.next()) != null; ) {
      assertThat(f.violations()).as("violations of %s", f.frame()).isEmpty();
      out.add(f.frame());
    }
  }

  @Test
  void severalFramesInOneFeed() {
    FrameDecoder d = server();
    d.feed(stream());
    List<Frame> got = new ArrayList<>();
    drain(d, got);
    assertThat(got).containsExactlyElementsOf(expectedStream());
    assertThat(d.buffered()).isZero();
  }

  /**
   * The decoder parses straight from the caller's array while nothing else is buffered: the caller
   * reuses one read buffer (overwritten after every drain, as the session's reader does), so any
   * octet the decoder kept a reference to instead of copying would show up as garbage here.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 64, 301, 4096})
  void reusedReadBufferNeverAliasesAFrame(int chunk) {
    byte[] big = new byte[FrameDecoder.DIRECT_FILL + 5];
    for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(stream());
    wire.writeBytes(FrameEncoder.encode(Frame.binary(big), SendOptions.DEFAULT.unmasked(), 0));
    wire.writeBytes(stream());
    byte[] s = wire.toByteArray();
    FrameDecoder d = server();
    List<Frame> got = new ArrayList<>();
    byte[] readBuffer = new byte[chunk];
    for (int off = 0; off < s.length; off += chunk) {
      int n = Math.min(chunk, s.length - off);
      System.arraycopy(s, off, readBuffer, 0, n);
      d.feed(readBuffer, 0, n);
      drain(d, got);
      Arrays.fill(readBuffer, (byte) 0x5a);
    }
    List<Frame> expected = new ArrayList<>(expectedStream());
    expected.add(Frame.binary(big));
    expected.addAll(expectedStream());
    assertThat(got).containsExactlyElementsOf(expected);
    assertThat(d.buffered()).isZero();
  }

  @Test
  void feedingAgainBeforeDrainingLosesNothing() {
    byte[] s = stream();
    FrameDecoder d = server();
    byte[] part = Arrays.copyOfRange(s, 0, s.length / 2);
    d.feed(part, 0, part.length);
    d.feed(s, s.length / 2, s.length - s.length / 2);
    Arrays.fill(part, (byte) 0x5a); // the first feed's octets must have been copied
    List<Frame> got = new ArrayList<>();
    drain(d, got);
    assertThat(got).containsExactlyElementsOf(expectedStream());
    assertThat(d.buffered()).isZero();
  }

  @Test
  void splitAtEveryByteBoundary() {
    byte[] s = stream();
    for (int cut = 0; cut <= s.length; cut++) {
      FrameDecoder d = server();
      List<Frame> got = new ArrayList<>();
      d.feed(s, 0, cut);
      drain(d, got);
      d.feed(s, cut, s.length - cut);
      drain(d, got);
      assertThat(got).as("split at %d", cut).containsExactlyElementsOf(expectedStream());
      assertThat(d.buffered()).isZero();
    }
  }

  @Test
  void oneByteAtATime() {
    byte[] s = stream();
    FrameDecoder d = server();
    List<Frame> got = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      d.feed(s, i, 1);
      drain(d, got);
    }
    assertThat(got).containsExactlyElementsOf(expectedStream());
  }

  @Test
  void incompleteHeaderAndPayloadWait() {
    FrameDecoder d = server();
    d.feed(h("81"));
    assertThat(d.next()).isNull();
    d.feed(h("7e 01"));
    assertThat(d.next()).isNull();
    d.feed(h("00"));
    assertThat(d.next()).as("header complete, payload missing").isNull();
    assertThat(d.buffered()).isEqualTo(4);
    byte[] p = new byte[256];
    d.feed(p, 0, 255);
    assertThat(d.next()).isNull();
    d.feed(p, 255, 1);
    DecodedFrame f = d.next();
    assertThat(f).isNotNull();
    assertThat(f.frame().payload()).hasSize(256);
  }

  @Test
  void bufferGrowsPastItsInitialSizeAcrossFeeds() {
    byte[] p = new byte[100_000];
    for (int i = 0; i < p.length; i++) p[i] = (byte) (i % 251);
    byte[] wire = unmasked(Frame.binary(p));
    FrameDecoder d = server();
    for (int off = 0; off < wire.length; off += 3000)
      d.feed(wire, off, Math.min(3000, wire.length - off));
    DecodedFrame f = d.next();
    assertThat(f.frame().payload()).isEqualTo(p);
    assertThat(d.buffered()).isZero();
  }

  @Test
  void bufferCompactsWhileManyFramesStreamThrough() {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    List<Frame> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      byte[] p = new byte[i % 200];
      for (int j = 0; j < p.length; j++) p[j] = (byte) (i + j);
      Frame f =
          i % 3 == 0
              ? Frame.binary(p)
              : Frame.of(
                  Opcode.TEXT,
                  new String(new char[p.length])
                      .replace('\0', 'a')
                      .getBytes(StandardCharsets.US_ASCII));
      expected.add(f);
      byte[] w = unmasked(f);
      s.write(w, 0, w.length);
    }
    byte[] all = s.toByteArray();
    assertThat(all.length).as("several times the initial 8 KiB buffer").isGreaterThan(40_000);
    FrameDecoder d = server();
    List<Frame> got = new ArrayList<>();
    for (int off = 0; off < all.length; off += 777) {
      d.feed(all, off, Math.min(777, all.length - off));
      drain(d, got);
    }
    assertThat(got).containsExactlyElementsOf(expected);
    assertThat(d.buffered()).isZero();
  }

  // ---------------------------------------------------------------- one test per violation kind

  @Test
  void rsvWithoutExtension() {
    onlyViolation(
        fromServer(unmasked(Frame.text("Hello").withRsv(4))), Kind.RSV_WITHOUT_EXTENSION, 1002);
    onlyViolation(
        fromServer(unmasked(Frame.text("Hello").withRsv(1))), Kind.RSV_WITHOUT_EXTENSION, 1002);
    // deflate makes only RSV1 legal, not RSV2/RSV3
    onlyViolation(
        fromServerWithDeflate(unmasked(Frame.text("Hello").withRsv(2))),
        Kind.RSV_WITHOUT_EXTENSION,
        1002);
    onlyViolation(
        fromServerWithDeflate(unmasked(Frame.text("Hello").withRsv(5))),
        Kind.RSV_WITHOUT_EXTENSION,
        1002);
    // the frame is still decoded
    assertThat(fromServer(unmasked(Frame.text("Hello").withRsv(7))).frame())
        .isEqualTo(Frame.text("Hello").withRsv(7));
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 11})
  void reservedOpcode(int opcode) {
    DecodedFrame f = fromServer(unmasked(Frame.of(opcode, utf8("Hello"))));
    Violation v = onlyViolation(f, Kind.RESERVED_OPCODE, 1002);
    assertThat(v.message()).contains(String.valueOf(opcode));
    assertThat(f.frame().opcode()).isEqualTo(opcode);
  }

  @Test
  void allReservedOpcodesAreFlaggedAndNoOthers() {
    for (int op = 0; op < 16; op++) {
      byte[] wire = new byte[] {(byte) (0x80 | op), 0};
      boolean flagged =
          fromServer(wire).violations().stream().anyMatch(v -> v.kind() == Kind.RESERVED_OPCODE);
      assertThat(flagged).as("opcode %d", op).isEqualTo(op >= 3 && op <= 7 || op >= 11);
    }
  }

  @Test
  void fragmentedControl() {
    onlyViolation(
        fromServer(unmasked(Frame.ping(utf8("Hello")).withFin(false))),
        Kind.FRAGMENTED_CONTROL,
        1002);
    onlyViolation(
        fromServer(unmasked(Frame.close(1000, null).withFin(false))),
        Kind.FRAGMENTED_CONTROL,
        1002);
  }

  @Test
  void controlTooLong() {
    DecodedFrame f = fromServer(unmasked(Frame.ping(new byte[126])));
    Violation v = onlyViolation(f, Kind.CONTROL_TOO_LONG, 1002);
    assertThat(v.message()).contains("126");
    assertThat(fromServer(unmasked(Frame.ping(new byte[125]))).isClean()).isTrue();
  }

  @Test
  void maskedServerFrame() {
    DecodedFrame f = fromServer(h("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
    onlyViolation(f, Kind.MASKED_SERVER_FRAME, 1002);
    assertThat(f.masked()).isTrue();
    assertThat(f.frame()).as("still unmasked for the log").isEqualTo(Frame.text("Hello"));
  }

  @Test
  void unmaskedClientFrame() {
    DecodedFrame f = one(new FrameDecoder(Sender.CLIENT, MAX), h("81 05 48 65 6c 6c 6f"));
    onlyViolation(f, Kind.UNMASKED_CLIENT_FRAME, 1002);
    assertThat(f.frame()).isEqualTo(Frame.text("Hello"));
  }

  @Test
  void nonMinimalLength16BitForFiveBytes() {
    DecodedFrame f = fromServer(h("81 7e 00 05 48 65 6c 6c 6f"));
    Violation v = onlyViolation(f, Kind.NON_MINIMAL_LENGTH, 1002);
    assertThat(v.message()).contains("16");
    assertThat(f.frame()).isEqualTo(Frame.text("Hello"));
    assertThat(f.headerLength()).isEqualTo(4);
  }

  @Test
  void nonMinimalLength64BitFor200Bytes() {
    byte[] wire =
        FrameEncoder.encode(
            Frame.binary(new byte[200]),
            SendOptions.DEFAULT.unmasked().withLengthEncoding(LengthEncoding.FORCE_64),
            0);
    assertThat(wire).startsWith(h("82 7f 00 00 00 00 00 00 00 c8"));
    DecodedFrame f = fromServer(wire);
    Violation v = onlyViolation(f, Kind.NON_MINIMAL_LENGTH, 1002);
    assertThat(v.message()).contains("64");
    assertThat(f.frame().payload()).hasSize(200);
  }

  @Test
  void minimalBoundaryLengthsAreClean() {
    assertThat(fromServer(unmasked(Frame.binary(new byte[126]))).isClean()).isTrue();
    assertThat(fromServer(unmasked(Frame.binary(new byte[65535]))).isClean()).isTrue();
    assertThat(fromServer(unmasked(Frame.binary(new byte[65536]))).isClean()).isTrue();
    // 125 in 16 bits and 65535 in 64 bits are not minimal
    onlyViolation(
        fromServer(
            FrameEncoder.encode(
                Frame.binary(new byte[125]),
                SendOptions.DEFAULT.unmasked().withLengthEncoding(LengthEncoding.FORCE_16),
                0)),
        Kind.NON_MINIMAL_LENGTH,
        1002);
    onlyViolation(
        fromServer(
            FrameEncoder.encode(
                Frame.binary(new byte[65535]),
                SendOptions.DEFAULT.unmasked().withLengthEncoding(LengthEncoding.FORCE_64),
                0)),
        Kind.NON_MINIMAL_LENGTH,
        1002);
  }

  @Test
  void lengthTopBitIsFatalAndStopsTheDecoder() {
    FrameDecoder d = new FrameDecoder(Sender.SERVER, Long.MAX_VALUE);
    d.feed(h("82 7f 80 00 00 00 00 00 00 05"));
    DecodedFrame f = d.next();
    assertThat(f).as("fatal violation right after the header, no payload needed").isNotNull();
    assertThat(f.frame()).as("nothing allocated, no frame").isNull();
    assertThat(f.isFatal()).isTrue();
    assertThat(f.headerLength()).isEqualTo(10);
    Violation v = onlyViolation(f, Kind.LENGTH_TOP_BIT, 1002);
    assertThat(v.isFatal()).isTrue();
    // stopped: later octets (even a valid frame) are ignored
    d.feed(h("00 00 00 00 00 81 05 48 65 6c 6c 6f"));
    assertThat(d.next()).isNull();
    assertThat(d.next()).isNull();
  }

  @Test
  void frameTooLargeReturnsRightAfterTheHeader() {
    FrameDecoder d = new FrameDecoder(Sender.SERVER, 1 << 20);
    d.feed(h("82 7f 40 00 00 00 00 00 00 00")); // declares 2^62 octets; none follow
    DecodedFrame f = d.next();
    assertThat(f).isNotNull();
    assertThat(f.frame()).isNull();
    assertThat(f.isFatal()).isTrue();
    assertThat(f.declaredLength()).isEqualTo(1L << 62);
    Violation v = onlyViolation(f, Kind.FRAME_TOO_LARGE, 1009);
    assertThat(v.message()).contains(String.valueOf(1L << 62)).contains(String.valueOf(1 << 20));
    assertThat(v.isFatal()).isTrue();
    d.feed(new byte[100]);
    assertThat(d.next()).isNull();
  }

  @Test
  void frameTooLargeWithSmallLimitAnd7BitLength() {
    FrameDecoder d = new FrameDecoder(Sender.SERVER, 16);
    d.feed(h("82 11")); // 17 > 16
    DecodedFrame f = d.next();
    assertThat(f).isNotNull();
    onlyViolation(f, Kind.FRAME_TOO_LARGE, 1009);
    FrameDecoder ok = new FrameDecoder(Sender.SERVER, 16);
    assertThat(one(ok, unmasked(Frame.binary(new byte[16]))).isClean()).isTrue();
  }

  @Test
  void closePayloadOneOctet() {
    DecodedFrame f = fromServer(h("88 01 03"));
    onlyViolation(f, Kind.CLOSE_PAYLOAD_ONE_OCTET, 1002);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
  void invalidCloseCode(int code) {
    Violation v =
        onlyViolation(fromServer(unmasked(Frame.close(code, null))), Kind.INVALID_CLOSE_CODE, 1002);
    assertThat(v.message()).contains(String.valueOf(code));
    assertThat(CloseCode.isValidOnWire(code)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000,
        4999
      })
  void validCloseCode(int code) {
    DecodedFrame f = fromServer(unmasked(Frame.close(code, utf8("reason"))));
    assertThat(f.violations()).isEmpty();
    assertThat(CloseCode.isValidOnWire(code)).isTrue();
  }

  @Test
  void emptyClosePayloadIsClean() {
    assertThat(fromServer(h("88 00")).isClean()).isTrue();
  }

  @Test
  void invalidCloseReason() {
    // a surrogate in the reason
    onlyViolation(
        fromServer(unmasked(Frame.close(1000, h("eda080")))), Kind.INVALID_CLOSE_REASON, 1007);
    // a reason that ends in the middle of a code point
    onlyViolation(
        fromServer(unmasked(Frame.close(1000, h("cebae1bd")))), Kind.INVALID_CLOSE_REASON, 1007);
    // valid multi-byte reason
    assertThat(fromServer(unmasked(Frame.close(1000, h("cebae1bdb9cf83cebcceb5")))).isClean())
        .isTrue();
  }

  @Test
  void invalidCodeAndReasonBothReported() {
    DecodedFrame f = fromServer(unmasked(Frame.close(999, h("ff"))));
    assertThat(f.violations())
        .extracting(Violation::kind)
        .containsExactly(Kind.INVALID_CLOSE_CODE, Kind.INVALID_CLOSE_REASON);
  }

  @Test
  void compressedControl() {
    DecodedFrame f = fromServerWithDeflate(unmasked(Frame.ping(utf8("Hello")).withRsv(4)));
    Violation v = onlyViolation(f, Kind.COMPRESSED_CONTROL, 1002);
    assertThat(v.rfc()).contains("7692");
  }

  @Test
  void compressedContinuation() {
    DecodedFrame f =
        fromServerWithDeflate(unmasked(new Frame(true, 4, Opcode.CONTINUATION, utf8("lo"))));
    Violation v = onlyViolation(f, Kind.COMPRESSED_CONTINUATION, 1002);
    assertThat(v.rfc()).contains("7692");
  }

  @Test
  void rsv1OnFirstDataFrameWithDeflateIsClean() {
    DecodedFrame f =
        fromServerWithDeflate(unmasked(new Frame(false, 4, Opcode.TEXT, h("f248cdc9c907"))));
    assertThat(f.violations()).isEmpty();
    assertThat(f.frame().rsv()).isEqualTo(4);
    assertThat(fromServerWithDeflate(unmasked(Frame.binary(h("0100")).withRsv(4))).isClean())
        .isTrue();
    MessageAssembler m = new MessageAssembler(MAX);
    assertThat(m.accept(f.frame(), true)).isInstanceOf(Partial.class);
    Step last = m.accept(new Frame(true, 0, Opcode.CONTINUATION, h("00")), true);
    assertThat(last).isInstanceOf(Complete.class);
    Complete c = (Complete) last;
    assertThat(c.compressed()).isTrue();
    assertThat(c.binary()).isFalse();
    assertThat(c.payload()).isEqualTo(h("f248cdc9c90700"));
  }

  @Test
  void deflateCanBeSwitchedOff() {
    FrameDecoder d = server();
    d.deflateNegotiated(true);
    d.deflateNegotiated(false);
    onlyViolation(one(d, unmasked(Frame.text("x").withRsv(4))), Kind.RSV_WITHOUT_EXTENSION, 1002);
  }

  @Test
  void severalViolationsOnOneFrameInRfcOrder() {
    // masked ping from the server with FIN=0 and 126 octets, sent with RSV2
    byte[] wire =
        FrameEncoder.encode(
            new Frame(false, 2, Opcode.PING, new byte[126]),
            SendOptions.DEFAULT.withMask(RFC_KEY),
            RFC_KEY);
    DecodedFrame f = fromServer(wire);
    assertThat(f.violations())
        .extracting(Violation::kind)
        .containsExactly(
            Kind.RSV_WITHOUT_EXTENSION,
            Kind.MASKED_SERVER_FRAME,
            Kind.FRAGMENTED_CONTROL,
            Kind.CONTROL_TOO_LONG);
    assertThat(f.isFatal()).isFalse();
    assertThat(f.frame().payload()).hasSize(126);
  }

  // ---------------------------------------------------------------- message assembler

  @Test
  void continuationWithoutMessage() {
    MessageAssembler m = new MessageAssembler(MAX);
    Step s = m.accept(new Frame(true, 0, Opcode.CONTINUATION, utf8("lo")), true);
    assertThat(s).isInstanceOf(Broken.class);
    assertViolation(((Broken) s).violation(), Kind.CONTINUATION_WITHOUT_MESSAGE, 1002);
    assertThat(m.isOpen()).isFalse();
  }

  @Test
  void continuationAfterACompleteMessageHasNothingToContinue() {
    MessageAssembler m = new MessageAssembler(MAX);
    assertThat(m.accept(Frame.text("Hello"), true)).isInstanceOf(Complete.class);
    Step s = m.accept(new Frame(true, 0, Opcode.CONTINUATION, utf8("x")), true);
    assertViolation(((Broken) s).violation(), Kind.CONTINUATION_WITHOUT_MESSAGE, 1002);
  }

  @Test
  void dataFrameInsideMessage() {
    MessageAssembler m = new MessageAssembler(MAX);
    assertThat(m.accept(new Frame(false, 0, Opcode.TEXT, utf8("Hel")), true))
        .isInstanceOf(Partial.class);
    assertThat(m.isOpen()).isTrue();
    Step s = m.accept(Frame.binary(utf8("x")), true);
    assertThat(s).isInstanceOf(Broken.class);
    Violation v = assertViolation(((Broken) s).violation(), Kind.DATA_FRAME_INSIDE_MESSAGE, 1002);
    assertThat(v.message()).contains("binary");
  }

  @Test
  void invalidUtf8FailsFastInTheFirstFragment() {
    MessageAssembler m = new MessageAssembler(MAX);
    // κόσμε + f4 90: invalid at the 0x90 octet (index 12), message not finished (FIN=0)
    Step s = m.accept(new Frame(false, 0, Opcode.TEXT, h("cebae1bdb9cf83cebcceb5f490")), true);
    assertThat(s).isInstanceOf(Broken.class);
    Violation v = assertViolation(((Broken) s).violation(), Kind.INVALID_UTF8_TEXT, 1007);
    assertThat(v.message()).contains("12");
  }

  @Test
  void invalidUtf8FailsFastInALaterFragmentWithTheMessageOffset() {
    MessageAssembler m = new MessageAssembler(MAX);
    assertThat(m.accept(new Frame(false, 0, Opcode.TEXT, h("cebae1bdb9cf83cebcceb5")), true))
        .isInstanceOf(Partial.class);
    Step s = m.accept(new Frame(false, 0, Opcode.CONTINUATION, h("f4908080")), true);
    Violation v = assertViolation(((Broken) s).violation(), Kind.INVALID_UTF8_TEXT, 1007);
    assertThat(v.message()).contains("at octet 12");
  }

  @Test
  void validPrefixThatIsUnfinishedIsStillPartial() {
    MessageAssembler m = new MessageAssembler(MAX);
    // 6.4.2 part 1: 12 octets ending in f4, still a valid prefix
    assertThat(m.accept(new Frame(false, 0, Opcode.TEXT, h("cebae1bdb9cf83cebcceb5f4")), true))
        .isInstanceOf(Partial.class);
    Step s = m.accept(new Frame(false, 0, Opcode.CONTINUATION, h("90")), true);
    assertThat(((Broken) s).violation().kind()).isEqualTo(Kind.INVALID_UTF8_TEXT);
  }

  @Test
  void invalidUtf8MessageEndingMidCodePoint() {
    MessageAssembler m = new MessageAssembler(MAX);
    assertThat(m.accept(new Frame(false, 0, Opcode.TEXT, h("ceba")), true))
        .isInstanceOf(Partial.class);
    Step s = m.accept(new Frame(true, 0, Opcode.CONTINUATION, h("e1bd")), true);
    assertThat(s).isInstanceOf(Broken.class);
    Violation v = assertViolation(((Broken) s).violation(), Kind.INVALID_UTF8_TEXT, 1007);
    assertThat(v.message()).contains("at octet 4");
    assertThat(m.isOpen()).isFalse();
    // unfragmented: a single lead byte
    Step single = new MessageAssembler(MAX).accept(Frame.of(Opcode.TEXT, h("ce")), true);
    assertViolation(((Broken) single).violation(), Kind.INVALID_UTF8_TEXT, 1007);
  }

  @Test
  void binaryAndUncheckedTextAreNotValidated() {
    assertThat(new MessageAssembler(MAX).accept(Frame.binary(h("fffe")), true))
        .isInstanceOf(Complete.class);
    assertThat(new MessageAssembler(MAX).accept(Frame.of(Opcode.TEXT, h("fffe")), false))
        .isInstanceOf(Complete.class);
    // compressed (RSV1) text: UTF-8 is checked after inflating, by the caller
    Step c = new MessageAssembler(MAX).accept(new Frame(true, 4, Opcode.TEXT, h("fffe")), true);
    assertThat(c).isInstanceOf(Complete.class);
    assertThat(((Complete) c).compressed()).isTrue();
  }

  @Test
  void messageTooLarge() {
    MessageAssembler m = new MessageAssembler(10);
    assertThat(m.accept(new Frame(false, 0, Opcode.BINARY, new byte[6]), true))
        .isInstanceOf(Partial.class);
    Step s = m.accept(new Frame(true, 0, Opcode.CONTINUATION, new byte[5]), true);
    assertThat(s).isInstanceOf(Broken.class);
    Violation v = assertViolation(((Broken) s).violation(), Kind.MESSAGE_TOO_LARGE, 1009);
    assertThat(v.isFatal()).isTrue();
    assertThat(v.message()).contains("10");
    // exactly at the limit is fine
    MessageAssembler exact = new MessageAssembler(10);
    exact.accept(new Frame(false, 0, Opcode.BINARY, new byte[6]), true);
    assertThat(exact.accept(new Frame(true, 0, Opcode.CONTINUATION, new byte[4]), true))
        .isInstanceOf(Complete.class);
  }

  @Test
  void fragmentedTextReassembled() {
    MessageAssembler m = new MessageAssembler(MAX);
    assertThat(m.accept(new Frame(false, 0, Opcode.TEXT, utf8("Hel")), true))
        .isInstanceOf(Partial.class);
    Step s = m.accept(new Frame(true, 0, Opcode.CONTINUATION, utf8("lo")), true);
    assertThat(s).isInstanceOf(Complete.class);
    Complete c = (Complete) s;
    assertThat(c.binary()).isFalse();
    assertThat(c.compressed()).isFalse();
    assertThat(c.payload()).isEqualTo(utf8("Hello"));
    assertThat(m.isOpen()).isFalse();
  }

  @Test
  void textSplitInsideCodePointsOneOctetPerFrame() {
    // Autobahn 6.2.3: the 29-octet text one octet per frame, then an empty FIN continuation
    byte[] text = h("48656c6c6f2dc2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121");
    MessageAssembler m = new MessageAssembler(MAX);
    for (int i = 0; i < text.length; i++) {
      Frame f =
          new Frame(false, 0, i == 0 ? Opcode.TEXT : Opcode.CONTINUATION, new byte[] {text[i]});
      assertThat(m.accept(f, true)).as("octet %d", i).isInstanceOf(Partial.class);
    }
    Step s = m.accept(new Frame(true, 0, Opcode.CONTINUATION, new byte[0]), true);
    assertThat(((Complete) s).payload()).isEqualTo(text);
  }

  @Test
  void secondMessageStartsFresh() {
    MessageAssembler m = new MessageAssembler(MAX);
    assertThat(m.accept(new Frame(false, 0, Opcode.BINARY, h("ce")), true))
        .isInstanceOf(Partial.class);
    assertThat(m.accept(new Frame(true, 0, Opcode.CONTINUATION, h("")), true))
        .isInstanceOf(Complete.class);
    Step s = m.accept(Frame.text("ok"), true);
    assertThat(s).isInstanceOf(Complete.class);
    assertThat(((Complete) s).binary()).isFalse();
    assertThat(((Complete) s).payload()).isEqualTo(utf8("ok"));
  }
}
