package org.wsconform.deployed;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real HTTP CONNECT proxy (Jetty's ConnectHandler) on 127.0.0.1, with Basic proxy authentication
 * when given an expected Proxy-Authorization value; counts the tunnels it opened and the requests
 * it refused.
 */
final class ConnectProxy implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  final AtomicInteger tunnels = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();

  ConnectProxy(String expectedAuthorization) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setDaemon(true);
    server = new Server(threads);
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new ConnectHandler() {
          @Override
          protected boolean handleAuthentication(
              Request request, Response response, String address) {
            boolean ok =
                expectedAuthorization == null
                    || expectedAuthorization.equals(
                        request.getHeaders().get("Proxy-Authorization"));
            (ok ? tunnels : refused).incrementAndGet();
            return ok;
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
