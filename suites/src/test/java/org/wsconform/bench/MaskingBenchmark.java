package org.wsconform.bench;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.wsconform.wire.Masking;

/**
 * The raw masking loops, in place, nothing else: our {@link Masking#maskInPlace} on a byte array
 * against Netty's own {@code WebSocket08FrameDecoder.unmask(ByteBuf)} on the kind of buffer its
 * decoder unmasks. Netty keeps that loop private, so it is called through a method handle on a real
 * decoder (a {@code static final} handle, which the JIT inlines like a direct call) rather than
 * copied here, where a copy could drift from what Netty really runs.
 */
@State(Scope.Thread)
public class MaskingBenchmark {
  static final MethodHandle NETTY_UNMASK;
  static final MethodHandle NETTY_MASK_FIELD;

  static {
    try {
      MethodHandles.Lookup netty =
          MethodHandles.privateLookupIn(WebSocket08FrameDecoder.class, MethodHandles.lookup());
      NETTY_UNMASK =
          netty.findVirtual(
              WebSocket08FrameDecoder.class,
              "unmask",
              MethodType.methodType(void.class, ByteBuf.class));
      NETTY_MASK_FIELD = netty.findSetter(WebSocket08FrameDecoder.class, "mask", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Param({"125", "65536", "16777216"})
  public int size;

  byte[] ours;
  ByteBuf nettyPayload;
  WebSocket08FrameDecoder nettyDecoder;

  @Setup
  public void setUp() throws Throwable {
    ours = Payloads.random(size);
    nettyPayload = Payloads.nettyBuffer(ours);
    nettyDecoder =
        new WebSocket08FrameDecoder(
            WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(true)
                .maxFramePayloadLength(Payloads.MAX_FRAME_PAYLOAD)
                .build());
    // The key the decoder read from the frame header just before it unmasks the payload.
    NETTY_MASK_FIELD.invokeExact(nettyDecoder, Payloads.KEY);
  }

  @TearDown
  public void tearDown() {
    nettyPayload.release();
  }

  @Benchmark
  public byte[] ours() {
    Masking.maskInPlace(Payloads.KEY, ours, 0, ours.length);
    return ours;
  }

  @Benchmark
  public ByteBuf netty() throws Throwable {
    NETTY_UNMASK.invokeExact(nettyDecoder, nettyPayload);
    return nettyPayload;
  }
}
