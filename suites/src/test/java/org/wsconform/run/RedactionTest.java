package org.wsconform.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsconform.wire.Header;
import org.wsconform.wire.Hex;

class RedactionTest {
  private static final String M = Redaction.MARK;
  private static final String MARK_HEX = Hex.of(M.getBytes(StandardCharsets.UTF_8));

  private final Redaction r =
      Redaction.of(
          List.of("X-Api-Key"),
          List.of(
              new Header("Authorization", "Bearer tok-123456"),
              new Header("Cookie", "sid=abcdef; theme=dark"),
              new Header("X-Api-Key", "k-998877"),
              new Header("X-Trace", "visible-trace")),
          List.of("wss://bob:pa55word@echo.example/ws?access_token=qwerty12&room=7&sig=zzzz9999"),
          List.of("proxy-secret"));

  @Test
  void headerLinesWithSecretNamesAreRedactedWhateverTheirValue() {
    String head =
        "GET / HTTP/1.1\r\nauthorization: Basic other\r\nCookie: a=b\r\nX-API-KEY: x\r\nX-Trace: visible-trace\r\n\r\n";
    assertThat(r.text(head))
        .isEqualTo(
            "GET / HTTP/1.1\r\nauthorization: "
                + M
                + "\r\nCookie: "
                + M
                + "\r\nX-API-KEY: "
                + M
                + "\r\nX-Trace: visible-trace\r\n\r\n");
    assertThat(r.isSecretHeader("proxy-authorization")).isTrue();
    assertThat(r.isSecretHeader("X-Trace")).isFalse();
  }

  @Test
  void urlUserInfoAndSecretQueryParametersAreRedactedKeepingTheRest() {
    assertThat(
            r.url("wss://bob:pa55word@echo.example/ws?access_token=qwerty12&room=7&sig=zzzz9999"))
        .isEqualTo("wss://" + M + "@echo.example/ws?access_token=" + M + "&room=7&sig=" + M);
    assertThat(r.text("GET /ws?apiKey=anything&x=1 HTTP/1.1"))
        .isEqualTo("GET /ws?apiKey=" + M + "&x=1 HTTP/1.1");
    assertThat(r.text("GET /ws?room=7 HTTP/1.1")).isEqualTo("GET /ws?room=7 HTTP/1.1");
  }

  @Test
  void knownValuesAreRedactedWhereverTheyTurnUpAlsoAsTheCredentialAlone() {
    assertThat(
            r.text(
                "the server said: unknown token tok-123456 (and cookie abcdef, key k-998877, pa55word, proxy-secret)"))
        .isEqualTo(
            "the server said: unknown token "
                + M
                + " (and cookie "
                + M
                + ", key "
                + M
                + ", "
                + M
                + ", "
                + M
                + ")");
    assertThat(
            r.text(
                "theme=dark is not a secret (a value under six characters is hidden by place only)"))
        .isEqualTo(
            "theme=dark is not a secret (a value under six characters is hidden by place only)");
  }

  @Test
  void aSecretCutAtTheEndOfAPreviewIsRedactedToo() {
    // the whole value "Bearer tok-123456" is a secret too: its cut start goes, "Bearer " included
    assertThat(r.text("received instead of a response head: Bearer tok-12..."))
        .isEqualTo("received instead of a response head: " + M + "...");
    assertThat(r.text("unknown token: tok-1234...")).isEqualTo("unknown token: " + M + "...");
  }

  @Test
  void hexPreviewsLoseTheSecretsOctetsOnOctetBoundariesAndAtTheirCut() {
    String hex = Hex.of("GET /ws?access_token=qwerty12&room=7".getBytes(StandardCharsets.US_ASCII));
    assertThat(r.hex(hex))
        .isEqualTo(
            Hex.of("GET /ws?access_token=".getBytes(StandardCharsets.US_ASCII))
                + MARK_HEX
                + Hex.of("&room=7".getBytes(StandardCharsets.US_ASCII)));
    String cut =
        Hex.of("Authorization: Bearer tok-12".getBytes(StandardCharsets.US_ASCII)) + " ...";
    assertThat(r.hex(cut))
        .isEqualTo(
            Hex.of("Authorization: ".getBytes(StandardCharsets.US_ASCII)) + MARK_HEX + " ...");
    String start = Hex.of("3456\r\nHost: x".getBytes(StandardCharsets.US_ASCII));
    assertThat(r.hex(start))
        .isEqualTo(MARK_HEX + Hex.of("\r\nHost: x".getBytes(StandardCharsets.US_ASCII)));
    // the secret's hex shifted by one nibble is not the secret's octets: left alone
    String shifted = "0" + Hex.of("k-998877".getBytes(StandardCharsets.US_ASCII)) + "0";
    assertThat(r.hex(shifted)).isEqualTo(shifted);
  }

  @Test
  void shortValuesAreRedactedByPlaceOnly() {
    Redaction shortOne =
        Redaction.of(List.of(), List.of(new Header("Authorization", "ab")), List.of(), List.of());
    assertThat(shortOne.knownValues()).isZero();
    assertThat(shortOne.text("Authorization: ab")).isEqualTo("Authorization: " + M);
    assertThat(shortOne.text("about tables")).isEqualTo("about tables");
  }

  @Test
  void theConsoleIsRedactedLineByLineAndHalfALineIsHeldBack() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream console = r.wrap(new PrintStream(sink, true, StandardCharsets.UTF_8));
    console.print("token: tok-12");
    console.flush();
    assertThat(sink.toString(StandardCharsets.UTF_8)).isEmpty();
    console.println("3456 rejected");
    console.printf("url %s%n", "wss://bob:pa55word@echo.example/ws");
    assertThat(sink.toString(StandardCharsets.UTF_8))
        .isEqualTo("token: " + M + " rejected\nurl wss://" + M + "@echo.example/ws\n");
  }

  @Test
  void noneStillHidesHeaderLinesByName() {
    assertThat(Redaction.NONE.text("Cookie: x=1")).isEqualTo("Cookie: " + M);
    assertThat(Redaction.NONE.hex("abcd")).isEqualTo("abcd");
  }
}
