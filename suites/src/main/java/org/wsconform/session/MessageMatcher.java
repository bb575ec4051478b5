package org.wsconform.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.wsconform.wire.Hex;

/**
 * What an application message from the peer must look like, as a profile writes it:
 *
 * <pre>
 * json:type=connection_ack      a text message holding JSON whose field (dotted path) has this value
 * regex:^0\{.*                  a text message in which the Java regular expression is found
 * exact:pong                    a text message equal to the text
 * hex:0a0b                      a message (text or binary) of exactly these octets
 * </pre>
 */
public final class MessageMatcher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String spec;
  private final String kind;
  private final String path;
  private final String value;
  private final Pattern regex;
  private final byte[] octets;

  private MessageMatcher(
      String spec, String kind, String path, String value, Pattern regex, byte[] octets) {
    this.spec = spec;
    this.kind = kind;
    this.path = path;
    this.value = value;
    this.regex = regex;
    this.octets = octets;
  }

  /** Parses {@code json:|regex:|exact:|hex:}; the message says what is wrong. */
  public static MessageMatcher parse(String spec) {
    int colon = spec.indexOf(':');
    String kind = colon < 0 ? "" : spec.substring(0, colon);
    String rest = colon < 0 ? "" : spec.substring(colon + 1);
    switch (kind) {
      case "json" -> {
        int eq = rest.indexOf('=');
        if (eq <= 0)
          throw new IllegalArgumentException(
              "'" + spec + "': json: needs field=value, e.g. json:type=connection_ack");
        return new MessageMatcher(
            spec, kind, rest.substring(0, eq).trim(), rest.substring(eq + 1), null, null);
      }
      case "regex" -> {
        try {
          return new MessageMatcher(spec, kind, null, null, Pattern.compile(rest), null);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "'" + spec + "': not a Java regular expression: " + e.getDescription());
        }
      }
      case "exact" -> {
        return new MessageMatcher(spec, kind, null, rest, null, null);
      }
      case "hex" -> {
        return new MessageMatcher(spec, kind, null, null, null, hex(spec, rest));
      }
      default ->
          throw new IllegalArgumentException(
              "'" + spec + "': a message pattern starts with json:, regex:, exact: or hex:");
    }
  }

  static byte[] hex(String spec, String hex) {
    String h = hex.replaceAll("\\s", "");
    if (h.length() % 2 != 0 || !h.matches("[0-9a-fA-F]*"))
      throw new IllegalArgumentException("'" + spec + "': not an even number of hex digits");
    return Hex.parse(h);
  }

  /** Whether a complete message from the peer matches. */
  public boolean matches(byte[] payload, boolean binary) {
    if (kind.equals("hex")) return Arrays.equals(payload, octets);
    if (binary) return false;
    String text = text(payload);
    if (text == null) return false;
    return switch (kind) {
      case "exact" -> text.equals(value);
      case "regex" -> regex.matcher(text).find();
      default -> json(text);
    };
  }

  private boolean json(String text) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (Exception notJson) {
      return false;
    }
    for (String field : path.split("\\.")) {
      if (n == null || !n.isObject()) return false;
      n = n.get(field);
    }
    return n != null && !n.isContainerNode() && n.asText().equals(value);
  }

  private static String text(byte[] payload) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(payload))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return spec;
  }
}
