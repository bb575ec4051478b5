package org.wsconform.external.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.Version;
import java.net.InetSocketAddress;

/**
 * Netty 4.2 as its users write an echo server: {@code HttpServerCodec} → aggregator →
 * (permessage-deflate: {@code WebSocketServerCompressionHandler}) → {@code
 * WebSocketServerProtocolHandler} on "/" (which answers pings and closes itself, and answers
 * every non-upgrade request on its path with 400) → a handler that writes every data frame
 * back as it comes, continuation frames included.
 *
 * <p>Usage: {@code NettyEcho [port=0] [deflate=1]}; prints {@code listening on ws://127.0.0.1:PORT/}.
 */
public final class NettyEcho {
  static final int MAX_FRAME = 64 * 1024 * 1024;

  /**
   * Sends every text, binary and continuation frame back as it comes, as a new frame of the same
   * type and FIN: writing the received frame object itself would also copy its RSV bits, which
   * Netty's decoder lets through when extensions are allowed, and the echo must add nothing.
   */
  static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
    Echo() {
      super(false); // the frame's buffer is handed on to the write, which releases it
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      WebSocketFrame echo;
      if (frame instanceof TextWebSocketFrame) {
        echo = new TextWebSocketFrame(frame.isFinalFragment(), 0, frame.content());
      } else if (frame instanceof BinaryWebSocketFrame) {
        echo = new BinaryWebSocketFrame(frame.isFinalFragment(), 0, frame.content());
      } else if (frame instanceof ContinuationWebSocketFrame) {
        echo = new ContinuationWebSocketFrame(frame.isFinalFragment(), 0, frame.content());
      } else {
        frame.release(); // pings, pongs and closes are the protocol handler's; nothing else arrives here
        return;
      }
      ctx.writeAndFlush(echo);
    }
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    boolean deflate = args.length < 2 || !args[1].equals("0");
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    // allowExtensions is what permessage-deflate needs; it also turns off the decoder's RSV check
    WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath("/").checkStartsWith(true).allowExtensions(deflate).maxFramePayloadLength(MAX_FRAME)
        .handleCloseFrames(true).build();
    ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            p.addLast(new HttpServerCodec());
            p.addLast(new HttpObjectAggregator(65536));
            if (deflate) p.addLast(new WebSocketServerCompressionHandler(0));
            p.addLast(new WebSocketServerProtocolHandler(config));
            p.addLast(new Echo());
          }
        });
    Channel server = b.bind("127.0.0.1", port).sync().channel();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS)));
    System.out.println("netty " + Version.identify().get("netty-codec-http").artifactVersion() + ", permessage-deflate "
        + (deflate ? "on" : "off") + ", pid " + ProcessHandle.current().pid());
    System.out.println("listening on ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/");
    server.closeFuture().sync();
  }
}
