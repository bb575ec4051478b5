package org.wsconform.perf;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The messages a figure sends: a fixed pool of distinct ASCII texts of one size, made of words in
 * random order (seeded: every run sends the same octets). Distinct, because an echo of the same
 * message over and over compresses to a back-reference of a few octets, which would flatter
 * permessage-deflate; text, because a compressing target is usually sent text (JSON, chat).
 */
final class Payloads {
  private static final String[] WORDS = {
    "the",
    "websocket",
    "frame",
    "message",
    "server",
    "client",
    "deflate",
    "latency",
    "echo",
    "open",
    "close",
    "ping",
    "pong",
    "rate",
    "queue",
    "window",
    "buffer",
    "socket",
    "\"id\":",
    "\"value\":",
    "{",
    "}",
    "[",
    "]",
    "true",
    "false",
    "null",
    "0",
    "17",
    "4242",
    "3.14",
    "time",
    "user",
    "event",
    "update",
    "state",
    "connection",
    "payload",
    "text",
    "binary"
  };

  private final byte[][] pool;
  private int next;

  Payloads(int size, int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    pool = new byte[count][];
    for (int i = 0; i < count; i++) {
      StringBuilder sb = new StringBuilder(size + 16);
      while (sb.length() < size) {
        sb.append(WORDS[r.nextInt(WORDS.length)]);
        // numbers that differ from message to message, as real records do
        if (r.nextInt(4) == 0) sb.append(r.nextInt(100000));
        sb.append(' ');
      }
      sb.setLength(size);
      pool[i] = sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** A pool of size-appropriate depth: 256 small messages, fewer big ones (memory). */
  static Payloads of(int size) {
    int count = size >= 32 * 1024 ? 32 : size >= 4096 ? 64 : 256;
    return new Payloads(size, count, 6455L + size);
  }

  byte[] next() {
    byte[] p = pool[next];
    next = (next + 1) % pool.length;
    return p;
  }
}
