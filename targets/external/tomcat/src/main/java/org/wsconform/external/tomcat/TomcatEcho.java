package org.wsconform.external.tomcat;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Tomcat 11 embedded with its Jakarta WebSocket implementation, as its users write an echo
 * server: a programmatic {@link Endpoint} on "/" with partial message handlers that send every
 * part straight back (Tomcat's whole-message handlers would need bigger buffers than its 8 KiB
 * default), and a servlet answering 426 for requests that are not upgrades.
 *
 * <p>Usage: {@code TomcatEcho [port=0] [deflate=1]}; prints {@code listening on ws://127.0.0.1:PORT/}.
 */
public final class TomcatEcho {
  public static final class Echo extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
      session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
        try {
          session.getBasicRemote().sendText(part, last);
        } catch (IOException e) {
          close(session, e);
        }
      });
      session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
        try {
          session.getBasicRemote().sendBinary(part, last);
        } catch (IOException e) {
          close(session, e);
        }
      });
    }

    private static void close(Session session, IOException why) {
      try {
        session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "echo failed"));
      } catch (IOException ignored) {
        // the connection is gone already
      }
    }
  }

  /** Turns permessage-deflate off by negotiating no extension at all. */
  static final class NoExtensions extends ServerEndpointConfig.Configurator {
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
      return List.of();
    }
  }

  static final class UpgradeRequired extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setStatus(426);
      resp.setHeader("Upgrade", "websocket");
      resp.setContentType("text/plain");
      resp.getWriter().print("Expected Upgrade: websocket\n");
    }
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    boolean deflate = args.length < 2 || !args[1].equals("0");
    Tomcat tomcat = new Tomcat();
    Path base = Files.createTempDirectory("wsconform-tomcat");
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    ctx.addServletContainerInitializer(new WsSci(), null);
    ctx.addServletContainerInitializer((ServletContainerInitializer) (classes, servletContext) -> {
      ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
      ServerEndpointConfig.Builder b = ServerEndpointConfig.Builder.create(Echo.class, "/");
      if (!deflate) b.configurator(new NoExtensions());
      try {
        container.addEndpoint(b.build());
      } catch (jakarta.websocket.DeploymentException e) {
        throw new jakarta.servlet.ServletException(e);
      }
    }, null);
    Tomcat.addServlet(ctx, "upgrade-required", new UpgradeRequired());
    ctx.addServletMappingDecoded("/*", "upgrade-required");
    tomcat.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        tomcat.stop();
        tomcat.destroy();
        try (Stream<Path> files = Files.walk(base)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      } catch (Exception ignored) {
        // the JVM is going down anyway; a leftover temp folder is harmless
      }
    }));
    System.out.println("tomcat " + ServerInfo.getServerNumber() + ", permessage-deflate " + (deflate ? "on" : "off")
        + ", pid " + ProcessHandle.current().pid());
    System.out.println("listening on ws://127.0.0.1:" + connector.getLocalPort() + "/");
    tomcat.getServer().await();
  }
}
