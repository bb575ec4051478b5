package org.wsconform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

  @TempDir Path tmp;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T18:45:12Z"), ZoneOffset.UTC);

  @Test
  void createsNamedFolderWithSubfoldersAndLatestLink() throws Exception {
    Path base = tmp.resolve("reports").resolve("out");
    RunFolder run = RunFolder.create(base, "ws@8.18.3", clock);

    assertThat(run.id()).isEqualTo("20261125-184512-ws_8_18_3");
    assertThat(run.dir()).isEqualTo(base.resolve("20261125-184512-ws_8_18_3"));
    assertThat(run.casesDir()).isDirectory();
    assertThat(run.junitDir()).isDirectory();
    assertThat(run.allureResultsDir()).isDirectory();
    assertThat(run.caseFile("ws@8.18.3", "1.1.1"))
        .isEqualTo(run.dir().resolve("cases/ws_8_18_3_case_1_1_1.json"));
    assertThat(run.junitXml()).isEqualTo(run.dir().resolve("junit/TEST-wsconform.xml"));

    Path latest = base.resolve("latest");
    assertThat(Files.isSymbolicLink(latest)).isTrue();
    assertThat(Files.readSymbolicLink(latest)).isEqualTo(Path.of(run.id())); // relative
    assertThat(RunFolder.latest(base)).contains(run.dir());
  }

  @Test
  void sameSecondGetsASuffixAndLatestMovesOn() throws Exception {
    RunFolder first = RunFolder.create(tmp, "ws@8.18.3", clock);
    RunFolder second = RunFolder.create(tmp, "ws@8.18.3", clock);
    RunFolder third = RunFolder.create(tmp, "ws@8.18.3", clock);

    assertThat(second.id()).isEqualTo(first.id() + "-2");
    assertThat(third.id()).isEqualTo(first.id() + "-3");
    assertThat(Files.readSymbolicLink(tmp.resolve("latest"))).isEqualTo(Path.of(third.id()));
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void fallsBackToLatestTxtWhenTheLinkCannotBeReplaced() throws Exception {
    Files.createDirectories(tmp.resolve("latest").resolve("occupied")); // a real, non-empty dir
    RunFolder run = RunFolder.create(tmp, "node-ws", clock);

    assertThat(tmp.resolve("latest.txt")).hasContent(run.id());
    assertThat(RunFolder.latest(tmp)).contains(run.dir());
    assertThat(RunFolder.latest(tmp.resolve("nowhere"))).isEmpty();
  }

  @Test
  void agentWithoutLettersStillNamesTheFolder() throws Exception {
    assertThat(RunFolder.create(tmp, "@@", clock).id()).isEqualTo("20261125-184512-agent");
  }
}
