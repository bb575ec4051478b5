package org.wsconform.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well permessage-deflate compressed the messages of one session, each way (RFC 7692): how many
 * messages went compressed, their octets before compression ({@code bytesIn}) and on the wire
 * ({@code bytesOut}), and the ratio {@code bytesIn / bytesOut} (3.0 = a third of the size). The
 * sender's and the reader's threads both count, hence the lock.
 */
public final class CompressionTally {
  private final long[] sent = new long[3];
  private final long[] received = new long[3];

  /** A message the harness compressed (or sent pre-compressed) and sent. */
  synchronized void sent(long uncompressed, long compressed) {
    add(sent, uncompressed, compressed);
  }

  /** A message the peer sent compressed, inflated whole. */
  synchronized void received(long uncompressed, long compressed) {
    add(received, uncompressed, compressed);
  }

  private static void add(long[] t, long uncompressed, long compressed) {
    t[0]++;
    t[1] += uncompressed;
    t[2] += compressed;
  }

  /** Whether any message went compressed either way. */
  public synchronized boolean isEmpty() {
    return sent[0] == 0 && received[0] == 0;
  }

  /**
   * {@code {sent: {messages, bytesIn, bytesOut, ratio}, received: {...}}}, for the case record's
   * details; ratio is null for a direction without compressed messages.
   */
  public synchronized Map<String, Object> details() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sent", direction(sent));
    m.put("received", direction(received));
    return m;
  }

  private static Map<String, Object> direction(long[] t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messages", t[0]);
    m.put("bytesIn", t[1]);
    m.put("bytesOut", t[2]);
    m.put("ratio", t[2] == 0 ? null : Math.round(t[1] * 1000.0 / t[2]) / 1000.0);
    return m;
  }
}
