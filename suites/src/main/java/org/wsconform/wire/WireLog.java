package org.wsconform.wire;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The typed, timestamped evidence of one connection: octets and frames both ways, timers armed and
 * fired, violations, and who dropped TCP. Thread-safe; every verdict keeps its wire log.
 */
public final class WireLog {
  /** Row kinds, Autobahn's where they exist. */
  public enum Kind {
    TO,
    RO,
    TF,
    RF,
    KL,
    KLE,
    TI,
    TIE,
    CT,
    CTE,
    DROP,
    VIOLATION,
    NOTE
  }

  public record Entry(double atMillis, Kind kind, String text, Integer length, String hex) {}

  private static final int HEX_PREVIEW = 64;

  /**
   * Rows kept per connection: the first {@value #HEAD_ROWS} and the last {@value #TAIL_ROWS}. A
   * conformant server's case logs a few hundred rows at most; a flooding one (a million pings) must
   * not make each failed case hold megabytes while the run keeps it for its reports.
   */
  static final int HEAD_ROWS = 500;

  static final int TAIL_ROWS = 100;
  private final long t0 = System.nanoTime();
  private final List<Entry> entries = new ArrayList<>();
  private final ArrayDeque<Entry> tail = new ArrayDeque<>();
  private volatile boolean octets = true;
  private int suppressed;

  /** Octet rows can be switched off for bulk cases (Autobahn does it for 9.*); frames stay. */
  public void logOctets(boolean on) {
    octets = on;
  }

  private double now() {
    return (System.nanoTime() - t0) / 1_000_000.0;
  }

  public synchronized void add(Kind kind, String text, Integer length, String hex) {
    Entry e = new Entry(now(), kind, text, length, hex);
    if (entries.size() < HEAD_ROWS) {
      entries.add(e);
      return;
    }
    tail.addLast(e); // how the connection ended is kept whatever came before
    if (tail.size() > TAIL_ROWS) {
      tail.removeFirst();
      suppressed++;
    }
  }

  public void note(String text) {
    add(Kind.NOTE, text, null, null);
  }

  public void octetsSent(byte[] b, int off, int len, boolean sync) {
    if (!octets) return;
    add(
        Kind.TO,
        "sent " + len + " octets" + (sync ? " (sync)" : ""),
        len,
        Hex.of(b, off, Math.min(len, HEX_PREVIEW)) + (len > HEX_PREVIEW ? " ..." : ""));
  }

  public void octetsReceived(byte[] b, int off, int len) {
    if (!octets) return;
    add(
        Kind.RO,
        "received " + len + " octets",
        len,
        Hex.of(b, off, Math.min(len, HEX_PREVIEW)) + (len > HEX_PREVIEW ? " ..." : ""));
  }

  public void frameSent(Frame f, SendOptions o, Integer mask) {
    add(
        Kind.TF,
        describe(f)
            + (o.masked() ? " mask=" + String.format("%08x", mask) : " unmasked")
            + (o.chopSize() > 0 ? " chop=" + o.chopSize() : "")
            + (o.sync() ? " sync" : "")
            + (o.lengthEncoding() != LengthEncoding.MINIMAL ? " length=" + o.lengthEncoding() : "")
            + (o.declaredLength() != null ? " declared=" + o.declaredLength() : ""),
        f.payload().length,
        Hex.preview(f.payload(), HEX_PREVIEW));
  }

  public void frameReceived(DecodedFrame d) {
    Frame f = d.frame();
    add(
        Kind.RF,
        describe(f) + (d.masked() ? " MASKED" : ""),
        f.payload().length,
        Hex.preview(f.payload(), HEX_PREVIEW));
  }

  public static String describe(Frame f) {
    String payload =
        f.opcode() == Opcode.CLOSE && f.payload().length >= 2
            ? "code="
                + (((f.payload()[0] & 0xff) << 8) | (f.payload()[1] & 0xff))
                + (f.payload().length > 2
                    ? " reason='"
                        + Hex.readable(Arrays.copyOfRange(f.payload(), 2, f.payload().length), 40)
                        + "'"
                    : "")
            : "'" + Hex.readable(f.payload(), 40) + "'";
    return Opcode.name(f.opcode())
        + " fin="
        + (f.fin() ? 1 : 0)
        + " rsv="
        + f.rsv()
        + " len="
        + f.payload().length
        + " "
        + payload;
  }

  public synchronized List<Entry> entries() {
    List<Entry> copy = new ArrayList<>(entries.size() + tail.size() + 1);
    copy.addAll(entries);
    if (suppressed > 0) {
      copy.add(
          new Entry(
              tail.getFirst().atMillis(),
              Kind.NOTE,
              suppressed
                  + " rows not kept here (the first "
                  + HEAD_ROWS
                  + " and the last "
                  + TAIL_ROWS
                  + " rows of a connection are)",
              null,
              null));
    }
    copy.addAll(tail);
    return copy;
  }
}
