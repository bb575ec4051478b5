package org.wsconform.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dialogue.* profile keys and the message patterns, as the format writes them. */
class DialogueTest {
  private static Map<String, String> keys(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }

  @Test
  void oneRequestWithItsReplyHeartbeatAndUnsolicited() {
    Dialogue d =
        Dialogue.parse(
            keys(
                "dialogue.request", "text:{\"type\":\"connection_init\"}",
                "dialogue.reply", "json:type=connection_ack",
                "dialogue.heartbeat", "2->3",
                "dialogue.unsolicited", "regex:^0\\{.*"));
    assertThat(d.requests()).hasSize(1);
    Dialogue.Request r = d.requests().get(0);
    assertThat(new String(r.payload(), UTF_8)).isEqualTo("{\"type\":\"connection_init\"}");
    assertThat(r.binary()).isFalse();
    assertThat(r.reply().matches("{\"type\":\"connection_ack\"}".getBytes(UTF_8), false)).isTrue();
    assertThat(r.reply().matches("{\"type\":\"error\"}".getBytes(UTF_8), false)).isFalse();
    assertThat(d.heartbeatAnswer("2")).isEqualTo("3");
    assertThat(d.heartbeatAnswer("4")).isNull();
    assertThat(d.unsolicited().get(0).matches("0{\"sid\":\"x\"}".getBytes(UTF_8), false)).isTrue();
  }

  @Test
  void numberedRequestsPairWithTheirRepliesAndTheBareReplyGoesToTheLast() {
    Dialogue d =
        Dialogue.parse(
            keys(
                "dialogue.request.2", "binary:c000",
                "dialogue.request.1", "binary:10 0c 00 04 4d 51 54 54 04 02 00 3c 00 00",
                "dialogue.reply.1", "hex:20020000",
                "dialogue.reply", "hex:d000"));
    assertThat(d.requests())
        .extracting(Dialogue.Request::spec)
        .first()
        .asString()
        .startsWith("binary:10");
    assertThat(d.requests().get(0).reply().toString()).isEqualTo("hex:20020000");
    assertThat(d.requests().get(1).reply().toString()).isEqualTo("hex:d000");
    assertThat(d.requests().get(1).reply().matches(new byte[] {(byte) 0xd0, 0}, true)).isTrue();
  }

  @Test
  void aRequestWithoutAReplyExpectsNone() {
    Dialogue d =
        Dialogue.parse(
            keys(
                "dialogue.request.1",
                "text:a",
                "dialogue.request.2",
                "text:b",
                "dialogue.reply.2",
                "exact:ok"));
    assertThat(d.requests().get(0).reply()).isNull();
    assertThat(d.requests().get(1).reply().matches("ok".getBytes(UTF_8), false)).isTrue();
    assertThat(d.requests().get(1).reply().matches("ok".getBytes(UTF_8), true)).isFalse();
  }

  @Test
  void mistakesNameTheirKey() {
    assertThatThrownBy(() -> Dialogue.parse(keys("dialogue.request", "hello")))
        .hasMessageContaining("dialogue.request: a request is text:<text> or binary:<hex>");
    assertThatThrownBy(
            () -> Dialogue.parse(keys("dialogue.request", "text:a", "dialogue.reply", "json:type")))
        .hasMessageContaining("json: needs field=value");
    assertThatThrownBy(
            () -> Dialogue.parse(keys("dialogue.request", "text:a", "dialogue.reply.3", "exact:x")))
        .hasMessageContaining("dialogue.reply.3: no dialogue.request.3");
    assertThatThrownBy(() -> Dialogue.parse(keys("dialogue.heartbeat", "2")))
        .hasMessageContaining("dialogue.heartbeat", "2->3");
    assertThatThrownBy(() -> Dialogue.parse(keys("dialogue.unsolicited", "regex:(")))
        .hasMessageContaining("not a Java regular expression");
    assertThatThrownBy(() -> new Peer(PeerModel.DIALOGUE, Dialogue.NONE))
        .hasMessageContaining("peer=dialogue needs at least one dialogue.request");
    assertThatThrownBy(() -> PeerModel.parse("chat"))
        .hasMessageContaining("peer must be echo, silent or dialogue");
  }

  @Test
  void jsonFieldsFollowADottedPath() {
    MessageMatcher m = MessageMatcher.parse("json:payload.data.ok=true");
    assertThat(m.matches("{\"payload\":{\"data\":{\"ok\":true}}}".getBytes(UTF_8), false)).isTrue();
    assertThat(m.matches("{\"payload\":{\"data\":{}}}".getBytes(UTF_8), false)).isFalse();
    assertThat(m.matches("not json".getBytes(UTF_8), false)).isFalse();
  }
}
