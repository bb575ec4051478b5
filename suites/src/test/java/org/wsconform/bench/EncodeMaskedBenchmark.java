package org.wsconform.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.SendOptions;

/**
 * A masked binary frame, as a client sends it: header, key and masked payload in one fresh buffer.
 * Netty masks inside {@code WebSocket08FrameEncoder.encode}, so this is the fair way to compare
 * masking as each codec really does it: ours from a byte array into a new array, Netty's from a
 * pooled buffer into a new pooled buffer through a channel pipeline.
 */
@State(Scope.Thread)
public class EncodeMaskedBenchmark {
  @Param({"125", "65536", "16777216"})
  public int size;

  byte[] payload;
  SendOptions options;
  ByteBuf nettyPayload;
  EmbeddedChannel nettyChannel;

  @Setup
  public void setUp() {
    payload = Payloads.random(size);
    options = SendOptions.DEFAULT.withMask(Payloads.KEY);
    nettyPayload = Payloads.nettyBuffer(payload);
    // A fixed key for Netty too; its default draws a random one per frame, which we do in the
    // caller.
    nettyChannel = new EmbeddedChannel(new WebSocket08FrameEncoder(() -> Payloads.KEY));
  }

  @TearDown
  public void tearDown() {
    nettyChannel.finishAndReleaseAll();
    nettyPayload.release();
  }

  @Benchmark
  public byte[] ours() {
    return FrameEncoder.encode(Frame.binary(payload), options, Payloads.KEY);
  }

  @Benchmark
  public int netty() {
    nettyChannel.writeOutbound(new BinaryWebSocketFrame(nettyPayload.retainedDuplicate()));
    ByteBuf frame = nettyChannel.readOutbound();
    int octets = frame.readableBytes();
    frame.release();
    return octets;
  }

  /** Netty's encoded frame as an array, for the equivalence test. */
  byte[] nettyFrame() {
    nettyChannel.writeOutbound(new BinaryWebSocketFrame(nettyPayload.retainedDuplicate()));
    ByteBuf frame = nettyChannel.readOutbound();
    byte[] b = new byte[frame.readableBytes()];
    frame.readBytes(b);
    frame.release();
    return b;
  }
}
