package org.wsconform.judge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.wsconform.wire.Hex;

/**
 * Something the target did that a case expects or not: a complete message, a pong, or a pause that
 * ended with the connection still open (Autobahn's fake "timeout" event). Compared by content:
 * type, octets, text/binary.
 */
public final class Event {
  public enum Type {
    MESSAGE,
    PONG,
    TIMEOUT,
    /** A peer's application reply that matched what a dialogue profile expects (the tag says). */
    REPLY
  }

  private final Type type;
  private final byte[] payload;
  private final boolean binary;
  private final String tag;

  private Event(Type type, byte[] payload, boolean binary, String tag) {
    this.type = type;
    this.payload = payload;
    this.binary = binary;
    this.tag = tag;
  }

  public static Event message(byte[] payload, boolean binary) {
    return new Event(Type.MESSAGE, payload, binary, null);
  }

  public static Event text(String text) {
    return message(text.getBytes(StandardCharsets.UTF_8), false);
  }

  public static Event binary(byte[] payload) {
    return message(payload, true);
  }

  public static Event pong(byte[] payload) {
    return new Event(Type.PONG, payload, true, null);
  }

  public static Event pong(String payload) {
    return pong(payload.getBytes(StandardCharsets.UTF_8));
  }

  /** The dialogue reply the tag names matched (peer=dialogue: it stands for the echo). */
  public static Event reply(String tag) {
    return new Event(Type.REPLY, new byte[0], false, tag);
  }

  public static Event timeout(String tag) {
    return new Event(Type.TIMEOUT, new byte[0], false, tag);
  }

  public Type type() {
    return type;
  }

  public byte[] payload() {
    return payload;
  }

  public boolean binary() {
    return binary;
  }

  public String tag() {
    return tag;
  }

  /**
   * Autobahn's JSON form: ["message", text-or-0xhex (64 chars), isBinary], ["pong", …], ["timeout",
   * tag].
   */
  public List<Object> toAutobahn() {
    List<Object> l = new ArrayList<>();
    switch (type) {
      case MESSAGE -> {
        l.add("message");
        l.add(Hex.readable(payload, 64));
        l.add(binary);
      }
      case PONG -> {
        l.add("pong");
        l.add(Hex.readable(payload, 64));
      }
      case TIMEOUT -> {
        l.add("timeout");
        l.add(tag);
      }
      case REPLY -> {
        l.add("reply");
        l.add(tag);
      }
    }
    return l;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Event e
        && e.type == type
        && (type != Type.MESSAGE || e.binary == binary)
        && Arrays.equals(e.payload, payload)
        && Objects.equals(e.tag, tag);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return switch (type) {
      case MESSAGE ->
          (binary ? "binary" : "text")
              + " message ("
              + payload.length
              + " octets) '"
              + Hex.readable(payload, 40)
              + "'";
      case PONG -> "pong (" + payload.length + " octets) '" + Hex.readable(payload, 40) + "'";
      case TIMEOUT -> "still open after pause " + tag;
      case REPLY -> tag;
    };
  }
}
