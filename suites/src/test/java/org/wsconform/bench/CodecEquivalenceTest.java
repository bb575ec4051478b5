package org.wsconform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsconform.wire.DecodedFrame;
import org.wsconform.wire.FrameDecoder;
import org.wsconform.wire.Masking;

/**
 * The codec benchmarks compare equal work: for every payload size, our result and Netty's are the
 * same octets. Without this a faster "ours" could be one that skipped part of the job.
 *
 * <p>The benchmarks' 125 B and 64 KiB, then 1 MiB + 5 instead of 16 MiB: the same code paths
 * (64-bit length, a tail that is not a whole word, our decoder's large-buffer release) at a
 * sixteenth of the time, since these run cold, mostly interpreted, in every {@code mvn verify}.
 */
class CodecEquivalenceTest {

  @ParameterizedTest(name = "{0} octets")
  @ValueSource(ints = {125, 65536, 1048581})
  void maskingLoopsUnmaskTheSameOctets(int size) throws Throwable {
    MaskingBenchmark b = new MaskingBenchmark();
    b.size = size;
    b.setUp();
    try {
      byte[] original = Payloads.random(size);
      b.ours();
      b.netty();
      byte[] netty = new byte[size];
      b.nettyPayload.getBytes(0, netty);
      assertThat(b.ours).as("our masking of %d octets vs Netty's unmask", size).isEqualTo(netty);
      assertThat(b.ours).as("masking changed the payload").isNotEqualTo(original);
      // The second pass of each restores the payload: both loops are their own inverse.
      b.ours();
      b.netty();
      b.nettyPayload.getBytes(0, netty);
      assertThat(b.ours).isEqualTo(original);
      assertThat(netty).isEqualTo(original);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void ourMaskingEqualsNettysForEveryLengthUpTo200() throws Throwable {
    // Every split of a payload between our 64-octet turns, single words, the int step and the
    // octet tail, against Netty's unmask on both kinds of its buffers.
    Random r = new Random(6455);
    for (int len = 0; len <= 200; len++) {
      int key = r.nextInt();
      int off = r.nextInt(8);
      byte[] src = new byte[off + len];
      r.nextBytes(src);
      byte[] ours = src.clone();
      Masking.maskInPlace(key, ours, off, len);
      for (ByteBuf netty : new ByteBuf[] {Unpooled.buffer(len), Unpooled.directBuffer(len)}) {
        try {
          netty.writeBytes(src, off, len);
          WebSocket08FrameDecoder decoder =
              new WebSocket08FrameDecoder(true, false, Payloads.MAX_FRAME_PAYLOAD);
          MaskingBenchmark.NETTY_MASK_FIELD.invokeExact(decoder, key);
          MaskingBenchmark.NETTY_UNMASK.invokeExact(decoder, netty);
          byte[] unmasked = new byte[len];
          netty.getBytes(0, unmasked);
          assertThat(Arrays.copyOfRange(ours, off, off + len))
              .as("%d octets, key %08x, %s buffer", len, key, netty.isDirect() ? "direct" : "heap")
              .isEqualTo(unmasked);
        } finally {
          netty.release();
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} octets")
  @ValueSource(ints = {125, 65536, 1048581})
  void encodersWriteTheSameMaskedFrame(int size) {
    EncodeMaskedBenchmark b = new EncodeMaskedBenchmark();
    b.size = size;
    b.setUp();
    try {
      byte[] ours = b.ours();
      assertThat(ours)
          .as("our masked frame of %d octets vs Netty's", size)
          .isEqualTo(b.nettyFrame());
      assertThat(b.netty()).isEqualTo(ours.length);
    } finally {
      b.tearDown();
    }
  }

  @ParameterizedTest(name = "{0} octets")
  @ValueSource(ints = {125, 65536, 1048581})
  void decodersReturnTheSamePayload(int size) {
    for (FrameDecoder.Sender sender : FrameDecoder.Sender.values()) {
      DecodeBenchmark b = new DecodeBenchmark();
      b.size = size;
      b.sender = sender;
      b.setUp();
      try {
        byte[] expected = Payloads.random(size);
        // Twice each: the benchmark feeds the same frame over and over, so the decoders must
        // return to their start state after each frame.
        for (int round = 0; round < 2; round++) {
          assertThat(b.ours())
              .as("our decoded payload, %s frame, round %d", sender, round)
              .isEqualTo(expected);
          assertThat(b.nettyPayload())
              .as("Netty's decoded payload, %s frame, round %d", sender, round)
              .isEqualTo(expected);
          assertThat(b.netty()).isEqualTo(size);
        }
        assertThat(b.ours.buffered()).as("octets left in our decoder").isZero();
        // The frame is conformant, so ours decodes it with no violation to report.
        b.ours.feed(b.wire);
        DecodedFrame frame = b.ours.next();
        assertThat(frame.violations()).as("violations in a conformant %s frame", sender).isEmpty();
      } finally {
        b.tearDown();
      }
    }
  }
}
