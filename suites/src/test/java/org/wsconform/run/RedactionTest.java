package org.wsconform.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.judge.Judgement;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Header;
import org.wsconform.wire.Hex;
import org.wsconform.wire.WireLog;

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

  /**
   * A server's Set-Cookie is a session secret the run never knew: hidden by place in every head,
   * and its value learned from the response and hidden by value in the wire log's rows and hex
   * previews (the response head's raw octets), in notes quoting interim heads, everywhere.
   */
  @Test
  void setCookieValuesAreRedactedByDefaultAlsoInTheRawOctetsOfTheResponseHead() {
    String head =
        "HTTP/1.1 101 Switching Protocols\r\nSet-Cookie: session=s3cr3t-SESSION-42; Path=/;"
            + " HttpOnly\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
    byte[] octets = head.getBytes(StandardCharsets.ISO_8859_1);
    String fullHex = Hex.of(octets);
    String previewHex = Hex.of(java.util.Arrays.copyOf(octets, 64)) + " ...";
    List<WireLog.Entry> wire =
        List.of(
            new WireLog.Entry(1, WireLog.Kind.RO, "received 120 octets", octets.length, fullHex),
            new WireLog.Entry(2, WireLog.Kind.RO, "received 64 octets", 64, previewHex),
            new WireLog.Entry(
                3,
                WireLog.Kind.NOTE,
                "skipped an interim response: HTTP/1.1 103 Early Hints\\r\\nSet-Cookie:"
                    + " early=EARLY-cookie-77\\r\\n\\r\\n",
                null,
                null));
    CaseResult result =
        new CaseResult(
            Catalogue.byId("H.1").orElseThrow(),
            new Judgement(Behavior.OK, BehaviorClose.OK, "ok", "ok"),
            Outcome.PASSED,
            "observed Set-Cookie session=s3cr3t-SESSION-42",
            null,
            List.of(),
            null,
            "GET / HTTP/1.1\r\n\r\n",
            head,
            Instant.EPOCH,
            0,
            wire,
            null,
            Map.of(),
            null);
    for (Redaction red : List.of(Redaction.NONE, r)) {
      CaseResult out = red.apply(result);
      assertThat(out.httpResponse())
          .contains("Set-Cookie: " + M + "\r\n")
          .contains("Upgrade: websocket")
          .doesNotContain("s3cr3t");
      assertThat(out.reason()).doesNotContain("s3cr3t");
      for (WireLog.Entry e : out.wirelog()) {
        String hex = e.hex() == null ? "" : e.hex().replace(" ...", "");
        String decoded = new String(Hex.parse(hex), StandardCharsets.UTF_8);
        assertThat(e.text() + decoded)
            .as(e.toString())
            .doesNotContain("s3cr3t")
            .doesNotContain("S3CR3T")
            .doesNotContain("EARLY-cookie");
        assertThat(e.hex() == null ? "" : e.hex().toLowerCase(java.util.Locale.ROOT))
            .doesNotContain(Hex.of("s3cr3t".getBytes(StandardCharsets.US_ASCII)));
      }
      assertThat(out.wirelog().get(0).hex()).contains(MARK_HEX);
      assertThat(out.wirelog().get(1).hex()).contains(MARK_HEX);
    }
    assertThat(Redaction.NONE.text("set-cookie: a=b")).isEqualTo("set-cookie: " + M);
  }
}
