package org.wsconform.judge;

/** Judges the opening handshake of a case. */
@FunctionalInterface
public interface HandshakeCheck {
  HandshakeVerdict check(HandshakeExchange x);
}
