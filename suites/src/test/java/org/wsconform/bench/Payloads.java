package org.wsconform.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every codec benchmark works on: the same seeded payloads, the same masking key, the same
 * frame limit, so that ours and Netty's do the same work on the same octets.
 */
final class Payloads {
  /** The masking key of RFC 6455 §5.7's masked "Hello" example; never 0, which Netty short-cuts. */
  static final int KEY = 0x37fa213d;

  /** Large enough for the biggest payload; Netty's maxFramePayloadLength takes an int. */
  static final int MAX_FRAME_PAYLOAD = 64 << 20;

  /**
   * 125 B (the largest 7-bit length), 64 KiB (16-bit length ceiling + 1), 16 MiB (Autobahn 9.*).
   */
  static final String[] SIZES = {"125", "65536", "16777216"};

  private Payloads() {}

  private static final Map<Integer, byte[]> RANDOM = new ConcurrentHashMap<>();

  /**
   * Random octets, the same for a given size in every benchmark and fork; a fresh copy each call.
   */
  static byte[] random(int size) {
    return RANDOM
        .computeIfAbsent(
            size,
            n -> {
              byte[] b = new byte[n];
              new Random(6455L + n).nextBytes(b);
              return b;
            })
        .clone();
  }

  /**
   * The octets in a buffer of the kind Netty's own codec allocates ({@code ctx.alloc()} of an
   * {@code EmbeddedChannel} is {@link ByteBufAllocator#DEFAULT}), so Netty runs on its home ground.
   */
  static ByteBuf nettyBuffer(byte[] octets) {
    ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(octets.length);
    buf.writeBytes(octets);
    return buf;
  }
}
