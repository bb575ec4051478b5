package org.wsconform.targets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The answer to anything that is not a WebSocket upgrade: 426, as Cloudflare's Worker answers. */
final class UpgradeRequired extends Handler.Abstract.NonBlocking {

  static final String BODY = "Expected Upgrade: websocket";

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    respond(response, callback, HttpStatus.UPGRADE_REQUIRED_426, BODY);
    return true;
  }

  /**
   * A plain-text answer. A 426 also names the protocol to upgrade to (RFC 9110 §15.5.22) and the
   * WebSocket version this server speaks (RFC 6455 §4.4).
   */
  static void respond(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    if (status == HttpStatus.UPGRADE_REQUIRED_426) {
      response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
      response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_VERSION, "13");
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
