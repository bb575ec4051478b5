package org.wsconform.targets.faultyclient;

import java.io.IOException;
import java.io.InputStream;

/** The octets that came with the 101, then the socket. */
final class PushbackInput extends InputStream {
  private final byte[] first;
  private int pos;
  private final InputStream rest;

  PushbackInput(byte[] first, InputStream rest) {
    this.first = first;
    this.rest = rest;
  }

  @Override
  public int read() throws IOException {
    return pos < first.length ? first[pos++] & 0xff : rest.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (pos < first.length) {
      int n = Math.min(len, first.length - pos);
      System.arraycopy(first, pos, b, off, n);
      pos += n;
      return n;
    }
    return rest.read(b, off, len);
  }
}
