package org.wsconform.serve;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.RequestHead;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.WireConnection;

/** Autobahn's information endpoints (/getCaseCount, /getCaseInfo, …): one answer and a close. */
final class InformationAnswer {
  private InformationAnswer() {}

  /**
   * The information endpoints: a WebSocket upgrade answered with one text message and a close, or a
   * plain HTTP GET answered with the text.
   */
  static void answer(WireConnection conn, RequestHead req, String text) throws IOException {
    Optional<String> key = req.header("Sec-WebSocket-Key");
    if (key.isEmpty()) {
      conn.write(UpgradeAnswer.plain(200, "OK", text + "\n"), 0, false);
      conn.close();
      return;
    }
    byte[] head = UpgradeAnswer.switching(key.get().trim(), null).toBytes();
    byte[] msg = FrameEncoder.encode(Frame.text(text), SendOptions.DEFAULT.unmasked(), 0);
    byte[] close = FrameEncoder.encode(Frame.close(1000, null), SendOptions.DEFAULT.unmasked(), 0);
    byte[] all = new byte[head.length + msg.length + close.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(msg, 0, all, head.length, msg.length);
    System.arraycopy(close, 0, all, head.length + msg.length, close.length);
    conn.write(all, 0, false);
    drainUntilClosed(conn);
    conn.close();
  }

  /** Gives the client up to 2 s to answer the close before TCP is closed (the server's duty). */
  private static void drainUntilClosed(WireConnection conn) {
    try {
      conn.soTimeout(Duration.ofSeconds(2));
      InputStream in = conn.in();
      byte[] b = new byte[512];
      long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < until && in.read(b) >= 0) {
        // a close frame is all we wait for; the content does not matter here
        if (b[0] == (byte) 0x88) return;
      }
    } catch (IOException e) {
      // the client closed first or timed out: either way the answer was delivered
    }
  }
}
