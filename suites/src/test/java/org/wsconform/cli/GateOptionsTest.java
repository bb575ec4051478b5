package org.wsconform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.wsconform.reports.CaseRecord;
import org.wsconform.reports.RunDiff;
import org.wsconform.targets.faulty.Fault;
import org.wsconform.verdict.Gate;

/**
 * CI gating, in-process against real servers: {@code --baseline} (a real regression: the faulty
 * server with a fault against a run of it without), {@code --fail-on}, {@code --strict} beside it,
 * and the files a CI reads — JUnit XML against the common schema, summary.md, the Allure HTML.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateOptionsTest {
  /** 2.2 is what PONG_WRONG_PAYLOAD breaks; 1.1.1 it leaves alone. */
  static final String CASES = "1.1.1,2.2";

  static final Set<Fault> PONG = Set.of(Fault.PONG_WRONG_PAYLOAD);

  @TempDir static Path tmp;

  FaultyRun clean;
  FaultyRun pong;

  @BeforeAll
  void baselines() throws Exception {
    clean = FaultyRun.against(Set.of(), tmp, "--cases", CASES);
    assertThat(clean.exit()).as(clean.printed()).isZero();
    pong = FaultyRun.against(PONG, tmp, "--cases", CASES);
    assertThat(pong.exit()).as(pong.printed()).isEqualTo(1);
  }

  @ParameterizedTest(name = "baseline given as {0}")
  @ValueSource(strings = {"folder", "index.json", "results.jsonl"})
  void aRegressionAgainstTheBaselineExits1AndNamesTheCase(String form) throws Exception {
    Path baseline = form.equals("folder") ? clean.folder() : clean.folder().resolve(form);
    FaultyRun r = FaultyRun.against(PONG, tmp, "--cases", CASES, "--baseline", baseline.toString());
    assertThat(r.exit()).as(r.printed()).isEqualTo(1);
    assertThat(r.out())
        .as(r.printed())
        .contains("REGRESSION 2.2 ping with a small text payload: behavior OK \u2192 FAILED")
        .contains("'Hello, world!'")
        .contains("RFC 6455 \u00a75.5.2")
        .doesNotContain("REGRESSION 1.1.1")
        .contains("gate (--baseline, --fail-on failed): 1 case regressed, exit 1");
    String diff = Files.readString(r.folder().resolve("baseline-diff.html"));
    assertThat(diff).contains("Regressions (1)").contains("data-id=\"2.2\"");
  }

  /** A results file is known by what it holds: a copy of index.json under another name is one. */
  @ParameterizedTest(name = "a copy of {0} named baseline.json")
  @ValueSource(strings = {"index.json", "results.jsonl"})
  void aResultsFileUnderAnotherNameIsABaseline(String form) throws Exception {
    Path copy = Files.createDirectories(tmp.resolve("renamed-" + form)).resolve("baseline.json");
    Files.copy(clean.folder().resolve(form), copy);
    FaultyRun r = FaultyRun.against(PONG, tmp, "--cases", CASES, "--baseline", copy.toString());
    assertThat(r.exit()).as(r.printed()).isEqualTo(1);
    assertThat(r.out())
        .as(r.printed())
        .contains("REGRESSION 2.2 ping with a small text payload")
        .doesNotContain("REGRESSION 1.1.1")
        .contains("gate (--baseline, --fail-on failed): 1 case regressed, exit 1");
  }

  @ParameterizedTest(name = "{0} \u2192 {1} at --fail-on {2}: gated {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "OK/OK/PASSED         | FAILED/OK/FAILED                    | failed     | true",
        "OK/OK/PASSED         | ERROR/ERROR/ERROR                   | failed     | true",
        "OK/OK/PASSED         | UNIMPLEMENTED/UNIMPLEMENTED/SKIPPED | failed     | true",
        "FAILED/OK/FAILED     | FAILED/UNCLEAN/FAILED               | failed     | true",
        "OK/OK/PASSED         | INFORMATIONAL/OK/PASSED             | unclean    | false",
        "OK/OK/PASSED         | NON-STRICT/OK/PASSED                | failed     | false",
        "OK/OK/PASSED         | NON-STRICT/OK/PASSED                | non-strict | true",
        "OK/OK/PASSED         | OK/FAILED BY CLIENT/PASSED          | non-strict | false",
        "OK/OK/PASSED         | OK/FAILED BY CLIENT/PASSED          | unclean    | true",
        "OK/OK/PASSED         | OK/WRONG CODE/FAILED                | failed     | true", // --strict made it FAILED
      })
  void theBaselineGatesAWorseOutcomeOrAVerdictWorseIntoTheLevel(
      String before, String after, String level, boolean gated) throws Exception {
    RunDiff diff = RunDiff.of(List.of(record(before)), List.of(record(after)));
    assertThat(diff.regressions()).as("the diff's own judgement").hasSize(1);
    assertThat(GateOptions.regresses(diff.regressions().get(0), Gate.FailOn.parse(level)))
        .isEqualTo(gated);
  }

  /**
   * A record with just verdicts and outcome, as results.jsonl holds them:
   * behavior/behaviorClose/outcome.
   */
  private static CaseRecord record(String verdicts) throws Exception {
    String[] v = verdicts.split("/");
    return new ObjectMapper()
        .readValue(
            "{\"agent\":\"a\",\"id\":\"1.1.1\",\"behavior\":\""
                + v[0]
                + "\",\"behaviorClose\":\""
                + v[1]
                + "\",\"outcome\":\""
                + v[2]
                + "\"}",
            CaseRecord.class);
  }

  @Test
  void aRunAsBadAsItsBaselineExits0ThoughACaseFails() throws Exception {
    FaultyRun r =
        FaultyRun.against(PONG, tmp, "--cases", CASES, "--baseline", pong.folder().toString());
    assertThat(r.exit()).as(r.printed()).isZero();
    assertThat(r.out())
        .as(r.printed())
        .contains("FAILED 2.2") // the run's own summary still says so
        // each failed case of the summary is followed by its "how to fix"
        .containsPattern("(?m)^    FAILED 2\\.2 .*\\R      how to fix: \\S")
        .contains("0 regressions")
        .doesNotContain("REGRESSION")
        .contains("gate (--baseline, --fail-on failed): no regression, exit 0");
  }

  @Test
  void aBetterRunExits0AndNamesTheFix() throws Exception {
    FaultyRun r =
        FaultyRun.against(Set.of(), tmp, "--cases", CASES, "--baseline", pong.folder().toString());
    assertThat(r.exit()).as(r.printed()).isZero();
    assertThat(r.out())
        .as(r.printed())
        .contains("1 fix")
        .contains("fixed: 2.2")
        .contains("no regression, exit 0");
  }

  @Test
  void anAutobahnReportServesAsBaseline() throws Exception {
    // ws 8.18.3 as Autobahn|Testsuite judged it: 2.2 OK there; a case we do not run is missing, not
    // regressed
    Path autobahn =
        PublishedReport.ws8183(tmp.resolve("autobahn"), Set.of("1.1.1", "2.2", "9.1.1"));
    FaultyRun r = FaultyRun.against(PONG, tmp, "--cases", CASES, "--baseline", autobahn.toString());
    assertThat(r.exit()).as(r.printed()).isEqualTo(1);
    assertThat(r.out())
        .as(r.printed())
        .contains("REGRESSION 2.2")
        .doesNotContain("REGRESSION 1.1.1")
        .contains("1 missing");
  }

  @Test
  void aCaseTheBaselineHasAndTheRunLacksIsARegression() throws Exception {
    FaultyRun base = FaultyRun.against(Set.of(), tmp, "--cases", CASES);
    assertThat(base.exit()).as(base.printed()).isZero();
    FaultyRun r =
        FaultyRun.against(
            Set.of(), tmp, "--cases", "1.1.1", "--baseline", base.folder().toString());
    assertThat(r.exit()).as(r.printed()).isEqualTo(1);
    assertThat(r.out())
        .as(r.printed())
        .contains("missing in this run (1 regression: the baseline checked them")
        .contains("run the baseline's selection): 2.2")
        .contains("1 case missing, exit 1");
  }

  @Test
  void failOnNonStrictFailsTheRunOnANonStrictCase() throws Exception {
    // UTF-8 checked only at the message end: 6.4.1 is NON-STRICT (a SHOULD missed), which passes by
    // default
    Set<Fault> late = Set.of(Fault.UTF8_VALIDATED_AT_MESSAGE_END);
    FaultyRun byDefault = FaultyRun.against(late, tmp, "--cases", "6.4.1");
    assertThat(byDefault.exit()).as(byDefault.printed()).isZero();
    assertThat(byDefault.out())
        .contains("NON-STRICT 1")
        .contains("gate (--fail-on failed): passed, exit 0");

    FaultyRun gated = FaultyRun.against(late, tmp, "--cases", "6.4.1", "--fail-on", "non-strict");
    assertThat(gated.exit()).as(gated.printed()).isEqualTo(1);
    assertThat(gated.out())
        .as(gated.printed())
        .containsPattern("NON-STRICT/\\S+( \\S+)* 6\\.4\\.1 ")
        .contains("gate (--fail-on non-strict): 1 case failed it, exit 1");
    // the exit code only: JUnit XML still passes the case (that is --strict's job)
    assertThat(Files.readString(gated.folder().resolve("junit/TEST-wsconform.xml")))
        .doesNotContain("<failure");

    FaultyRun conformant =
        FaultyRun.against(Set.of(), tmp, "--cases", "6.4.1", "--fail-on", "non-strict");
    assertThat(conformant.exit()).as(conformant.printed()).isZero();
  }

  @Test
  void failOnUncleanFailsTheRunWhenTheHarnessHadToCloseTcpAndStrictAgrees() throws Exception {
    // the server never closes TCP after the close handshake: 1.1.1 is OK / FAILED BY CLIENT
    Set<Fault> open = Set.of(Fault.SERVER_KEEPS_TCP_OPEN);
    FaultyRun nonStrict =
        FaultyRun.against(open, tmp, "--cases", "1.1.1", "--fail-on", "non-strict");
    assertThat(nonStrict.exit()).as(nonStrict.printed()).isZero();

    FaultyRun unclean = FaultyRun.against(open, tmp, "--cases", "1.1.1", "--fail-on", "unclean");
    assertThat(unclean.exit()).as(unclean.printed()).isEqualTo(1);
    assertThat(unclean.out())
        .as(unclean.printed())
        .contains("OK/FAILED BY CLIENT 1.1.1 ")
        .contains("gate (--fail-on unclean): 1 case failed it, exit 1");

    // --strict is the same gate, and the reports call the case failed too
    FaultyRun strict = FaultyRun.against(open, tmp, "--cases", "1.1.1", "--strict");
    assertThat(strict.exit()).as(strict.printed()).isEqualTo(1);
    assertThat(strict.out()).contains("gate (--fail-on unclean): 1 case failed it, exit 1");
    assertThat(Files.readString(strict.folder().resolve("junit/TEST-wsconform.xml")))
        .contains("<failure");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--fail-on bogus | --fail-on takes failed, non-strict or unclean, not 'bogus'",
        "--strict --fail-on non-strict | --strict already fails NON-STRICT, WRONG CODE, UNCLEAN and FAILED BY CLIENT",
        "--baseline /no/such/folder | --baseline /no/such/folder: no such file or folder",
        "--baseline pom.xml | not a results file",
      })
  void badGateOptionsAreBadUsageBeforeAnyRun(String args, String message) {
    List<String> all = new ArrayList<>(List.of("--out", tmp.resolve("never").toString()));
    all.addAll(List.of(args.split(" ")));
    WsConformCliTest.Run r = WsConformCliTest.cli(all.toArray(String[]::new));
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message).hasLineCount(1);
    assertThat(tmp.resolve("never")).doesNotExist();
  }

  @Test
  void aBaselineWithoutCasesIsRefused() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty-run"));
    Files.writeString(empty.resolve("results.jsonl"), "");
    WsConformCliTest.Run r =
        WsConformCliTest.cli(
            "--baseline", empty.toString(), "--out", tmp.resolve("never").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("holds no cases");
  }

  @Test
  void junitXmlHasTheShapeEveryCiReadsWithFailuresAsFailuresAndErrorsAsErrors() throws Exception {
    // a wrong Sec-WebSocket-Accept: H.1 FAILED (the target's fault), 1.1.1 ERROR (could not be run)
    FaultyRun r = FaultyRun.against(Set.of(Fault.WRONG_ACCEPT), tmp, "--cases", "H.1,1.1.1");
    assertThat(r.exit()).as(r.printed()).isEqualTo(1);
    for (Path run : List.of(r.folder(), pong.folder(), clean.folder())) {
      Path xml = run.resolve("junit/TEST-wsconform.xml");
      SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
          .newSchema(getClass().getResource("/junit/junit-common.xsd"))
          .newValidator()
          .validate(new StreamSource(xml.toFile()));
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
      NodeList suites = doc.getElementsByTagName("testsuite");
      int tests = 0;
      int failures = 0;
      int errors = 0;
      for (int i = 0; i < suites.getLength(); i++) {
        Element s = (Element) suites.item(i);
        NodeList cases = s.getElementsByTagName("testcase");
        // the counts Jenkins and GitLab show are the suite's attributes: they must match its cases
        assertThat(Integer.parseInt(s.getAttribute("tests"))).isEqualTo(cases.getLength());
        assertThat(Integer.parseInt(s.getAttribute("failures")))
            .isEqualTo(s.getElementsByTagName("failure").getLength());
        assertThat(Integer.parseInt(s.getAttribute("errors")))
            .isEqualTo(s.getElementsByTagName("error").getLength());
        tests += cases.getLength();
        failures += s.getElementsByTagName("failure").getLength();
        errors += s.getElementsByTagName("error").getLength();
      }
      Element root = doc.getDocumentElement();
      assertThat(root.getTagName()).isEqualTo("testsuites");
      assertThat(root.getAttribute("tests")).isEqualTo(String.valueOf(tests));
      assertThat(root.getAttribute("failures")).isEqualTo(String.valueOf(failures));
      assertThat(root.getAttribute("errors")).isEqualTo(String.valueOf(errors));
    }
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(r.folder().resolve("junit/TEST-wsconform.xml").toFile());
    Element h1 = testcase(doc, "H.1 ");
    assertThat(h1.getAttribute("classname")).isEqualTo("wsconform.gH.gH");
    Element failure = (Element) h1.getElementsByTagName("failure").item(0);
    assertThat(failure).as("H.1 is the target's failure: <failure>, never <error>").isNotNull();
    assertThat(h1.getElementsByTagName("error").getLength()).isZero();
    assertThat(failure.getAttribute("message"))
        .contains("Sec-WebSocket-Accept")
        .contains("RFC 6455 \u00a7");
    assertThat(failure.getTextContent()).contains("handshake response:").contains("HTTP/1.1 101");
    Element c111 = testcase(doc, "1.1.1 ");
    assertThat(c111.getElementsByTagName("failure").getLength()).isZero();
    assertThat(((Element) c111.getElementsByTagName("error").item(0)).getAttribute("message"))
        .isNotBlank();
    // the faulty pong: a <failure> whose message says what was expected and what was observed
    Element c22 =
        testcase(
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(pong.folder().resolve("junit/TEST-wsconform.xml").toFile()),
            "2.2 ");
    assertThat(((Element) c22.getElementsByTagName("failure").item(0)).getAttribute("message"))
        .contains("expected")
        .contains("observed")
        .contains("RFC 6455 \u00a75.5.2");
  }

  private static Element testcase(Document doc, String namePrefix) {
    NodeList cases = doc.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element c = (Element) cases.item(i);
      if (c.getAttribute("name").startsWith(namePrefix)) return c;
    }
    throw new AssertionError("no testcase named " + namePrefix + "…");
  }

  @Test
  void summaryMarkdownIsReadyForAGitHubStepSummary() throws Exception {
    String md = Files.readString(pong.folder().resolve("summary.md"));
    // GitHub refuses a step summary over 1 MiB
    assertThat(md.getBytes(StandardCharsets.UTF_8).length).isLessThan(1024 * 1024);
    assertThat(md)
        .startsWith("## wsconform: ")
        .contains(
            "| ✅ Passed | ❌ Failed | ⏭️ Skipped | ⚠️ Error |\n|---:|---:|---:|---:|\n| 1 | 1 | 0 | 0 |")
        .contains("| FAILED | 1 |")
        .containsPattern(
            "- ❌ \\*\\*2\\.2\\*\\* ping with a small text payload — FAILED: expected .*observed .*RFC 6455 §5\\.5\\.2");
    assertThat(Files.readString(clean.folder().resolve("summary.md")))
        .contains("### Failed and errored cases\n\nNone.");
  }

  @Test
  void theExampleWorkflowUsesOptionsAndScriptsThatExist() throws Exception {
    Path root = AllureCommandline.projectRoot();
    String workflow = Files.readString(root.resolve("docs/github-actions-example.yml"));
    picocli.CommandLine.Model.CommandSpec spec =
        new picocli.CommandLine(new WsConform(System.out, System.err)).getCommandSpec();
    Matcher option = Pattern.compile("(?m)^\\s+(--[a-z-]+)").matcher(workflow);
    List<String> options = new ArrayList<>();
    while (option.find()) options.add(option.group(1));
    assertThat(options).contains("--target", "--baseline", "--out", "--allure");
    for (String o : options) assertThat(spec.findOption(o)).as("wsconform " + o).isNotNull();
    Matcher script = Pattern.compile("wsconform/((?:scripts|reports)/[\\w/.-]+)").matcher(workflow);
    int scripts = 0;
    for (; script.find(); scripts++) assertThat(root.resolve(script.group(1))).isRegularFile();
    assertThat(scripts).isGreaterThanOrEqualTo(3);
    assertThat(workflow)
        .contains("results/latest/summary.md")
        .contains("\"$GITHUB_STEP_SUMMARY\"")
        .contains("results/latest/junit/TEST-wsconform.xml");
  }

  @Test
  void allureWritesAnOfflineHtmlReportOfTheRun() throws Exception {
    FaultyRun r = FaultyRun.against(PONG, tmp, "--cases", CASES, "--allure");
    assertThat(r.exit()).as(r.printed()).isEqualTo(1);
    Path index = r.folder().resolve("allure-report/index.html");
    assertThat(r.out()).contains("allure: " + index);
    String html = Files.readString(index);
    // one file, everything inline, nothing fetched: no script from elsewhere (Allure's Google tag
    // is off), no address on the network at all
    Matcher external =
        Pattern.compile("(?:src|href)=\"(?!data:|#)[^\"]*|https?://[^\"' )]*").matcher(html);
    assertThat(external.find() ? external.group() : null).as("a reference off the page").isNull();
    Matcher summary =
        Pattern.compile("d\\('widgets/summary\\.json','([A-Za-z0-9+/=]+)'\\)").matcher(html);
    assertThat(summary.find()).as("the report embeds widgets/summary.json").isTrue();
    JsonNode s = new ObjectMapper().readTree(Base64.getDecoder().decode(summary.group(1)));
    assertThat(s.get("reportName").asText()).startsWith("wsconform: 127.0.0.1:");
    assertThat(s.get("statistic").get("total").asInt()).isEqualTo(2);
    assertThat(s.get("statistic").get("passed").asInt()).isEqualTo(1);
    assertThat(s.get("statistic").get("failed").asInt() + s.get("statistic").get("broken").asInt())
        .isEqualTo(1);
  }
}
