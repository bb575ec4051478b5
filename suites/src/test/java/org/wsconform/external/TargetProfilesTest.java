package org.wsconform.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.run.ConnectionSettings;
import org.wsconform.run.KnownCause;
import org.wsconform.run.Preflight;
import org.wsconform.run.RunConfig;
import org.wsconform.run.RunContext;
import org.wsconform.run.Targets;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.targets.external.ExternalTarget;
import org.wsconform.wire.Header;

/**
 * Target profiles ({@code targets/profiles/<name>.properties}) as a run reads them: what each key
 * does to the run (headers, subprotocols, declared limit, excluded cases, TLS, launching a local
 * implementation and stopping it afterwards), and that every mistake in a profile is refused with a
 * message naming the file and the key. Profiles are written into a temporary home.
 */
@Timeout(60)
class TargetProfilesTest {
  @TempDir Path home;
  String previousHome;

  @BeforeEach
  void useHome() throws IOException {
    previousHome = System.getProperty("wsconform.home");
    System.setProperty("wsconform.home", home.toString());
    Files.createDirectories(home.resolve("targets/profiles"));
  }

  @AfterEach
  void restoreHome() {
    if (previousHome == null) System.clearProperty("wsconform.home");
    else System.setProperty("wsconform.home", previousHome);
  }

  void profile(String name, String text) throws IOException {
    Files.writeString(home.resolve("targets/profiles/" + name + ".properties"), text);
  }

  RunContext open(String target, String cases) throws IOException {
    return RunContext.open(
        new RunConfig(
            target,
            cases,
            null,
            List.of(),
            1.0,
            false,
            home.resolve("out"),
            null,
            ConnectionSettings.DEFAULT));
  }

  static boolean accepts(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void aProfileSetsHeadersSubprotocolsTheDeclaredLimitAndExcludesCasesWithReasons()
      throws Exception {
    try (ReferenceServer ref = ReferenceServer.start(0)) {
      profile(
          "full",
          String.join(
              "\n",
              "url=" + ref.uri(),
              "agent=reference-through-a-profile",
              "header.10=X-Tenth: 10",
              "header.2=X-Second: 2",
              "subprotocols=chat, superchat",
              "limit.message=1048576",
              "exclude=1.1.*:plain text is dull,2.10:timing",
              "exclude.1=6.4.*: fail-fast is a SHOULD, and, commas are fine here",
              ""));
      Targets.Resolved r = Targets.resolve("full");
      assertThat(r.excluded())
          .extracting(Targets.Exclusion::toString)
          .containsExactly(
              "1.1.* (plain text is dull)",
              "2.10 (timing)",
              "6.4.* (fail-fast is a SHOULD, and, commas are fine here)");
      r.close();
      try (RunContext ctx = open("full", "1.*,2.*,6.4.*")) {
        assertThat(ctx.settings().agent()).isEqualTo("reference-through-a-profile");
        assertThat(ctx.settings().headers())
            .containsExactly(
                new Header("X-Second", "2"),
                new Header("X-Tenth", "10"),
                new Header("Sec-WebSocket-Protocol", "chat, superchat"));
        assertThat(ctx.settings().declaredMessageLimit()).isEqualTo(1048576L);
        List<String> ids = ctx.selected().stream().map(ConformanceCase::id).toList();
        assertThat(ids)
            .contains("1.2.1", "2.1", "2.11")
            .doesNotContain("1.1.1", "1.1.8", "2.10", "6.4.1", "6.4.4");
        assertThat(ctx.preflight().handshakeFailure())
            .as("the reference accepts the subprotocol offer")
            .isNull();
      }
    }
  }

  @Test
  void aLaunchProfileStartsItsTargetForTheRunAndStopsItAfter() throws Exception {
    Path dir = ExternalTarget.dir(home, "standin");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("start.sh"), "exec node server.js \"$@\"\n");
    Files.writeString(
        dir.resolve("server.js"),
        """
        const s = require('node:http').createServer((q, r) => { r.writeHead(426); r.end(process.argv.slice(2).join(' ')); });
        s.listen(0, '127.0.0.1', () => console.log('listening on ws://127.0.0.1:' + s.address().port + '/'));
        """);
    profile("standin", "launch=standin\nlaunch.args=--one two\nurl=ws://127.0.0.1:{port}/echo\n");
    int port;
    try (RunContext ctx = open("standin", "H.1")) {
      port = ctx.settings().endpoint().port();
      assertThat(ctx.settings().endpoint().uri().toString())
          .isEqualTo("ws://127.0.0.1:" + port + "/echo");
      assertThat(accepts(port)).isTrue();
      assertThat(ctx.preflight().handshakeFailure())
          .as("a 426 server fails the canonical handshake")
          .contains("426");
    }
    assertThat(accepts(port)).as("the launched target is stopped when the run closes").isFalse();
  }

