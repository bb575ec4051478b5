package org.wsconform.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application's own exchange, from a target's profile: the request(s) the harness sends after a
 * message the peer should accept, what the reply to each must match, the application's heartbeats
 * to answer, and the messages the peer may send unprompted.
 *
 * <pre>
 * dialogue.request=text:{"type":"connection_init"}    or binary:&lt;hex&gt;; .1= .2= ... sent in order
 * dialogue.reply=json:type=connection_ack             the reply to the last request; .N= to request N
 * dialogue.heartbeat=2-&gt;3                              text "2" from the peer is answered with "3"
 * dialogue.unsolicited=regex:^0\{.*                   accepted unprompted; .N= for several
 * </pre>
 *
 * @param requests in the order they are sent, each with the reply it expects (or none)
 * @param heartbeats the peer's heartbeat texts and the harness's answer to each
 * @param unsolicited messages the peer may send unprompted (not an answer to anything)
 */
public record Dialogue(
    List<Request> requests, List<Heartbeat> heartbeats, List<MessageMatcher> unsolicited) {

  /** No request, heartbeat or unsolicited message. */
  public static final Dialogue NONE = new Dialogue(List.of(), List.of(), List.of());

  public Dialogue {
    requests = List.copyOf(requests);
    heartbeats = List.copyOf(heartbeats);
    unsolicited = List.copyOf(unsolicited);
  }

  /**
   * One request.
   *
   * @param spec as the profile wrote it
   * @param reply what the reply must match, or null when the request expects none
   */
  public record Request(String spec, byte[] payload, boolean binary, MessageMatcher reply) {}

  /**
   * A heartbeat text from the peer ({@code ping}) and the text the harness answers ({@code pong}).
   */
  public record Heartbeat(String ping, String pong) {}

  /** The profile keys this class reads: dialogue.request, .reply, .heartbeat, .unsolicited (.N). */
  public static boolean isKey(String key) {
    return KEY.matcher(key).matches();
  }

  private static final Pattern KEY =
      Pattern.compile("dialogue\\.(request|reply|heartbeat|unsolicited)(\\.(\\d+))?");

  /**
   * Reads the dialogue.* keys of a profile (other keys are ignored); the message of the
   * IllegalArgumentException names the key at fault.
   */
  public static Dialogue parse(Map<String, String> keys) {
    TreeMap<Integer, String> requests = new TreeMap<>();
    TreeMap<Integer, String> replies = new TreeMap<>();
    TreeMap<Integer, String> heartbeats = new TreeMap<>();
    TreeMap<Integer, String> unsolicited = new TreeMap<>();
    String lastReply = null;
    for (Map.Entry<String, String> e : keys.entrySet()) {
      Matcher m = KEY.matcher(e.getKey());
      if (!m.matches()) continue;
      String v = e.getValue().strip();
      int n = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      if (m.group(3) != null && n == 0)
        throw new IllegalArgumentException(e.getKey() + ": numbering starts at 1");
      switch (m.group(1)) {
        case "request" -> requests.put(n, v);
        case "reply" -> {
          if (n == 0) lastReply = v;
          else replies.put(n, v);
        }
        case "heartbeat" -> heartbeats.put(n, v);
        default -> unsolicited.put(n, v);
      }
    }
    if (requests.containsKey(0) && requests.size() > 1)
      throw new IllegalArgumentException(
          "dialogue.request: use either dialogue.request or dialogue.request.1, .2, ...");
    List<Integer> order = new ArrayList<>(requests.keySet());
    for (int n : replies.keySet()) {
      if (!requests.containsKey(n))
        throw new IllegalArgumentException("dialogue.reply." + n + ": no dialogue.request." + n);
    }
    if (lastReply != null && order.isEmpty())
      throw new IllegalArgumentException("dialogue.reply: no dialogue.request to reply to");
    if (lastReply != null && replies.containsKey(order.get(order.size() - 1)))
      throw new IllegalArgumentException(
          "dialogue.reply and dialogue.reply."
              + order.get(order.size() - 1)
              + " both name the reply to the last request");
    List<Request> rs = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      int n = order.get(i);
      String key = n == 0 ? "dialogue.request" : "dialogue.request." + n;
      String reply = replies.get(n);
      if (reply == null && i == order.size() - 1) reply = lastReply;
      rs.add(request(key, requests.get(n), reply));
    }
    List<Heartbeat> hs = new ArrayList<>();
    heartbeats.forEach(
        (n, v) -> {
          int arrow = v.indexOf("->");
          if (arrow <= 0 || arrow + 2 >= v.length())
            throw new IllegalArgumentException(
                key("dialogue.heartbeat", n)
                    + ": write the peer's heartbeat text, '->', and the answer, e.g. 2->3; got '"
                    + v
                    + "'");
          hs.add(new Heartbeat(v.substring(0, arrow), v.substring(arrow + 2)));
        });
    List<MessageMatcher> us = new ArrayList<>();
    unsolicited.forEach((n, v) -> us.add(matcher(key("dialogue.unsolicited", n), v)));
    return new Dialogue(rs, hs, us);
  }

  private static String key(String base, int n) {
    return n == 0 ? base : base + "." + n;
  }

  private static Request request(String key, String spec, String reply) {
    byte[] payload;
    boolean binary;
    if (spec.startsWith("text:")) {
      payload = spec.substring(5).getBytes(StandardCharsets.UTF_8);
      binary = false;
    } else if (spec.startsWith("binary:")) {
      try {
        payload = MessageMatcher.hex(spec, spec.substring(7));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + ": " + e.getMessage());
      }
      binary = true;
    } else {
      throw new IllegalArgumentException(
          key + ": a request is text:<text> or binary:<hex>, got '" + spec + "'");
    }
    return new Request(spec, payload, binary, reply == null ? null : matcher(key, reply));
  }

  private static MessageMatcher matcher(String key, String spec) {
    try {
      return MessageMatcher.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage());
    }
  }

  /** The answer to a heartbeat text, or null when the text is none. */
  String heartbeatAnswer(String text) {
    for (Heartbeat h : heartbeats) if (h.ping().equals(text)) return h.pong();
    return null;
  }
}
