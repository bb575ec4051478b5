package org.wsconform.targets.faulty;

/** Frame opcodes (RFC 6455 §5.2); constants, not an enum, so reserved values stay representable. */
final class Opcode {

  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private Opcode() {}

  /** 3–7 are reserved for further non-control frames, 11–15 for further control frames. */
  static boolean isReserved(int opcode) {
    return (opcode >= 0x3 && opcode <= 0x7) || opcode >= 0xB;
  }

  static boolean isControl(int opcode) {
    return (opcode & 0x8) != 0;
  }
}
