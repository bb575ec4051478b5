package org.wsconform.wire;

/**
 * RFC 6455 §5.2 opcodes. Plain {@code int} constants with predicates, not an enum, so that the
 * reserved values 3–7 and 11–15 stay representable: a harness must be able to send them.
 */
public final class Opcode {
  public static final int CONTINUATION = 0x0;
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;

  private Opcode() {}

  /** Control frames have the high bit of the opcode set (§5.5). */
  public static boolean isControl(int opcode) {
    return (opcode & 0x08) != 0;
  }

  public static boolean isData(int opcode) {
    return opcode == CONTINUATION || opcode == TEXT || opcode == BINARY;
  }

  /** Reserved for further (non-)control frames: 3–7 and 11–15 (§5.2). */
  public static boolean isReserved(int opcode) {
    return (opcode >= 3 && opcode <= 7) || (opcode >= 11 && opcode <= 15);
  }

  public static String name(int opcode) {
    return switch (opcode) {
      case CONTINUATION -> "continuation";
      case TEXT -> "text";
      case BINARY -> "binary";
      case CLOSE -> "close";
      case PING -> "ping";
      case PONG -> "pong";
      default -> "reserved[" + opcode + "]";
    };
  }
}
