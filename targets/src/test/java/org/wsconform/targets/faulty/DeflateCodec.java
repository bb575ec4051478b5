package org.wsconform.targets.faulty;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The client's side of permessage-deflate for the faulty server's tests (RFC 7692 §7.2.1, §7.2.2),
 * written from the RFC with {@code java.util.zip}, independent of the server's code.
 */
final class DeflateCodec {

  private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

  private DeflateCodec() {}

  /** Compresses one message with the deflater's context: sync flush, tail removed. */
  static byte[] compress(Deflater deflater, byte[] message) {
    deflater.setInput(message);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    do {
      n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
      out.write(buffer, 0, n);
    } while (n == buffer.length);
    byte[] all = out.toByteArray();
    if (all.length < 4 || !Arrays.equals(all, all.length - 4, all.length, TAIL, 0, 4)) {
      throw new AssertionError("a sync flush ends with 00 00 ff ff");
    }
    return Arrays.copyOf(all, all.length - 4);
  }

  /** A message compressed from an empty window. */
  static byte[] compress(byte[] message) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      return compress(deflater, message);
    } finally {
      deflater.end();
    }
  }

  /** Inflates one message's payload with the inflater's context, the tail restored. */
  static byte[] inflate(Inflater inflater, byte[] payload) throws DataFormatException {
    byte[] input = Arrays.copyOf(payload, payload.length + 4);
    System.arraycopy(TAIL, 0, input, payload.length, 4);
    inflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!inflater.needsInput() && !inflater.finished()) {
      int n = inflater.inflate(buffer);
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** Inflates with a fresh inflater: what a message must allow after server_no_context_takeover. */
  static byte[] inflateAlone(byte[] payload) throws DataFormatException {
    Inflater inflater = new Inflater(true);
    try {
      return inflate(inflater, payload);
    } finally {
      inflater.end();
    }
  }
}
