package org.wsconform.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.wsconform.wire.DecodedFrame;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameDecoder;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.SendOptions;

/**
 * One whole binary frame in, its payload out: our {@link FrameDecoder} ({@code feed} + {@code
 * next}, every rule checked) against Netty's {@code WebSocket08FrameDecoder} in an {@code
 * EmbeddedChannel}. {@code SERVER}: an unmasked server-to-client frame (what the harness reads);
 * {@code CLIENT}: a masked client-to-server frame (Netty with expectMaskedFrames=true), which adds
 * unmasking.
 */
@State(Scope.Thread)
public class DecodeBenchmark {
  @Param({"125", "65536", "16777216"})
  public int size;

  @Param({"SERVER", "CLIENT"})
  public FrameDecoder.Sender sender;

  byte[] wire;
  FrameDecoder ours;
  ByteBuf nettyWire;
  EmbeddedChannel nettyChannel;

  @Setup
  public void setUp() {
    boolean masked = sender == FrameDecoder.Sender.CLIENT;
    SendOptions options =
        masked ? SendOptions.DEFAULT.withMask(Payloads.KEY) : SendOptions.DEFAULT.unmasked();
    wire = FrameEncoder.encode(Frame.binary(Payloads.random(size)), options, Payloads.KEY);
    ours = new FrameDecoder(sender, Payloads.MAX_FRAME_PAYLOAD);
    nettyWire = Payloads.nettyBuffer(wire);
    nettyChannel =
        new EmbeddedChannel(
            new WebSocket08FrameDecoder(
                WebSocketDecoderConfig.newBuilder()
                    .expectMaskedFrames(masked)
                    .maxFramePayloadLength(Payloads.MAX_FRAME_PAYLOAD)
                    .build()));
  }

  @TearDown
  public void tearDown() {
    nettyChannel.finishAndReleaseAll();
    nettyWire.release();
  }

  @Benchmark
  public byte[] ours() {
    ours.feed(wire, 0, wire.length);
    DecodedFrame frame = ours.next();
    return frame.frame().payload();
  }

  @Benchmark
  public int netty() {
    // A duplicate shares the octets: Netty reads the same wire buffer every time, as ours does.
    nettyChannel.writeInbound(nettyWire.retainedDuplicate());
    WebSocketFrame frame = nettyChannel.readInbound();
    int octets = frame.content().readableBytes();
    frame.release();
    return octets;
  }

  /** Netty's decoded payload as an array, for the equivalence test. */
  byte[] nettyPayload() {
    nettyChannel.writeInbound(nettyWire.retainedDuplicate());
    WebSocketFrame frame = nettyChannel.readInbound();
    byte[] b = new byte[frame.content().readableBytes()];
    frame.content().readBytes(b);
    frame.release();
    return b;
  }
}
