package org.wsconform.targets.faultyclient;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate for one connection. {@link Deflater} always has a 2^15 window, so a smaller
 * one is honoured by Huffman coding only: no back-reference at all fits any window.
 */
final class ClientDeflate {
  private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

  private final boolean noContext;
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final Inflater inflater = new Inflater(true);

  ClientDeflate(boolean noContext, boolean smallWindow) {
    this.noContext = noContext;
    if (smallWindow) deflater.setStrategy(Deflater.HUFFMAN_ONLY);
  }

  byte[] compress(byte[] payload) {
    if (noContext) deflater.reset();
    deflater.setInput(payload);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    // a strategy change makes the first call flush the old settings only: loop until the
    // input is taken and a call leaves room in the buffer (the sync flush is complete)
    int n;
    do {
      n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
      out.write(buf, 0, n);
    } while (n == buf.length || !deflater.needsInput() || out.size() < 4);
    byte[] b = out.toByteArray();
    return java.util.Arrays.copyOf(b, b.length - 4); // the 00 00 ff ff tail (RFC 7692 §7.2.1)
  }

  byte[] inflate(byte[] compressed) throws DataFormatException {
    byte[] data = java.util.Arrays.copyOf(compressed, compressed.length + 4);
    System.arraycopy(TAIL, 0, data, compressed.length, 4);
    inflater.setInput(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!inflater.needsInput()) {
      int n = inflater.inflate(buf);
      if (n == 0 && inflater.needsInput()) break;
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
