package org.wsconform.deflate;

import java.util.List;

/** The Sec-WebSocket-Extensions grammar (RFC 6455 §9.1, RFC 7230 §3.2.6 tokens and quoted strings). */
final class ExtensionSyntax {
  private ExtensionSyntax() {}

  static List<ExtensionElement> parse(String value) {
    throw new UnsupportedOperationException("TODO");
  }
}
