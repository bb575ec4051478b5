package org.wsconform.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

  @Test
  void wsDefaultsToPort80AndRootPath() {
    Endpoint e = Endpoint.parse("ws://example.com");
    assertThat(e.tls()).isFalse();
    assertThat(e.host()).isEqualTo("example.com");
    assertThat(e.port()).isEqualTo(80);
    assertThat(e.requestTarget()).isEqualTo("/");
    assertThat(e.hostHeader()).isEqualTo("example.com:80");
    assertThat(e.origin()).isEqualTo("http://example.com:80");
  }

  @Test
  void wssDefaultsToPort443() {
    Endpoint e = Endpoint.parse("wss://example.com/chat");
    assertThat(e.tls()).isTrue();
    assertThat(e.port()).isEqualTo(443);
    assertThat(e.requestTarget()).isEqualTo("/chat");
    assertThat(e.hostHeader()).isEqualTo("example.com:443");
    assertThat(e.origin()).isEqualTo("https://example.com:443");
  }

  @Test
  void explicitPortPathAndQuery() {
    Endpoint e = Endpoint.parse("ws://127.0.0.1:9001/a/b%20c?agent=x&case=1");
    assertThat(e.host()).isEqualTo("127.0.0.1");
    assertThat(e.port()).isEqualTo(9001);
    assertThat(e.requestTarget()).isEqualTo("/a/b%20c?agent=x&case=1");
    assertThat(e.hostHeader()).isEqualTo("127.0.0.1:9001");
  }

  @Test
  void queryWithoutPath() {
    assertThat(Endpoint.parse("ws://h:1?x=1").requestTarget()).isEqualTo("/?x=1");
  }

  @Test
  void schemeIsCaseInsensitiveAndSpacesTrimmed() {
    Endpoint e = Endpoint.parse("  WSS://Example.com:8443/x  ");
    assertThat(e.tls()).isTrue();
    assertThat(e.port()).isEqualTo(8443);
    assertThat(e.requestTarget()).isEqualTo("/x");
  }

  @Test
  void ipv6Literal() {
    Endpoint e = Endpoint.parse("ws://[::1]:9001/echo");
    assertThat(e.port()).isEqualTo(9001);
    assertThat(e.hostHeader()).isEqualTo("[::1]:9001");
    assertThat(e.requestTarget()).isEqualTo("/echo");
    assertThat(e.host()).contains("::1");
    Endpoint d = Endpoint.parse("wss://[2001:db8::7]/");
    assertThat(d.port()).isEqualTo(443);
    assertThat(d.hostHeader()).isEqualTo("[2001:db8::7]:443");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://x", "http://x", "https://x/y"})
  void otherSchemesAreRejected(String url) {
    assertThatThrownBy(() -> Endpoint.parse(url))
        .isInstanceOf(Endpoint.BadUrl.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ws://")
        .hasMessageContaining("wss://")
        .hasMessageContaining(url.substring(0, url.indexOf(':')));
  }

  @Test
  void notAUrl() {
    assertThatThrownBy(() -> Endpoint.parse("not a url"))
        .isInstanceOf(Endpoint.BadUrl.class)
        .hasMessageContaining("not a url")
        .hasMessageContaining("ws://host");
  }

  @Test
  void schemelessHostIsRejected() {
    assertThatThrownBy(() -> Endpoint.parse("localhost:9001"))
        .isInstanceOf(Endpoint.BadUrl.class)
        .hasMessageContaining("ws://");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws://", "ws:///path", "wss://:443/"})
  void noHost(String url) {
    assertThatThrownBy(() -> Endpoint.parse(url))
        .isInstanceOf(Endpoint.BadUrl.class)
        .hasMessageContaining("ws://host");
  }

  @Test
  void fragmentIsRejected() {
    assertThatThrownBy(() -> Endpoint.parse("ws://h:9001/path#frag"))
        .isInstanceOf(Endpoint.BadUrl.class)
        .hasMessageContaining("fragment")
        .hasMessageContaining("#frag");
  }

  @Test
  void canonicalUpgradeRequestUsesTheEndpoint() {
    Endpoint e = Endpoint.parse("ws://localhost:9001/runCase?case=1&agent=a");
    UpgradeRequest r = UpgradeRequest.canonical(e, "dGhlIHNhbXBsZSBub25jZQ==", List.of());
    assertThat(r.head())
        .startsWith("GET /runCase?case=1&agent=a HTTP/1.1\r\nHost: localhost:9001\r\n");
    assertThat(r.header("Sec-WebSocket-Key")).contains("dGhlIHNhbXBsZSBub25jZQ==");
    assertThat(r.header("sec-websocket-version")).contains("13");
    assertThat(r.head()).endsWith("\r\n\r\n");
  }
}