  @Test
  void aTargetThatCannotStartMeansTheTargetCannotBeReached() throws Exception {
    Path dir = ExternalTarget.dir(home, "dead");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("start.sh"), "echo 'address already in use' >&2; exit 1\n");
    profile("dead", "launch=dead\nlaunch.ready=5\n");
    assertThatThrownBy(() -> open("dead", "H.1"))
        .isInstanceOf(Preflight.TargetUnreachable.class)
        .hasMessageContaining("could not start the 'dead' target of profile dead")
        .hasMessageContaining("address already in use");
  }

  @Test
  void tlsSettingsComeFromTheProfileUnlessTheCommandLineSetsItsOwn() throws Exception {
    try (ReferenceServer ref = ReferenceServer.start(0)) {
      profile("lab", "url=" + ref.uri() + "\ntls.insecure=true\n");
      try (RunContext ctx = open("lab", "H.1")) {
        assertThat(ctx.settings().tls().insecure()).isTrue();
      }
      profile("plain", "url=" + ref.uri() + "\n");
      try (RunContext ctx = open("plain", "H.1")) {
        assertThat(ctx.settings().tls().insecure()).isFalse();
      }
    }
  }

  @Test
  void everyMistakeInAProfileIsRefusedNamingTheFileAndTheKey() throws Exception {
    String url = "url=ws://127.0.0.1:9/\n";
    profile("noreason", url + "exclude=7.1.6\n");
    profile("typo", url + "limit.mesage=1048576\n");
    profile("notanumber", url + "limit.message=1MiB\n");
    profile("nothing", "agent=x\n");
    profile("fixedport", "launch=ws\nurl=ws://127.0.0.1:9001/\n");
    profile("badproto", url + "subprotocols=chat; superchat\n");
    profile("nofolder", "launch=no-such-target\n");
    profile("badheader", url + "header.1=no colon\n");
    profile("noca", url + "tls.ca-cert=missing.pem\n");
    Files.createDirectories(ExternalTarget.dir(home, "ws"));
    assertThatThrownBy(() -> Targets.resolve("noreason"))
        .isInstanceOf(Targets.UnknownTarget.class)
        .hasMessageContaining("noreason.properties")
        .hasMessageContaining("'7.1.6' needs a reason");
    assertThatThrownBy(() -> Targets.resolve("typo"))
        .hasMessageContaining("unknown key(s) [limit.mesage]");
    assertThatThrownBy(() -> Targets.resolve("notanumber"))
        .hasMessageContaining("limit.message must be a positive number");
    assertThatThrownBy(() -> Targets.resolve("nothing"))
        .hasMessageContaining("has neither 'url' nor 'launch'");
    assertThatThrownBy(() -> Targets.resolve("fixedport"))
        .hasMessageContaining("url must contain {port}");
    assertThatThrownBy(() -> Targets.resolve("badproto"))
        .hasMessageContaining("subprotocols must be comma-separated tokens");
    assertThatThrownBy(() -> Targets.resolve("nofolder"))
        .hasMessageContaining("no folder")
        .hasMessageContaining("no-such-target");
    assertThatThrownBy(() -> Targets.resolve("badheader"))
        .hasMessageContaining("badheader.properties")
        .hasMessageContaining("Name: value");
    assertThatThrownBy(() -> Targets.resolve("noca")).hasMessageContaining("missing.pem");
    assertThatThrownBy(() -> Targets.resolve("nosuch"))
        .hasMessageContaining("unknown profile 'nosuch'")
        .hasMessageContaining("noreason")
        .hasMessageContaining("reference");
  }

  @Test
  void everyShippedProfileParses() throws Exception {
    // the real profiles, without launching anything: every key known, every exclusion with a reason
    Path shipped = Path.of("..").toAbsolutePath().normalize().resolve("targets/profiles");
    List<Path> files;
    try (var s = Files.list(shipped)) {
      files = s.filter(f -> f.toString().endsWith(".properties")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(12);
    for (Path f : files) {
      Properties p = new Properties();
      try (var r = Files.newBufferedReader(f)) {
        p.load(r);
      }
      String launch = p.getProperty("launch");
      // the profile's own lines, as written (dialogue.* values keep their backslashes), without
      // the launch keys: checked here, the rest is parsed as a deployed profile would be
      StringBuilder sb = new StringBuilder();
      for (String line : Files.readAllLines(f)) {
        if (launch != null && line.matches("\\s*(launch|launch\\.command|launch\\.args)\\s*[=:].*"))
          continue;
        sb.append(line).append('\n');
      }
      if (launch != null) {
        assertThat(shipped.getParent().resolve("external").resolve(launch))
            .as(f + ": its launch folder")
            .isDirectory();
        sb.append("url=ws://127.0.0.1:9/\n");
      }
      String name = f.getFileName().toString().replace(".properties", "");
      profile(name, sb.toString());
      try (Targets.Resolved r = Targets.resolve(name)) {
        assertThat(r.agent()).as(f + ": agent").isNotBlank();
        assertThat(r.identity().implementation()).as(f + ": implementation=").isNotBlank();
        assertThat(r.identity().profile()).isEqualTo(name);
        if (launch != null) assertThat(r.identity().version()).as(f + ": version=").isNotBlank();
      }
    }
  }

  @Test
  void workerdProfilesRecordTheCompatibilityTheyLaunchWithAndKnowWhoIsAtFault() throws Exception {
    Path shipped = Path.of("..").toAbsolutePath().normalize().resolve("targets/profiles");
    List<Path> files;
    try (var s = Files.list(shipped)) {
      files = s.filter(f -> f.getFileName().toString().startsWith("workerd")).sorted().toList();
    }
    assertThat(files).hasSize(4);
    for (Path f : files) {
      Properties p = new Properties();
      try (var r = Files.newBufferedReader(f)) {
        p.load(r);
      }
      String args = p.getProperty("launch.args", "");
      // the launcher's own default date (targets/external/workerd/start.mjs) when none is given
      String date =
          args.contains("--compat") ? args.replaceAll(".*--compat (\\S+).*", "$1") : "2026-11-17";
      assertThat(p.getProperty("compatibility.date")).as(f.toString()).isEqualTo(date);
      assertThat(p.getProperty("compatibility.flags", ""))
          .as(f.toString())
          .isEqualTo(args.contains("--no-compression") ? "no_web_socket_compression" : "");
      List<KnownCause> known =
          p.stringPropertyNames().stream()
              .filter(k -> k.startsWith("known."))
              .map(k -> KnownCause.parse(p.getProperty(k)))
              .toList();
      assertThat(known).as(f + ": known causes").isNotEmpty();
      assertThat(known.stream().filter(k -> k.matches("H.6")).findFirst().orElseThrow().fault())
          .as(f + ": H.6 is the guide's Worker")
          .isEqualTo(KnownCause.Fault.APPLICATION);
      for (String runtime : List.of("6.3.1", "H.13", "H.18")) {
        assertThat(known.stream().filter(k -> k.matches(runtime)).findFirst().orElseThrow().fault())
            .as(f + ": " + runtime + " fails inside workerd")
            .isEqualTo(KnownCause.Fault.RUNTIME);
      }
    }
  }

  @Test
  void aProfileWithAKnownCauseThatDoesNotParseIsRefused() throws Exception {
    profile("badknown", "url=ws://127.0.0.1:9/\nknown.1=6.3.* somebody: who knows\n");
    assertThatThrownBy(() -> Targets.resolve("badknown"))
        .isInstanceOf(Targets.UnknownTarget.class)
        .hasMessageContaining("badknown.properties")
        .hasMessageContaining("PATTERNS runtime|application: cause");
  }
}
