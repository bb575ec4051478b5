package org.wsconform.deflate;

import java.util.Arrays;

/**
 * A small pure-Java RFC 1951 decoder (stored, fixed and dynamic Huffman blocks) that notes every
 * back-reference's distance, so that a case can check what the server agreed to: after {@code
 * server_max_window_bits=N} no distance exceeds 2^N, and after {@code server_no_context_takeover}
 * no distance reaches before the message's start. java.util.zip.Inflater cannot say this. Decoding
 * follows zlib's reference decoder "puff" (canonical Huffman codes decoded a bit at a time): simple
 * rather than fast, since only the cases that check a server's window or context use it.
 *
 * <p>Like a permessage-deflate receiver, it keeps the history (32 KiB) across messages until {@link
 * #reset()}, so a reference into an earlier message is decoded, and reported. A block with BFINAL
 * set ends the deflate stream, as in zlib: the next message then starts a fresh history.
 */
public final class TracingInflater {
  private static final int WINDOW = 1 << 15;
  private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
  private static final short[] LBASE = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258
  };
  private static final byte[] LEXT = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
  };
  private static final int[] DBASE = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
    3073, 4097, 6145, 8193, 12289, 16385, 24577
  };
  private static final byte[] DEXT = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
  };
  private static final byte[] CLEN_ORDER = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
  };
  private static final Huffman FIXED_LITLEN;
  private static final Huffman FIXED_DIST;

  static {
    byte[] l = new byte[288];
    Arrays.fill(l, 0, 144, (byte) 8);
    Arrays.fill(l, 144, 256, (byte) 9);
    Arrays.fill(l, 256, 280, (byte) 7);
    Arrays.fill(l, 280, 288, (byte) 8);
    byte[] d = new byte[30];
    Arrays.fill(d, (byte) 5);
    try {
      FIXED_LITLEN = Huffman.of(l, 288, "fixed literal/length");
      FIXED_DIST =
          Huffman.of(d, 30, "fixed distance", true); // 30 of 32 codes: incomplete by design
    } catch (DataError e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * What one message's data did.
   *
   * @param payload the inflated octets
   * @param maxDistance the largest back-reference distance used (0 when none)
   * @param reachBeforeStart how many octets before the message's first octet the farthest reference
   *     reached (0 when all stayed inside the message)
   * @param storedBlocks blocks of type 00
   * @param fixedBlocks blocks of type 01
   * @param dynamicBlocks blocks of type 10
   * @param backReferences how many back-references were decoded
   */
  public record Trace(
      byte[] payload,
      int maxDistance,
      long reachBeforeStart,
      int storedBlocks,
      int fixedBlocks,
      int dynamicBlocks,
      long backReferences) {

    /** Whether every back-reference stays within a window of {@code 2^bits} octets. */
    public boolean fitsWindow(int bits) {
      return maxDistance <= (1 << bits);
    }

    public int blocks() {
      return storedBlocks + fixedBlocks + dynamicBlocks;
    }
  }

  /** Corrupt or truncated deflate data, with where decoding failed. */
  public static final class DataError extends Exception {
    public DataError(String message) {
      super(message);
    }
  }

  private final long maxOutput;
  private final byte[] window = new byte[WINDOW];
  private long total; // octets decoded since the history was last reset
  private boolean streamEnded;

  // the data being decoded
  private byte[] in;
  private int pos;
  private int end;
  private int start;
  private int bitBuf;
  private int bitCnt;
  // the message being produced
  private byte[] out = new byte[256];
  private int outN;
  private long messageStart;
  private int maxDistance;
  private long reachBeforeStart;
  private long backReferences;

  /**
   * @param maxOutput the largest message it inflates (a deflate bomb stops with a DataError)
   */
  public TracingInflater(long maxOutput) {
    this.maxOutput = maxOutput;
  }

  /** Inflates one permessage-deflate message (the {@code 00 00 ff ff} tail is appended here). */
  public Trace inflateMessage(byte[] compressed) throws DataError {
    byte[] data = Arrays.copyOf(compressed, compressed.length + 4);
    System.arraycopy(TAIL, 0, data, compressed.length, 4);
    return inflateRaw(data, 0, data.length);
  }

  /**
   * Inflates raw deflate data as it is (no tail appended), up to its final block or its end, within
   * the same history.
   */
  public Trace inflateRaw(byte[] data, int off, int len) throws DataError {
    if (streamEnded) reset();
    in = data;
    pos = off;
    start = off;
    end = off + len;
    bitBuf = 0;
    bitCnt = 0;
    outN = 0;
    messageStart = total;
    maxDistance = 0;
    reachBeforeStart = 0;
    backReferences = 0;
    int stored = 0;
    int fixed = 0;
    int dynamic = 0;
    // a block needs at least 10 bits (a fixed block holding only end-of-block); fewer are padding
    while (!streamEnded && (long) (end - pos) * 8 + bitCnt >= 10) {
      boolean last = bits(1) == 1;
      int type = bits(2);
      switch (type) {
        case 0 -> {
          stored();
          stored++;
        }
        case 1 -> {
          codes(FIXED_LITLEN, FIXED_DIST);
          fixed++;
        }
        case 2 -> {
          dynamic();
          dynamic++;
        }
        default -> throw error("invalid block type 3");
      }
      if (last) streamEnded = true;
    }
    Trace t =
        new Trace(
            Arrays.copyOf(out, outN),
            maxDistance,
            reachBeforeStart,
            stored,
            fixed,
            dynamic,
            backReferences);
    if (out.length > (1 << 20)) out = new byte[256];
    in = null;
    return t;
  }

  /** Forgets the history: the next message starts with an empty window. */
  public void reset() {
    total = 0;
    streamEnded = false;
  }

  // ---------------------------------------------------------------- blocks

  private void stored() throws DataError {
    bitBuf = 0; // skip to a byte boundary: bits() never holds a whole unread byte
    bitCnt = 0;
    if (end - pos < 4) throw error("truncated stored block header");
    int len = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8;
    int nlen = (in[pos + 2] & 0xff) | (in[pos + 3] & 0xff) << 8;
    if (len != (~nlen & 0xffff))
      throw error("stored block LEN " + len + " does not match NLEN " + nlen);
    pos += 4;
    if (end - pos < len)
      throw error("truncated stored block (" + len + " octets declared, " + (end - pos) + " left)");
    for (int i = 0; i < len; i++) put(in[pos++]);
  }

  private void dynamic() throws DataError {
    int nlen = bits(5) + 257;
    int ndist = bits(5) + 1;
    int ncode = bits(4) + 4;
    if (nlen > 286 || ndist > 30)
      throw error("too many length or distance codes (" + nlen + ", " + ndist + ")");
    byte[] lengths = new byte[320];
    for (int i = 0; i < ncode; i++) lengths[CLEN_ORDER[i]] = (byte) bits(3);
    Huffman lencode = Huffman.of(lengths, 19, "code length");
    byte[] l = new byte[nlen + ndist];
    int index = 0;
    while (index < nlen + ndist) {
      int symbol = decode(lencode);
      if (symbol < 16) {
        l[index++] = (byte) symbol;
        continue;
      }
      int len = 0;
      int repeat;
      if (symbol == 16) {
        if (index == 0) throw error("repeat of a previous length with no previous length");
        len = l[index - 1];
        repeat = 3 + bits(2);
      } else if (symbol == 17) {
        repeat = 3 + bits(3);
      } else {
        repeat = 11 + bits(7);
      }
      if (index + repeat > nlen + ndist) throw error("too many lengths");
      while (repeat-- > 0) l[index++] = (byte) len;
    }
    if (l[256] == 0) throw error("no code for end-of-block");
    Huffman litlen = Huffman.of(Arrays.copyOfRange(l, 0, nlen), nlen, "literal/length");
    Huffman dist = Huffman.of(Arrays.copyOfRange(l, nlen, nlen + ndist), ndist, "distance");
    codes(litlen, dist);
  }

  private void codes(Huffman litlen, Huffman dist) throws DataError {
    while (true) {
      int symbol = decode(litlen);
      if (symbol < 256) {
        put((byte) symbol);
      } else if (symbol == 256) {
        return;
      } else {
        symbol -= 257;
        if (symbol >= 29) throw error("invalid length symbol " + (symbol + 257));
        int len = LBASE[symbol] + bits(LEXT[symbol]);
        int ds = decode(dist);
        if (ds >= 30) throw error("invalid distance symbol " + ds);
        int d = DBASE[ds] + bits(DEXT[ds]);
        copy(d, len);
      }
    }
  }

  // ---------------------------------------------------------------- output

  private void put(byte b) throws DataError {
    if (outN == out.length) grow();
    out[outN++] = b;
    window[(int) (total & (WINDOW - 1))] = b;
    total++;
  }

  private void copy(int distance, int length) throws DataError {
    if (distance > total) {
      throw error(
          "distance "
              + distance
              + " reaches before the start of the data ("
              + total
              + " octets decoded)");
    }
    backReferences++;
    if (distance > maxDistance) maxDistance = distance;
    long inMessage = total - messageStart;
    if (distance > inMessage && distance - inMessage > reachBeforeStart)
      reachBeforeStart = distance - inMessage;
    for (int i = 0; i < length; i++) put(window[(int) ((total - distance) & (WINDOW - 1))]);
  }

  private void grow() throws DataError {
    if (outN >= maxOutput)
      throw new DataError("inflated data exceeds the limit of " + maxOutput + " octets");
    out = Arrays.copyOf(out, (int) Math.min(out.length * 2L, maxOutput));
  }

  // ---------------------------------------------------------------- bits and codes

  private int bits(int n) throws DataError {
    while (bitCnt < n) {
      if (pos >= end) throw error("data ends inside a block");
      bitBuf |= (in[pos++] & 0xff) << bitCnt;
      bitCnt += 8;
    }
    int v = bitBuf & ((1 << n) - 1);
    bitBuf >>>= n;
    bitCnt -= n;
    return v;
  }

  /** Canonical Huffman decoding a bit at a time (RFC 1951 §3.2.2, zlib's puff.c). */
  private int decode(Huffman h) throws DataError {
    int code = 0;
    int first = 0;
    int index = 0;
    for (int len = 1; len <= 15; len++) {
      code |= bits(1);
      int count = h.count[len];
      if (code - count < first) return h.symbol[index + (code - first)];
      index += count;
      first += count;
      first <<= 1;
      code <<= 1;
    }
    throw error("no " + h.name + " code matches the data");
  }

  private DataError error(String why) {
    long bit = (long) (pos - start) * 8 - bitCnt;
    return new DataError("invalid deflate data at bit " + bit + ": " + why + " (RFC 1951 §3.2)");
  }

  /** A canonical Huffman code as counts per length and symbols in code order. */
  private static final class Huffman {
    final short[] count = new short[16];
    final short[] symbol;
    final String name;

    private Huffman(int n, String name) {
      this.symbol = new short[n];
      this.name = name;
    }

    static Huffman of(byte[] lengths, int n, String name) throws DataError {
      return of(lengths, n, name, false);
    }

    static Huffman of(byte[] lengths, int n, String name, boolean fixed) throws DataError {
      Huffman h = new Huffman(n, name);
      for (int s = 0; s < n; s++) h.count[lengths[s]]++;
      if (h.count[0] == n) return h; // no codes: only an error if a symbol is then decoded
      int left = 1;
      for (int len = 1; len <= 15; len++) {
        left <<= 1;
        left -= h.count[len];
        if (left < 0) throw new DataError("over-subscribed " + name + " code (RFC 1951 §3.2.2)");
      }
      // incomplete codes are allowed only for a single code of length 1 (RFC 1951 §3.2.7, as zlib)
      if (left > 0 && !fixed && n - h.count[0] != 1) {
        throw new DataError("incomplete " + name + " code (RFC 1951 §3.2.2)");
      }
      short[] offs = new short[16];
      for (int len = 1; len < 15; len++) offs[len + 1] = (short) (offs[len] + h.count[len]);
      for (int s = 0; s < n; s++) {
        if (lengths[s] != 0) h.symbol[offs[lengths[s]]++] = (short) s;
      }
      return h;
    }
  }
}
