package org.wsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README a newcomer reads first: how long the first command takes, where results go, and what
 * is where.
 */
class ReadmeTest {
  private static final Path ROOT =
      Path.of(System.getProperty("wsconform.home", "..")).toAbsolutePath();

  private static String readme() throws Exception {
    return Files.readString(ROOT.resolve("README.md"));
  }

  private static String section(String text, String heading) {
    int start = text.indexOf("## " + heading);
    assertThat(start).as("README section " + heading).isNotNegative();
    int end = text.indexOf("\n## ", start + 3);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }

  @Test
  void theTwoCommandsSayHowLongTheFirstTakesAndTheQuickVariants() throws Exception {
    String s = section(readme(), "The two commands");
    assertThat(s)
        // what the console's own estimate says for the default run on the project's 2 cores
        .contains(
            RunEstimate.about(
                    RunEstimate.load()
                        .wallSeconds(
                            org.wsconform.catalogue.Catalogue.all(1000),
                            1000,
                            new RunEstimate.Lanes(2, 4, 2)))
                + "utes on 2 cores")
        .contains("--deflate-round-trips 50")
        .contains("--exclude '12.*,13.*'")
        .contains("index.html");
  }

  @Test
  void whereResultsGoListsEveryFileOfARunFolder() throws Exception {
    String s = section(readme(), "Where results go");
    for (String f :
        List.of(
            "`index.html`",
            "`summary.md`",
            "`run.json`",
            "`results.jsonl`",
            "`index.json`",
            "`junit/TEST-wsconform.xml`",
            "`allure-results/`",
            "`baseline-diff.html`",
            "`allure-report/`")) {
      assertThat(s).as(f).contains("| " + f);
    }
  }

  @Test
  void theLayoutNamesEveryScriptAndDoc() throws Exception {
    String layout = section(readme(), "Layout");
    for (String dir : List.of("scripts", "docs")) {
      try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
        for (Path f : files.toList()) {
          assertThat(layout).as(dir + "/" + f.getFileName()).contains(f.getFileName().toString());
        }
      }
    }
  }

  @Test
  void helpNamesTheReportAndTheTime() {
    WsConformCliTest.Run r = WsConformCliTest.cli("--help");
    assertThat(r.out())
        .contains("index.html")
        .contains("11 minutes")
        .contains("--deflate-round-trips 50");
  }
}
