package org.wsconform.clients.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Netty 4.2.18.Final as a client under test: {@link WebSocketClientProtocolHandler} (the
 * handshaker, close and ping handling) behind {@link WebSocketClientCompressionHandler}
 * (permessage-deflate offered), with a {@link WebSocketFrameAggregator} so each message is echoed
 * whole (text as text, binary as binary).
 *
 * <p>{@code NettyClient ws://127.0.0.1:9001 agent [1,2,3]}
 */
public final class NettyClient {
  /** Autobahn's 9.* cases send messages of up to 16 MiB. */
  private static final int MAX_MESSAGE = 64 << 20;

  public static void main(String[] args) throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      Driver.run(args, (url, timeout) -> runCase(group, url, timeout));
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  private static void runCase(EventLoopGroup group, URI url, Duration timeout) throws Exception {
    WebSocketClientProtocolConfig config =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(url)
            .allowExtensions(true)
            .maxFramePayloadLength(MAX_MESSAGE)
            .handshakeTimeoutMillis(10_000)
            .build();
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(WebSocketClientCompressionHandler.INSTANCE)
                        .addLast(new WebSocketClientProtocolHandler(config))
                        .addLast(new WebSocketFrameAggregator(MAX_MESSAGE))
                        .addLast(new Echo());
                  }
                });
    Channel ch = b.connect(url.getHost(), url.getPort()).sync().channel();
    // the case ends when the connection does: the server closes it (or the protocol handler does)
    if (!ch.closeFuture().await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      System.err.println(url + ": not closed after " + timeout.toSeconds() + " s, aborting");
      ch.close().await(5, TimeUnit.SECONDS);
    }
  }

  /** Sends back every whole message as it came (pings, pongs and closes are the handler's). */
  private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame) {
        ctx.writeAndFlush(new TextWebSocketFrame(frame.content().retain()));
      } else if (frame instanceof BinaryWebSocketFrame) {
        ctx.writeAndFlush(new BinaryWebSocketFrame(frame.content().retain()));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (Boolean.getBoolean("wsconform.debug")) cause.printStackTrace();
      ctx.close();
    }
  }
}
