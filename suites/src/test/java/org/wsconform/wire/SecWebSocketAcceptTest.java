package org.wsconform.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecWebSocketAcceptTest {

  @Test
  void rfcExample() {
    // RFC 6455 §1.3 / §4.2.2
    assertThat(SecWebSocketAccept.of("dGhlIHNhbXBsZSBub25jZQ=="))
        .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }

  @Test
  void randomKeyIsSixteenBase64Octets() {
    String a = SecWebSocketAccept.randomKey();
    String b = SecWebSocketAccept.randomKey();
    assertThat(a).hasSize(24).endsWith("==");
    assertThat(Base64.getDecoder().decode(a)).hasSize(16);
    assertThat(a).isNotEqualTo(b);
  }
}
