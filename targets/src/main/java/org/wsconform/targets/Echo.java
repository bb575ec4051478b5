package org.wsconform.targets;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;

/**
 * The reference server's endpoint: echoes every message unchanged and in one piece, text as text,
 * binary as binary.
 *
 * <p>Text is taken frame by frame: Jetty checks each piece's UTF-8 as it decodes it, so a bad byte
 * fails the connection (1007) when it arrives, even mid-frame, not when the message ends (RFC 6455
 * §8.1, Autobahn 6.4.x). A whole-message String listener checks only at the end.
 */
@WebSocket(autoDemand = true)
public final class Echo {

  private final StringBuilder text = new StringBuilder();

  @OnWebSocketMessage
  public void onText(Session session, String part, boolean last) {
    text.append(part);
    if (text.length() > ReferenceServer.MAX_MESSAGE_SIZE) {
      // Jetty's own limit applies to whole messages only; pieces need ours.
      session.close(StatusCode.MESSAGE_TOO_LARGE, "text message larger than 64 MiB", Callback.NOOP);
      return;
    }
    if (last) {
      session.sendText(text.toString(), Callback.NOOP);
      text.setLength(0);
    }
  }

  /** The buffer belongs to Jetty until {@code done} completes, so the send completes it. */
  @OnWebSocketMessage
  public void onBinary(Session session, ByteBuffer payload, Callback done) {
    session.sendBinary(payload, done);
  }
}
