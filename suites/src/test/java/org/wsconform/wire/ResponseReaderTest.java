package org.wsconform.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.wsconform.wire.ResponseReader.BadResponse;

class ResponseReaderTest {
  private static final String HEAD =
      "HTTP/1.1 101 Switching Protocols\r\n"
          + "Upgrade: websocket\r\n"
          + "Connection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
          + "\r\n";

  private static long later() {
    return System.nanoTime() + 60_000_000_000L;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Hands out at most {@code chunk} octets per read. */
  private static final class Trickle extends InputStream {
    private final byte[] data;
    private final int chunk;
    private int pos;
    int reads;

    Trickle(byte[] data, int chunk) {
      this.data = data;
      this.chunk = chunk;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException("the reader should read in blocks");
    }

    @Override
    public int read(byte[] b, int off, int len) {
      reads++;
      if (pos >= data.length) return -1;
      int n = Math.min(Math.min(chunk, len), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** Never has data: every read times out, as a socket with SO_TIMEOUT would. */
  private static final class AlwaysTimesOut extends InputStream {
    int reads;

    @Override
    public int read() throws IOException {
      reads++;
      throw new SocketTimeoutException("Read timed out");
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return read();
    }
  }

  @Test
  void parses101AndKeepsLeftoverFrameOctets() throws IOException {
    byte[] frames = Hex.parse("81 05 48 65 6c 6c 6f 89 00");
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    ResponseHead r =
        ResponseReader.read(
            new ByteArrayInputStream(concat(bytes(HEAD), frames)),
            later(),
            (b, off, len) -> seen.write(b, off, len));
    assertThat(r.version()).isEqualTo("HTTP/1.1");
    assertThat(r.status()).isEqualTo(101);
    assertThat(r.reason()).isEqualTo("Switching Protocols");
    assertThat(r.headers())
        .extracting(Header::name)
        .containsExactly("Upgrade", "Connection", "Sec-WebSocket-Accept");
    assertThat(r.header("sec-websocket-accept")).contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    assertThat(r.hasToken("connection", "upgrade")).isTrue();
    assertThat(r.raw()).isEqualTo(HEAD);
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 101 Switching Protocols");
    assertThat(r.leftover()).isEqualTo(frames);
    assertThat(seen.toByteArray())
        .as("the listener saw every octet read")
        .isEqualTo(concat(bytes(HEAD), frames));
  }

  @Test
  void skipsInterimResponsesBeforeThe101AndKeepsThemAsEvidence() throws IOException {
    String interim =
        "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload; as=style\r\n\r\n";
    byte[] frames = Hex.parse("81 02 68 69");
    for (int chunk : new int[] {1, 7, 4096}) {
      ResponseHead r =
          ResponseReader.read(
              new Trickle(concat(bytes(interim + HEAD), frames), chunk), later(), null);
      assertThat(r.status()).as("chunk " + chunk).isEqualTo(101);
      assertThat(r.raw()).isEqualTo(HEAD);
      // what arrived with the 101 is kept; a 1-octet trickle has not delivered the frames yet
      if (chunk == 4096) assertThat(r.leftover()).isEqualTo(frames);
      assertThat(r.interim())
          .containsExactly(
              "HTTP/1.1 100 Continue\r\n\r\n",
              "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload; as=style\r\n\r\n");
    }
  }

  @Test
  void aFinalNon101AfterInterimResponsesIsTheAnswer() throws IOException {
    ResponseHead r =
        ResponseReader.read(
            new ByteArrayInputStream(
                bytes("HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 403 Forbidden\r\n\r\n")),
            later(),
            null);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.interim()).hasSize(1);
  }

  @Test
  void endlessInterimResponsesAreCappedLikeOneHead() {
    byte[] one = bytes("HTTP/1.1 100 Continue\r\n\r\n");
    byte[] many = new byte[ResponseReader.MAX_HEAD * 2];
    for (int i = 0; i + one.length <= many.length; i += one.length)
      System.arraycopy(one, 0, many, i, one.length);
    assertThatThrownBy(() -> ResponseReader.read(new Trickle(many, 4096), later(), null))
        .isInstanceOf(BadResponse.class)
        .hasMessageContaining("interim (1xx) responses")
        .hasMessageContaining("RFC 9110 §15.2");
  }

  @Test
  void noLeftoverWhenTheHeadEndsTheChunk() throws IOException {
    ResponseHead r = ResponseReader.read(new ByteArrayInputStream(bytes(HEAD)), later(), null);
    assertThat(r.leftover()).isEmpty();
    assertThat(r.status()).isEqualTo(101);
  }

  @Test
  void headSplitIntoOneByteReads() throws IOException {
    byte[] frames = Hex.parse("81 02 68 69");
    Trickle in = new Trickle(concat(bytes(HEAD), frames), 1);
    ResponseHead r = ResponseReader.read(in, later(), null);
    assertThat(r.status()).isEqualTo(101);
    assertThat(r.raw()).isEqualTo(HEAD);
    assertThat(r.headers()).hasSize(3);
    assertThat(r.leftover()).as("nothing read past the blank line with 1-byte reads").isEmpty();
    assertThat(in.reads).isEqualTo(HEAD.length());
  }

  @Test
  void headSplitAtEveryChunkSize() throws IOException {
    byte[] frames = Hex.parse("81 02 68 69");
    byte[] all = concat(bytes(HEAD), frames);
    for (int chunk = 1; chunk <= all.length; chunk++) {
      ResponseHead r = ResponseReader.read(new Trickle(all, chunk), later(), null);
      assertThat(r.raw()).as("chunk %d", chunk).isEqualTo(HEAD);
      // whatever came in the same read as the blank line is kept, in order
      int k = r.leftover().length;
      assertThat(k).isLessThanOrEqualTo(frames.length);
      assertThat(r.leftover()).as("chunk %d", chunk).isEqualTo(Arrays.copyOf(frames, k));
      int headEnd = HEAD.length();
      int chunkEnd = Math.min(all.length, ((headEnd + chunk - 1) / chunk) * chunk);
      assertThat(k).as("chunk %d", chunk).isEqualTo(chunkEnd - headEnd);
    }
  }

  @Test
  void bareLfLineEndingsAreAccepted() throws IOException {
    String lf = "HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\n\n";
    ResponseHead r =
        ResponseReader.read(new Trickle(concat(bytes(lf), Hex.parse("8a00")), 1000), later(), null);
    assertThat(r.status()).isEqualTo(101);
    assertThat(r.header("Upgrade")).contains("websocket");
    assertThat(r.leftover()).isEqualTo(Hex.parse("8a00"));
  }

  @Test
  void non101StatusIsParsedNotRejected() throws IOException {
    String s = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    ResponseHead r = ResponseReader.read(new ByteArrayInputStream(bytes(s)), later(), null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.reason()).isEqualTo("Bad Request");
  }

  @Test
  void headOver64KiBIsRejected() {
    byte[] big = new byte[200_000];
    byte[] start = bytes("HTTP/1.1 101 Switching Protocols\r\nX-Filler: ");
    System.arraycopy(start, 0, big, 0, start.length);
    Arrays.fill(big, start.length, big.length, (byte) 'a');
    Trickle in = new Trickle(big, 8192);
    assertThatThrownBy(() -> ResponseReader.read(in, later(), null))
        .isInstanceOf(BadResponse.class)
        .hasMessageContaining("65536")
        .satisfies(e -> assertThat(((BadResponse) e).partial()).startsWith("HTTP/1.1 101"));
    assertThat(in.pos)
        .as("stops reading shortly after the limit")
        .isLessThanOrEqualTo(ResponseReader.MAX_HEAD + 4096);
  }

  @Test
  void eofBeforeAnyResponse() {
    assertThatThrownBy(
            () -> ResponseReader.read(new ByteArrayInputStream(new byte[0]), later(), null))
        .isInstanceOf(BadResponse.class)
        .hasMessageContaining("closed the connection without answering");
  }

  @Test
  void eofInTheMiddleOfTheHead() {
    byte[] partial = bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n");
    assertThatThrownBy(() -> ResponseReader.read(new Trickle(partial, 7), later(), null))
        .isInstanceOf(BadResponse.class)
        .hasMessageContaining("in the middle of the response head")
        .satisfies(
            e ->
                assertThat(((BadResponse) e).partial())
                    .isEqualTo(new String(partial, StandardCharsets.ISO_8859_1)));
  }

  @Test
  void garbageStatusLine() {
    assertThatThrownBy(
            () ->
                ResponseReader.read(
                    new ByteArrayInputStream(bytes("garbage\r\n\r\n")), later(), null))
        .isInstanceOf(BadResponse.class)
        .hasMessageContaining("not an HTTP status line")
        .hasMessageContaining("garbage");
    assertThatThrownBy(
            () ->
                ResponseReader.read(
                    new ByteArrayInputStream(bytes("SIP/2.0 101 X\r\n\r\n")), later(), null))
        .isInstanceOf(BadResponse.class)
        .hasMessageContaining("not an HTTP status line");
    assertThatThrownBy(
            () ->
                ResponseReader.read(
                    new ByteArrayInputStream(bytes("HTTP/1.1 abc OK\r\n\r\n")), later(), null))
        .isInstanceOf(BadResponse.class)
        .hasMessageContaining("status code is not a number");
  }

  @Test
  void malformedHeaderLine() {
    String s = "HTTP/1.1 101 Switching Protocols\r\nno colon here\r\n\r\n";
    assertThatThrownBy(() -> ResponseReader.read(new ByteArrayInputStream(bytes(s)), later(), null))
        .isInstanceOf(BadResponse.class)
        .hasMessageContaining("malformed header line")
        .hasMessageContaining("no colon here");
  }

  @Test
  void deadlineAlreadyPassedWithNoData() {
    AlwaysTimesOut in = new AlwaysTimesOut();
    assertThatThrownBy(() -> ResponseReader.read(in, System.nanoTime() - 1, null))
        .isInstanceOf(BadResponse.class)
        .hasMessageContaining("deadline")
        .hasMessageContaining("no response");
  }

  @Test
  void socketTimeoutsAreRetriedNotFatal() throws IOException {
    byte[] all = bytes(HEAD);
    InputStream in =
        new InputStream() {
          int timeouts;
          int pos;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (timeouts++ < 5) throw new SocketTimeoutException("Read timed out");
            if (pos >= all.length) return -1;
            int n = Math.min(len, all.length - pos);
            System.arraycopy(all, pos, b, off, n);
            pos += n;
            return n;
          }
        };
    ResponseHead r = ResponseReader.read(in, later(), null);
    assertThat(r.status()).isEqualTo(101);
  }

  @Test
  void socketTimeoutsUntilTheDeadline() {
    AlwaysTimesOut in = new AlwaysTimesOut();
    long deadline = System.nanoTime() + 5_000_000L; // a few ms of SO_TIMEOUT wake-ups
    assertThatThrownBy(() -> ResponseReader.read(in, deadline, null))
        .isInstanceOf(BadResponse.class)
        .hasMessageContaining("deadline")
        .hasMessageContaining("no response");
    assertThat(System.nanoTime() - deadline).as("gave up only after the deadline").isGreaterThan(0);
  }

  @Test
  void deadlineInTheMiddleOfTheHead() {
    byte[] first = bytes("HTTP/1.1 101 Switching");
    InputStream in =
        new InputStream() {
          boolean sent;

          @Override
          public int read() throws IOException {
            throw new SocketTimeoutException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (sent) throw new SocketTimeoutException();
            sent = true;
            System.arraycopy(first, 0, b, off, first.length);
            return first.length;
          }
        };
    long deadline =
        System.nanoTime() + 100_000_000L; // generous: the first read must happen before it
    assertThatThrownBy(() -> ResponseReader.read(in, deadline, null))
        .isInstanceOf(BadResponse.class)
        .hasMessageContaining("incomplete at the deadline")
        .hasMessageContaining(first.length + " octets");
  }
}
