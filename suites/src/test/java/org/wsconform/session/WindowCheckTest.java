package org.wsconform.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.wsconform.deflate.Agreement;
import org.wsconform.deflate.TracingInflater;

/**
 * The window and context check every compressed message from an application peer gets (RFC 7692
 * §7.1.1.1, §7.1.2.1), on data compressed by zlib with its full 2^15 window.
 */
class WindowCheckTest {
  private static byte[] letters(int n, long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) ('a' + r.nextInt(26));
    return b;
  }

  /** One message as permessage-deflate sends it: sync flush, the 00 00 ff ff tail removed. */
  private static byte[] compress(Deflater d, byte[] message) {
    d.setInput(message);
    byte[] out = new byte[message.length * 2 + 64];
    int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
    return Arrays.copyOf(out, n - 4);
  }

  @Test
  void aBackReferenceBeyondTheAgreedWindowIsNamed() throws Exception {
    byte[] block = letters(2048, 1);
    byte[] twice = new byte[4096];
    System.arraycopy(block, 0, twice, 0, 2048);
    System.arraycopy(block, 0, twice, 2048, 2048);
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    TracingInflater.Trace t = new TracingInflater(1 << 20).inflateMessage(compress(d, twice));
    assertThat(WindowCheck.problem(new Agreement(false, false, 15, 15), t)).isNull();
    assertThat(WindowCheck.problem(new Agreement(false, false, 10, 15), t))
        .contains("2^10 = 1024", "observed a distance of 2048", "RFC 7692 §7.1.2.1");
  }

  @Test
  void aReferenceIntoTheMessageBeforeIsNamedAfterNoContextTakeover() throws Exception {
    byte[] text = letters(600, 2);
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    TracingInflater tracer = new TracingInflater(1 << 20);
    Agreement fresh = new Agreement(true, false, 15, 15);
    assertThat(WindowCheck.problem(fresh, tracer.inflateMessage(compress(d, text)))).isNull();
    // the same compressor again: the second message refers back into the first
    assertThat(WindowCheck.problem(fresh, tracer.inflateMessage(compress(d, text))))
        .contains("before the message's start", "RFC 7692 §7.1.1.1");
  }
}
