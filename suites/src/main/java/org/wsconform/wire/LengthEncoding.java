package org.wsconform.wire;

/** How the payload length is written (§5.2): the shortest form, or a forced wider one. */
public enum LengthEncoding {
  MINIMAL,
  /** 126 + a 16-bit length, even for payloads that fit in 7 bits. */
  FORCE_16,
  /** 127 + a 64-bit length, even for payloads that fit in 16 bits. */
  FORCE_64
}
