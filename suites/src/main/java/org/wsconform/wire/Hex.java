package org.wsconform.wire;

import java.nio.charset.StandardCharsets;

/** Hex and printable previews of octets for wire logs and failure messages. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String of(byte[] b) {
    return of(b, 0, b.length);
  }

  public static String of(byte[] b, int off, int len) {
    char[] out = new char[len * 2];
    for (int i = 0; i < len; i++) {
      int v = b[off + i] & 0xff;
      out[i * 2] = DIGITS[v >>> 4];
      out[i * 2 + 1] = DIGITS[v & 0xf];
    }
    return new String(out);
  }

  /** The first {@code max} octets in hex, then " ..." when cut (Autobahn's wire-log style). */
  public static String preview(byte[] b, int max) {
    return b.length <= max ? of(b) : of(b, 0, max) + " ...";
  }

  public static byte[] parse(String hex) {
    String h = hex.replace(" ", "");
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(h.substring(i * 2, i * 2 + 2), 16);
    }
    return out;
  }

  /**
   * Autobahn's rendering of a payload in reports: the UTF-8 text when the bytes are valid UTF-8,
   * else "0x" + hex; cut to {@code max} characters with " ..." appended.
   */
  public static String readable(byte[] b, int max) {
    if (isText(b, max)) {
      String s = new String(b, 0, Math.min(b.length, max * 4), StandardCharsets.UTF_8);
      return s.length() > max
          ? s.substring(0, max > 0 && Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max)
              + " ..."
          : s;
    }
    String s = "0x" + of(b, 0, Math.min(b.length, max));
    return b.length > max ? s + " ..." : s;
  }

  /** Payloads up to this size are validated whole before they are shown as text. */
  private static final int VALIDATE_WHOLE = 4096;

  /**
   * Whether to show the payload as text: valid UTF-8 as a whole for payloads up to 4 KiB (where
   * every invalid-UTF-8 case of the catalogue lives), else a valid prefix of what is shown (a code
   * point cut at the end of the prefix counts as valid). A 16 MiB payload's 40-character preview
   * used to validate all 16 MiB: a fifth of the harness's time in 9.*.
   */
  private static boolean isText(byte[] b, int max) {
    if (b.length <= VALIDATE_WHOLE) return Utf8Validator.isValid(b);
    Utf8Validator v = new Utf8Validator();
    return v.update(b, 0, Math.min(b.length, max * 4 + 4));
  }
}
