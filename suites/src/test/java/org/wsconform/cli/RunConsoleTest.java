package org.wsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.judge.Judgement;
import org.wsconform.run.CaseResult;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Outcome;

/** What the console says before and during a run: the estimate, the quicker options, progress. */
class RunConsoleTest {
  private static final RunEstimate ESTIMATE = RunEstimate.load();

  @Test
  void theWholeCatalogueIsEstimatedAtAboutFiveMinutesOnTwoCoresWithTheQuickerOptionsNamed() {
    List<ConformanceCase> all = Catalogue.all(1000);
    // issue 17, measured on 2 cores against the embedded server: 275.8 s with the default (-j 2,
    // four volume cases at a time), 320.8 s with -j 2 (two); 686 s when 12.*/13.* ran one at a time
    RunEstimate.Lanes byDefault = new RunEstimate.Lanes(2, 4, 2);
    double wall = ESTIMATE.wallSeconds(all, 1000, byDefault);
    assertThat(wall).isBetween(240.0, 330.0);
    assertThat(RunEstimate.about(wall)).matches("about [45] min");
    assertThat(ESTIMATE.wallSeconds(all, 1000, RunEstimate.Lanes.of(2))).isBetween(290.0, 380.0);
    assertThat(ESTIMATE.wallSeconds(all, 1000, RunEstimate.Lanes.of(1))).isBetween(600.0, 780.0);
    String quicker = RunConsole.quicker(all, ESTIMATE, 1000, byDefault);
    assertThat(quicker)
        .contains("--deflate-round-trips 50 (about ")
        .contains("--exclude '12.*,13.*' (about ");
    // 401 cases without 12/13 took 27.7 s wall with -j 2
    double rest =
        ESTIMATE.wallSeconds(
            all.stream()
                .filter(c -> !c.id().startsWith("12.") && !c.id().startsWith("13."))
                .toList(),
            1000,
            byDefault);
    assertThat(rest).isBetween(15.0, 40.0);
    assertThat(ESTIMATE.wallSeconds(all, 50, byDefault)).isBetween(30.0, 120.0);
  }

