package org.wsconform.targets.faulty;

/**
 * Incremental UTF-8 validation (RFC 3629) that fails on the first byte that cannot continue a valid
 * sequence: no overlong forms, no surrogates (U+D800–U+DFFF), nothing above U+10FFFF.
 *
 * <p>The bounds on the byte after a lead byte carry all of RFC 3629's special cases (E0, ED, F0,
 * F4), so "invalid" is decided the moment it is certain, which is what §8.1's fail-fast tests
 * (Autobahn 6.4.x) look for.
 */
final class Utf8Validator {

  private int pending;
  private int lower = 0x80;
  private int upper = 0xBF;

  /** False as soon as the bytes seen so far cannot be the start of valid UTF-8. */
  boolean accept(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (!accept(bytes[i] & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  private boolean accept(int b) {
    if (pending == 0) {
      if (b <= 0x7F) {
        return true;
      } else if (b >= 0xC2 && b <= 0xDF) {
        pending = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        pending = 2;
        lower = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
        upper = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
      } else if (b >= 0xF0 && b <= 0xF4) {
        pending = 3;
        lower = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
        upper = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be above U+10FFFF
      } else {
        return false; // 80..C1 cannot start a sequence, F5..FF never appear
      }
      return true;
    }
    if (b < lower || b > upper) {
      return false;
    }
    lower = 0x80;
    upper = 0xBF;
    pending--;
    return true;
  }

  /** True when no code point is cut off: the message may end here. */
  boolean atBoundary() {
    return pending == 0;
  }

  static boolean isValid(byte[] bytes, int offset, int length) {
    Utf8Validator validator = new Utf8Validator();
    return validator.accept(bytes, offset, length) && validator.atBoundary();
  }
}
