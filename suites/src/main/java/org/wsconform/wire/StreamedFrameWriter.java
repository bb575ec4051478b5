package org.wsconform.wire;

import java.util.function.Consumer;

/**
 * Writes a big frame masked slice by slice into a small buffer, so a 16 MiB message is not held a
 * second time as its encoded frame. The octets on the wire are exactly what {@link
 * FrameEncoder#encode} would give; only the TCP writes are cut differently, which so much data is
 * anyway.
 */
public final class StreamedFrameWriter {
  /** Frames from this size on are masked and written in slices instead of encoded whole. */
  public static final int STREAMED_FRAME = 1 << 20;

  private static final int SLICE = 256 << 10;

  private StreamedFrameWriter() {}

  /**
   * Whether {@code f} goes out in slices: a big frame with no chopping, no sync and its real length
   * (those options need the whole frame as one encoded array).
   */
  public static boolean streams(Frame f, SendOptions o) {
    return f.payload().length >= STREAMED_FRAME
        && o.chopSize() == 0
        && !o.sync()
        && o.declaredLength() == null;
  }

  /**
   * Hands the frame to {@code out} in slices of at most 256 KiB, the header in the first. The slice
   * array is reused between calls, so {@code out} must be done with it when it returns.
   */
  public static void write(Frame f, SendOptions o, int key, Consumer<byte[]> out) {
    byte[] p = f.payload();
    byte[] header =
        FrameEncoder.encode(
            new Frame(f.fin(), f.rsv(), f.opcode(), new byte[0]),
            o.withDeclaredLength((long) p.length),
            key);
    int first = Math.min(SLICE - header.length, p.length);
    byte[] slice = new byte[header.length + first];
    System.arraycopy(header, 0, slice, 0, header.length);
    maskInto(o, key, p, 0, slice, header.length, first);
    out.accept(slice);
    for (int i = first; i < p.length; i += SLICE) {
      int n = Math.min(SLICE, p.length - i);
      if (n != slice.length) slice = new byte[n];
      maskInto(o, key, p, i, slice, 0, n);
      out.accept(slice);
    }
  }

  private static void maskInto(
      SendOptions o, int key, byte[] src, int at, byte[] dst, int dstOff, int n) {
    if (o.masked()) {
      Masking.mask(key, at & 3, src, at, dst, dstOff, n);
    } else {
      System.arraycopy(src, at, dst, dstOff, n);
    }
  }
}
