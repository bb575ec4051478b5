package org.wsconform.deployed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.run.Redaction;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.targets.faulty.FaultyServer;

/**
 * Canaries: secrets in every place a user puts them — Authorization, Cookie, a --secret-header, URL
 * user-info, a token query parameter, proxy credentials — on a run with failures (so wire logs
 * reach every report) through a real proxy. None of them, in any spelling (text, hex, Base64), may
 * appear in any file of the results folder or on stdout or stderr; and the redaction must be
 * visible where they were, so the test cannot pass by the secrets never having been sent.
 */
@Timeout(120)
class SecretCanaryTest {
  private static final String AUTH = "CANARY-AUTH-1a9c";
  private static final String COOKIE = "CANARY-COOKIE-44d1";
  private static final String API_KEY = "CANARY-APIKEY-90ab";
  private static final String USER_INFO = "CANARY-USERINFO-5e2a";
  private static final String QUERY = "CANARY-QUERY-7f3b";
  private static final String PROXY = "CANARY-PROXY-3c7e";

  @Test
  void noSecretReachesAnyFileOrTheConsole(@TempDir Path out) throws Exception {
    String proxyBasic = "Basic " + b64("proxyuser:" + PROXY);
    try (FaultyServer target = FaultyServer.start(0, Set.of(Fault.CORRUPT_LONG_ECHO));
        ConnectProxy proxy = new ConnectProxy(proxyBasic)) {
      String url =
          "ws://carol:"
              + USER_INFO
              + "@127.0.0.1:"
              + target.port()
              + "/chat?token="
              + QUERY
              + "&room=1";
      Cli.Run r =
          Cli.run(
              "--target",
              url,
              "--cases",
              "1.1.*,2.1,H.1,H.2,H.20",
              "-H",
              "Authorization: Bearer " + AUTH,
              "-H",
              "Cookie: session=" + COOKIE + "; theme=dark",
              "-H",
              "X-Api-Key: " + API_KEY,
              "--secret-header",
              "X-Api-Key",
              "--proxy",
              proxy.url(),
              "--proxy-auth",
              "proxyuser:" + PROXY,
              "--out",
              out.toString());
      assertThat(r.exit()).as("the faulty server fails 1.1.6-1.1.8: " + r.all()).isEqualTo(1);
      assertThat(proxy.tunnels.get())
          .as("the preflight and twelve cases went through the proxy with its credentials")
          .isEqualTo(13);

      Map<String, String> forms = forms();
      for (Map.Entry<String, String> f : forms.entrySet()) {
        assertThat(r.out()).as("stdout shows " + f.getKey()).doesNotContain(f.getValue());
        assertThat(r.err()).as("stderr shows " + f.getKey()).doesNotContain(f.getValue());
      }
      List<Path> files;
      try (Stream<Path> s = Files.walk(out)) {
        files = s.filter(Files::isRegularFile).toList();
      }
      assertThat(files.stream().map(p -> out.relativize(p).toString()))
          .anyMatch(p -> p.startsWith("20") && p.endsWith("index.html"))
          .anyMatch(p -> p.contains("allure-results") && p.endsWith("-attachment.txt"))
          .anyMatch(p -> p.endsWith("TEST-wsconform.xml"))
          .anyMatch(p -> p.endsWith("summary.md"));
      for (Path file : files) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (Map.Entry<String, String> f : forms.entrySet()) {
          assertThat(text)
              .as(out.relativize(file) + " holds " + f.getKey())
              .doesNotContain(f.getValue());
        }
      }

      // where the secrets were, the mark is: they were sent, and hidden
      Path run = Cli.runFolder(out);
      String caseFile =
          Files.readString(
              run.resolve("cases")
                  .resolve(
                      Files.list(run.resolve("cases"))
                          .filter(p -> p.toString().endsWith("_case_1_1_6.json"))
                          .findFirst()
                          .orElseThrow()
                          .getFileName()));
      assertThat(caseFile)
          .contains("GET /chat?token=" + Redaction.MARK + "&room=1 HTTP/1.1")
          .contains("Authorization: " + Redaction.MARK)
          .contains("Cookie: " + Redaction.MARK)
          .contains("X-Api-Key: " + Redaction.MARK)
          .contains(
              HexFormat.of()
                  .formatHex(
                      ("?token=" + Redaction.MARK + "&room=1").getBytes(StandardCharsets.UTF_8)));
      String runJson = Files.readString(run.resolve("run.json"));
      assertThat(runJson)
          .contains(
              "ws://"
                  + Redaction.MARK
                  + "@127.0.0.1:"
                  + target.port()
                  + "/chat?token="
                  + Redaction.MARK
                  + "&room=1");
      assertThat(Files.readString(run.resolve("junit/TEST-wsconform.xml"))).contains("<failure");
    }
  }

  /** Each secret as text, as hex in either case, as Base64, and the proxy's Basic credential. */
  private static Map<String, String> forms() {
    Map<String, String> m = new LinkedHashMap<>();
    List<String> secrets = new ArrayList<>(List.of(AUTH, COOKIE, API_KEY, USER_INFO, QUERY, PROXY));
    for (String s : secrets) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      m.put(s, s);
      m.put(s + " in hex", HexFormat.of().formatHex(b));
      m.put(s + " in HEX", HexFormat.of().formatHex(b).toUpperCase(Locale.ROOT));
      m.put(s + " in Base64", b64(s));
    }
    m.put("the proxy's Basic credential", b64("proxyuser:" + PROXY));
    return m;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
