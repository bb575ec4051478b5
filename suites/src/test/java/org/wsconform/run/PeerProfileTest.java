package org.wsconform.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsconform.session.PeerModel;

/** Profiles with peer= and the dialogue.* keys, in the format issue 14 gives. */
class PeerProfileTest {
  @TempDir Path dir;

  private Path profile(String text) throws Exception {
    Path f = dir.resolve("app.properties");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void aSocketIoDialogueKeepsItsRegexAsWritten() throws Exception {
    Path f =
        profile(
            "url=ws://127.0.0.1:1/socket.io/?EIO=4&transport=websocket\n"
                + "peer=dialogue\n"
                + "dialogue.request=text:40\n"
                + "dialogue.reply=regex:^40\n"
                + "dialogue.heartbeat=2->3\n"
                + "dialogue.unsolicited=regex:^0\\{.*\n");
    Targets.Resolved r = Targets.fromProfile("app", f);
    assertThat(r.peer().model()).isEqualTo(PeerModel.DIALOGUE);
    assertThat(r.peer().dialogue().unsolicited().get(0).toString()).isEqualTo("regex:^0\\{.*");
    assertThat(
            r.peer()
                .dialogue()
                .unsolicited()
                .get(0)
                .matches("0{\"sid\":\"a\"}".getBytes(StandardCharsets.UTF_8), false))
        .isTrue();
    assertThat(r.identity().peer()).isEqualTo("dialogue");
    assertThat(r.identity().describe()).contains("peer dialogue");
  }

  @Test
  void theCommandLineWinsAndEchoIsTheDefault() throws Exception {
    Path f = profile("url=ws://127.0.0.1:1/\npeer=silent\n");
    assertThat(Targets.fromProfile("app", f).peer().model()).isEqualTo(PeerModel.SILENT);
    assertThat(Targets.fromProfile("app", f, PeerModel.ECHO).peer().echo()).isTrue();
    assertThat(Targets.fromProfile("app", profile("url=ws://127.0.0.1:1/\n")).peer().echo())
        .isTrue();
  }

  @Test
  void mistakesAreRefusedWithTheKeyNamed() throws Exception {
    assertThatThrownBy(
            () ->
                Targets.fromProfile(
                    "app", profile("url=ws://127.0.0.1:1/\ndialogue.request=text:hi\n")))
        .isInstanceOf(Targets.UnknownTarget.class)
        .hasMessageContaining("dialogue.* keys need peer=silent or peer=dialogue");
    assertThatThrownBy(
            () -> Targets.fromProfile("app", profile("url=ws://127.0.0.1:1/\npeer=dialogue\n")))
        .hasMessageContaining("peer=dialogue needs at least one dialogue.request");
    assertThatThrownBy(
            () -> Targets.fromProfile("app", profile("url=ws://127.0.0.1:1/\npeer=chatty\n")))
        .hasMessageContaining("peer must be echo, silent or dialogue");
    assertThatThrownBy(
            () ->
                Targets.fromProfile(
                    "app", profile("url=ws://127.0.0.1:1/\npeer=silent\ndialogue.replay=x\n")))
        .hasMessageContaining("unknown key(s) [dialogue.replay]");
    assertThatThrownBy(() -> Targets.resolve("ws://127.0.0.1:1/", PeerModel.DIALOGUE))
        .hasMessageContaining("--peer dialogue needs the dialogue itself");
  }
}
