package org.wsconform.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A permissive frame value: any FIN, any 3-bit RSV, any 4-bit opcode, any payload. It validates
 * nothing, because the harness must be able to write every frame a broken peer might.
 *
 * @param rsv RSV1 = 4, RSV2 = 2, RSV3 = 1 (Autobahn's convention)
 */
public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {

  public Frame {
    if (rsv < 0 || rsv > 7) throw new IllegalArgumentException("rsv is 3 bits: " + rsv);
    if (opcode < 0 || opcode > 15)
      throw new IllegalArgumentException("opcode is 4 bits: " + opcode);
    payload = payload == null ? new byte[0] : payload;
  }

  public static Frame of(int opcode, byte[] payload) {
    return new Frame(true, 0, opcode, payload);
  }

  public static Frame text(String text) {
    return of(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  public static Frame binary(byte[] payload) {
    return of(Opcode.BINARY, payload);
  }

  public static Frame ping(byte[] payload) {
    return of(Opcode.PING, payload);
  }

  public static Frame pong(byte[] payload) {
    return of(Opcode.PONG, payload);
  }

  /**
   * A close frame with a status code and an optional reason; {@code code == null} gives an empty
   * payload.
   */
  public static Frame close(Integer code, byte[] reason) {
    if (code == null) return of(Opcode.CLOSE, new byte[0]);
    byte[] r = reason == null ? new byte[0] : reason;
    byte[] p = new byte[2 + r.length];
    p[0] = (byte) (code >> 8);
    p[1] = (byte) (int) code;
    System.arraycopy(r, 0, p, 2, r.length);
    return of(Opcode.CLOSE, p);
  }

  public Frame withFin(boolean f) {
    return new Frame(f, rsv, opcode, payload);
  }

  public Frame withRsv(int r) {
    return new Frame(fin, r, opcode, payload);
  }

  public boolean isControl() {
    return Opcode.isControl(opcode);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f
        && f.fin == fin
        && f.rsv == rsv
        && f.opcode == opcode
        && Arrays.equals(f.payload, payload);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(payload) * 31 + opcode * 7 + rsv * 3 + (fin ? 1 : 0);
  }

  @Override
  public String toString() {
    return Opcode.name(opcode)
        + " fin="
        + (fin ? 1 : 0)
        + " rsv="
        + rsv
        + " len="
        + payload.length
        + " "
        + Hex.preview(payload, 32);
  }
}
