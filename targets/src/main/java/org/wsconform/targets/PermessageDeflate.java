package org.wsconform.targets;

import java.util.zip.Deflater;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.internal.PerMessageDeflateExtension;

/**
 * Jetty's permessage-deflate, except that an accepted {@code server_max_window_bits=N} is echoed
 * and honoured.
 *
 * <p>RFC 7692 §7.1.2.1: a server that accepts an offer with {@code server_max_window_bits} MUST
 * include the parameter in its answer, and then MUST NOT use a larger LZ77 window. Jetty drops the
 * parameter and compresses with {@link Deflater}, whose window is always 2^15. So for N < 15 the
 * Deflater is switched to {@link Deflater#HUFFMAN_ONLY}: blocks of literals with no back-reference
 * at all, valid under every window (the harness's own compressor does the same for a limited client
 * window). Registered under the standard name, it replaces Jetty's own class in the extension
 * registry.
 */
public class PermessageDeflate extends PerMessageDeflateExtension {

  private static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";

  private ExtensionConfig answer;

  /** The agreed window is below 2^15: no back-references. */
  private boolean literalsOnly;

  private Deflater literalDeflater;

  @Override
  public void init(ExtensionConfig offer, WebSocketComponents components) {
    super.init(offer, components);
    if (offer.getParameterKeys().contains(SERVER_MAX_WINDOW_BITS)) {
      // PermessageDeflateOffers let only 8..15 in plain digits through
      int bits = offer.getParameter(SERVER_MAX_WINDOW_BITS, 15);
      answer = new ExtensionConfig(super.getConfig());
      answer.setParameter(SERVER_MAX_WINDOW_BITS, bits);
      literalsOnly = bits < 15;
    }
  }

  /** What the 101 answer names: Jetty builds the Sec-WebSocket-Extensions header from this. */
  @Override
  public ExtensionConfig getConfig() {
    return answer != null ? answer : super.getConfig();
  }

  /**
   * With a limited window, a Deflater of our own, set to literals only before its first use:
   * Jetty's pooled Deflaters are shared with other connections, and changing the strategy of one
   * that has been used makes zlib flush a block with the old strategy first (Jetty then sent a
   * one-octet message). Without a limit, Jetty's own pooled Deflater, untouched.
   */
  @Override
  public Deflater getDeflater() {
    if (!literalsOnly) {
      return super.getDeflater();
    }
    if (literalDeflater == null) {
      literalDeflater = literalOnlyDeflater();
    }
    return literalDeflater;
  }

  /** Jetty calls this after each message without context takeover, and at close. */
  @Override
  public void releaseDeflater() {
    if (literalDeflater != null) {
      literalDeflater.reset(); // the strategy stays; the context goes
    }
    super.releaseDeflater();
  }

  @Override
  public void close() {
    super.close();
    if (literalDeflater != null) {
      literalDeflater.end();
      literalDeflater = null;
    }
  }

  private static Deflater literalOnlyDeflater() {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setStrategy(Deflater.HUFFMAN_ONLY);
    // apply the strategy now, on an empty stream, then start clean: the first message's
    // deflate() then compresses instead of switching parameters
    d.setInput(new byte[0]);
    d.deflate(new byte[64], 0, 64, Deflater.NO_FLUSH);
    d.reset();
    return d;
  }
}