  @Test
  void moreVolumeLanesThanTheCoresCanFeedDoNotShortenTheEstimate() {
    List<ConformanceCase> volume =
        Catalogue.all(1000).stream().filter(ConformanceCase::volume).toList();
    double four = ESTIMATE.wallSeconds(volume, 1000, new RunEstimate.Lanes(2, 4, 2));
    double sixteen = ESTIMATE.wallSeconds(volume, 1000, new RunEstimate.Lanes(2, 16, 2));
    double serial = ESTIMATE.wallSeconds(volume, 1000, new RunEstimate.Lanes(2, 1, 2));
    assertThat(sixteen).isEqualTo(four);
    assertThat(serial / four).isEqualTo(2.5, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theDeflateCasesScaleWithTheirRoundTrips() {
    ConformanceCase c =
        Catalogue.all(1000).stream().filter(x -> x.id().equals("12.1.1")).findFirst().orElseThrow();
    assertThat(ESTIMATE.seconds(c, 1000)).isGreaterThan(10 * ESTIMATE.seconds(c, 50));
    assertThat(ESTIMATE.seconds(c, 1)).isPositive();
  }

  @Test
  void aShortSelectionNamesItsGroupsAndNoQuickerOption() {
    List<ConformanceCase> some =
        Catalogue.all(1000).stream()
            .filter(c -> c.id().startsWith("1.1.") || c.id().equals("H.1"))
            .toList();
    assertThat(RunConsole.groups(some)).isEqualTo("groups 1, H");
    assertThat(RunConsole.groups(some.subList(0, 1))).isEqualTo("group 1");
    assertThat(RunConsole.quicker(some, ESTIMATE, 1000, RunEstimate.Lanes.of(2))).isNull();
    assertThat(RunEstimate.about(ESTIMATE.wallSeconds(some, 1000, 2)))
        .matches("(about \\d+ s|under 1 s)");
  }

  @Test
  void onATerminalProgressIsOneUpdatingLineWithCountsAndTimeLeft() {
    List<ConformanceCase> cases =
        Catalogue.all(1000).stream().filter(c -> c.id().startsWith("1.1.")).toList();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    double[] now = {0};
    RunConsole.Progress p =
        new RunConsole.Progress(
            out,
            new TerminalLine(out, ESTIMATE, cases, 1000, RunEstimate.Lanes.of(1), () -> now[0]));
    for (int i = 0; i < cases.size(); i++) {
      now[0] += 0.1;
      boolean fail = i == 2;
      p.caseFinished(result(cases.get(i), fail), i + 1, cases.size());
      String so = bytes.toString(StandardCharsets.UTF_8);
      if (i < cases.size() - 1) {
        // \r rewrites the line; the only line ended is the failure's, printed above it
        assertThat(so.chars().filter(ch -> ch == '\n').count())
            .as("one line, rewritten in place")
            .isEqualTo(i >= 2 ? 1 : 0);
      }
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("\r  [1/8] 12% PASSED 1 \u2014 ").contains(" left");
    assertThat(text).contains("PASSED 2  FAILED 1");
    assertThat(text).contains("\r  FAILED 1.1.3 text message of 126 octets: no echo\n");
    assertThat(text)
        .as("the line is cleared before a failure")
        .containsPattern("\r +\r  FAILED 1.1.3");
    assertThat(text)
        .contains("\r  [8/8] 100% PASSED 7  FAILED 1 ")
        .endsWith(System.lineSeparator());
  }

  @Test
  void withoutATerminalProgressStaysPlainLines() {
    List<ConformanceCase> cases =
        Catalogue.all(1000).stream().filter(c -> c.id().startsWith("1.1.")).toList();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunConsole.Progress p =
        new RunConsole.Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    for (int i = 0; i < cases.size(); i++) p.caseFinished(result(cases.get(i), false), i + 1, 8);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .doesNotContain("\r")
        .contains("  [8/8] 100%");
  }

  private static CaseResult result(ConformanceCase c, boolean failed) {
    Behavior b = failed ? Behavior.FAILED : Behavior.OK;
    return new CaseResult(
        c,
        new Judgement(b, BehaviorClose.OK, "r", "rc"),
        failed ? Outcome.FAILED : Outcome.PASSED,
        failed ? "no echo" : null,
        null,
        List.of(),
        null,
        null,
        null,
        Instant.now(),
        1,
        List.of(),
        null,
        Map.of());
  }

  /**
   * Each heap pool peaks at its own moment, so their sum can exceed what the heap ever held; the
   * printed peak never exceeds the maximum heap.
   */
  @Test
  void thePeakHeapNeverExceedsTheMaximumHeap() {
    long mib = 1L << 20;
    assertThat(RunConsole.peakHeap(List.of(200 * mib, 150 * mib, 30 * mib), 256 * mib))
        .isEqualTo(256 * mib);
    assertThat(RunConsole.peakHeap(List.of(20 * mib, 10 * mib), 256 * mib)).isEqualTo(30 * mib);
    assertThat(RunConsole.peakHeap(List.of(20 * mib), -1)).as("no max known").isEqualTo(20 * mib);

    byte[][] garbage = new byte[64][];
    for (int i = 0; i < garbage.length; i++) garbage[i] = new byte[1 << 20];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunConsole.stats(new PrintStream(out, true, StandardCharsets.UTF_8), 1.0);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("peak heap ([0-9.]+) MiB, max heap ([0-9.]+) MiB")
            .matcher(out.toString(StandardCharsets.UTF_8));
    assertThat(m.find()).as(out.toString(StandardCharsets.UTF_8)).isTrue();
    assertThat(Double.parseDouble(m.group(1)))
        .isPositive()
        .isLessThanOrEqualTo(Double.parseDouble(m.group(2)));
    assertThat(garbage[63]).hasSize(1 << 20);
  }

  @Test
  void aPeerThatDoesNotEchoIsSummedUpBeforeTheRun() {
    String line =
        RunConsole.peerLine(
            org.wsconform.run.Targets.referencePeer(org.wsconform.session.PeerModel.SILENT),
            Catalogue.all(2));
    assertThat(line)
        .isEqualTo(
            "peer: silent (not an echo): 202 run as is, 136 adapted (a ping follows their"
                + " message), 279 NOT APPLICABLE (they judge an echo)");
  }
}
