package org.wsconform.wire;

/**
 * Incremental UTF-8 validation per RFC 3629 (Unicode Table 3-7): no overlong forms, no UTF-16
 * surrogates, nothing above U+10FFFF. Incremental, because fail-fast (Autobahn 6.4.x) and
 * fragmented messages need to know after each chunk whether the bytes so far can still be a prefix
 * of valid UTF-8.
 */
public final class Utf8Validator {
  private int remaining; // continuation bytes still expected for the current code point
  private int lower = 0x80; // allowed range of the next continuation byte
  private int upper = 0xBF;
  private boolean failed;
  private long offset; // octets consumed so far, for "invalid at octet N" messages
  private long failedAt = -1;

  /**
   * Feeds more octets. Returns false as soon as the stream cannot be valid UTF-8 any more; the
   * validator then stays failed.
   */
  public boolean update(byte[] b, int off, int len) {
    if (failed) return false;
    int end = off + len;
    for (int i = off; i < end; i++, offset++) {
      int c = b[i] & 0xff;
      if (remaining == 0) {
        if (c < 0x80) {
          // ASCII runs 16 octets a turn: one branch on the OR of the octets' sign bits, plain
          // array loads (fast under C1 too, which scripts/wsconform runs with).
          int j = i + 1;
          while (j + 16 <= end
              && (b[j] | b[j + 1] | b[j + 2] | b[j + 3] | b[j + 4] | b[j + 5] | b[j + 6] | b[j + 7]
                      | b[j + 8] | b[j + 9] | b[j + 10] | b[j + 11] | b[j + 12] | b[j + 13]
                      | b[j + 14] | b[j + 15])
                  >= 0) {
            j += 16;
          }
          offset += j - 1 - i;
          i = j - 1;
          continue;
        }
        lower = 0x80;
        upper = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
          remaining = 1;
        } else if (c == 0xE0) {
          remaining = 2;
          lower = 0xA0;
        } else if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) {
          remaining = 2;
        } else if (c == 0xED) {
          remaining = 2;
          upper = 0x9F;
        } else if (c == 0xF0) {
          remaining = 3;
          lower = 0x90;
        } else if (c >= 0xF1 && c <= 0xF3) {
          remaining = 3;
        } else if (c == 0xF4) {
          remaining = 3;
          upper = 0x8F;
        } else {
          return fail();
        }
      } else {
        if (c < lower || c > upper) return fail();
        lower = 0x80;
        upper = 0xBF;
        remaining--;
      }
    }
    return true;
  }

  public boolean update(byte[] b) {
    return update(b, 0, b.length);
  }

  private boolean fail() {
    failed = true;
    failedAt = offset;
    return false;
  }

  /** True when everything fed so far is valid and ends on a code point boundary. */
  public boolean isComplete() {
    return !failed && remaining == 0;
  }

  public boolean isFailed() {
    return failed;
  }

  /** 0-based index of the first octet that made the stream invalid, or -1. */
  public long failedAt() {
    return failedAt;
  }

  public void reset() {
    remaining = 0;
    lower = 0x80;
    upper = 0xBF;
    failed = false;
    offset = 0;
    failedAt = -1;
  }

  public static boolean isValid(byte[] b) {
    Utf8Validator v = new Utf8Validator();
    return v.update(b) && v.isComplete();
  }
}
