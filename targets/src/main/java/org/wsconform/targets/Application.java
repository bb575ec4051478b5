package org.wsconform.targets;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;

/**
 * The reference server's endpoint when it plays an application instead of an echo ({@link
 * ReferenceServer.Mode#SILENT}, {@link ReferenceServer.Mode#DIALOGUE}). Silent: takes every message
 * and sends nothing back, like the Worker in Cloudflare's guide that only logs. Dialogue: a small
 * application protocol in the manner of graphql-ws and Engine.IO: on open it sends an unsolicited
 * greeting ({@link ReferenceServer#DIALOGUE_GREETING}) and one heartbeat ({@link
 * ReferenceServer#DIALOGUE_HEARTBEAT}); it answers {@link ReferenceServer#DIALOGUE_REQUEST} with
 * {@link ReferenceServer#DIALOGUE_REPLY} and takes every other message without a word, or, strict
 * as graphql-ws, closes with 4400 on any other message.
 *
 * <p>Text is taken frame by frame, as {@link Echo} does, so Jetty checks UTF-8 as it arrives.
 */
@WebSocket(autoDemand = true)
public final class Application {
  private final boolean dialogue;
  private final boolean strict;
  private final StringBuilder text = new StringBuilder();

  Application(boolean dialogue, boolean strict) {
    this.dialogue = dialogue;
    this.strict = strict;
  }

  /** Strict: a message the application does not take closes with 4400, as graphql-ws does. */
  private void invalid(Session session) {
    session.close(4400, "Invalid message received", Callback.NOOP);
  }

  @OnWebSocketOpen
  public void onOpen(Session session) {
    if (!dialogue) return;
    session.sendText(
        ReferenceServer.DIALOGUE_GREETING,
        Callback.from(
            () -> session.sendText(ReferenceServer.DIALOGUE_HEARTBEAT, Callback.NOOP), x -> {}));
  }

  @OnWebSocketMessage
  public void onText(Session session, String part, boolean last) {
    text.append(part);
    if (text.length() > ReferenceServer.MAX_MESSAGE_SIZE) {
      session.close(StatusCode.MESSAGE_TOO_LARGE, "text message larger than 64 MiB", Callback.NOOP);
      return;
    }
    if (last) {
      if (dialogue && ReferenceServer.DIALOGUE_REQUEST.contentEquals(text)) {
        session.sendText(ReferenceServer.DIALOGUE_REPLY, Callback.NOOP);
      } else if (strict && !"3".contentEquals(text)) {
        invalid(session);
      }
      text.setLength(0);
    }
  }

  @OnWebSocketMessage
  public void onBinary(Session session, ByteBuffer payload, Callback done) {
    done.succeed();
    if (strict) invalid(session);
  }
}
