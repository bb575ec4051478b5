package org.wsconform.cases.utf8;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.cases.support.AutobahnCase;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.session.Session;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Hex;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;

/**
 * Autobahn 6.*: text payloads must be UTF-8 across the whole message, whatever the framing (RFC
 * 6455 §5.6), and a server that finds they are not fails the connection, with 1007 (§8.1, §7.4.1).
 * 6.1–6.4 fragment valid and invalid text in every way that matters (empty fragments, splits inside
 * code points, one octet per frame, one frame streamed across pauses); 6.5–6.23 are Markus Kuhn's
 * decoder test vectors, one table, one unfragmented frame each.
 */
public final class Utf8Handling {
  private static final String GROUP = "UTF-8 Handling / ";

  /** "Hello-µ@ßöäüàá-UTF-8!!" (6.2). */
  private static final byte[] HELLO =
      Hex.parse("48656c6c6f2dc2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121");

  /** κόσμε (6.2.4, and the valid start of 6.3 and 6.4). */
  private static final byte[] KOSME = Hex.parse("cebae1bdb9cf83cebcceb5");

  /** κόσμε, a UTF-16 surrogate (invalid at its second octet, 0xa0), then "edited" (6.3). */
  private static final byte[] KOSME_SURROGATE_EDITED =
      Hex.parse("cebae1bdb9cf83cebcceb5" + "eda080" + "656469746564");

  /** Kill timer of the generated vectors 6.5–6.23 (seconds), as in Autobahn. */
  private static final double VECTOR_KILL = 0.5;

  /**
   * One test vector: the payload of one unfragmented text frame, and whether it is UTF-8 (RFC
   * 3629).
   */
  record Vector(boolean valid, String hex) {
    byte[] payload() {
      return Hex.parse(hex);
    }
  }

  /** One sub-group of 6.5–6.23: its id, Autobahn's title, its vectors in order. */
  record VectorGroup(String id, String title, List<Vector> vectors) {}

  private static Vector v(String hex) {
    return new Vector(true, hex);
  }

  private static Vector x(String hex) {
    return new Vector(false, hex);
  }

  private static VectorGroup g(String id, String title, Vector... vectors) {
    return new VectorGroup(id, title, List.of(vectors));
  }

  /**
   * 6.5–6.23, as autobahn-cases.md §3.6 lists them (from Markus Kuhn's UTF-8 decoder capability and
   * stress test): v = valid, x = invalid. Noncharacters are valid; surrogates, code points above
   * U+10FFFF, overlong forms, 5- and 6-octet forms and truncated sequences are not.
   */
  private static final List<VectorGroup> VECTORS =
      List.of(
          g(
              "6.5",
              "Some valid UTF-8 sequences",
              v("68656c6c6f24776f726c64"),
              v("68656c6c6fc2a2776f726c64"),
              v("68656c6c6fe282ac776f726c64"),
              v("68656c6c6ff0a4ada2776f726c64"),
              v("cebae1bdb9cf83cebcceb5")),
          g(
              "6.6",
              "All prefixes of a valid UTF-8 string that contains multi-byte code points",
              x("ce"),
              v("ceba"),
              x("cebae1"),
              x("cebae1bd"),
              v("cebae1bdb9"),
              x("cebae1bdb9cf"),
              v("cebae1bdb9cf83"),
              x("cebae1bdb9cf83ce"),
              v("cebae1bdb9cf83cebc"),
              x("cebae1bdb9cf83cebcce"),
              v("cebae1bdb9cf83cebcceb5")),
          g(
              "6.7",
              "First possible sequence of a certain length",
              v("00"),
              v("c280"),
              v("e0a080"),
              v("f0908080")),
          g(
              "6.8",
              "First possible sequence length 5/6 (invalid codepoints)",
              x("f888808080"),
              x("fc8480808080")),
          g(
              "6.9",
              "Last possible sequence of a certain length",
              v("7f"),
              v("dfbf"),
              v("efbfbf"),
              v("f48fbfbf")),
          g(
              "6.10",
              "Last possible sequence length 4/5/6 (invalid codepoints)",
              x("f7bfbfbf"),
              x("fbbfbfbfbf"),
              x("fdbfbfbfbfbf")),
          g(
              "6.11",
              "Other boundary conditions",
              v("ed9fbf"),
              v("ee8080"),
              v("efbfbd"),
              v("f48fbfbf"),
              x("f4908080")),
          g(
              "6.12",
              "Unexpected continuation bytes",
              x("80"),
              x("bf"),
              x("80bf"),
              x("80bf80"),
              x("80bf80bf"),
              x("80bf80bf80"),
              x("80bf80bf80bf"),
              x(
                  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
                      + "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbe")),
          g(
              "6.13",
              "Lonely start characters",
              x(
                  "c020c120c220c320c420c520c620c720c820c920ca20cb20cc20cd20ce20cf20"
                      + "d020d120d220d320d420d520d620d720d820d920da20db20dc20dd20de20"),
              x("e020e120e220e320e420e520e620e720e820e920ea20eb20ec20ed20ee20"),
              x("f020f120f220f320f420f520f620"),
              x("f820f920fa20"),
              x("fc20")),
          g(
              "6.14",
              "Sequences with last continuation byte missing",
              x("c0"),
              x("e080"),
              x("f08080"),
              x("f8808080"),
              x("fc80808080"),
              x("df"),
              x("efbf"),
              x("f7bfbf"),
              x("fbbfbfbf"),
              x("fdbfbfbfbf")),
          g(
              "6.15",
              "Concatenation of incomplete sequences",
              x("c0e080f08080f8808080fc80808080dfefbff7bfbffbbfbfbffdbfbfbfbf")),
          g("6.16", "Impossible bytes", x("fe"), x("ff"), x("fefeffff")),
          g(
              "6.17",
              "Examples of an overlong ASCII character",
              x("c0af"),
              x("e080af"),
              x("f08080af"),
              x("f8808080af"),
              x("fc80808080af")),
          g(
              "6.18",
              "Maximum overlong sequences",
              x("c1bf"),
              x("e09fbf"),
              x("f08fbfbf"),
              x("f887bfbfbf"),
              x("fc83bfbfbfbf")),
          g(
              "6.19",
              "Overlong representation of the NUL character",
              x("c080"),
              x("e08080"),
              x("f0808080"),
              x("f880808080"),
              x("fc8080808080")),
          g(
              "6.20",
              "Single UTF-16 surrogates",
              x("eda080"),
              x("edadbf"),
              x("edae80"),
              x("edafbf"),
              x("edb080"),
              x("edbe80"),
              x("edbfbf")),
          g(
              "6.21",
              "Paired UTF-16 surrogates",
              x("eda080edb080"),
              x("eda080edbfbf"),
              x("edadbfedb080"),
              x("edadbfedbfbf"),
              x("edae80edb080"),
              x("edae80edbfbf"),
              x("edafbfedb080"),
              x("edafbfedbfbf")),
          g(
              "6.22",
              "Non-character code points (valid UTF-8)",
              v("efbfbe"),
              v("efbfbf"),
              v("f09fbfbe"),
              v("f09fbfbf"),
              v("f0afbfbe"),
              v("f0afbfbf"),
              v("f0bfbfbe"),
              v("f0bfbfbf"),
              v("f18fbfbe"),
              v("f18fbfbf"),
              v("f19fbfbe"),
              v("f19fbfbf"),
              v("f1afbfbe"),
              v("f1afbfbf"),
              v("f1bfbfbe"),
              v("f1bfbfbf"),
              v("f28fbfbe"),
              v("f28fbfbf"),
              v("f29fbfbe"),
              v("f29fbfbf"),
              v("f2afbfbe"),
              v("f2afbfbf"),
              v("f2bfbfbe"),
              v("f2bfbfbf"),
              v("f38fbfbe"),
              v("f38fbfbf"),
              v("f39fbfbe"),
              v("f39fbfbf"),
              v("f3afbfbe"),
              v("f3afbfbf"),
              v("f3bfbfbe"),
              v("f3bfbfbf"),
              v("f48fbfbe"),
              v("f48fbfbf")),
          g(
              "6.23",
              "Unicode specials (i.e. replacement char)",
              v("efbfb9"),
              v("efbfba"),
              v("efbfbb"),
              v("efbfbc"),
              v("efbfbd"),
              v("efbfbe"),
              v("efbfbf")));

  private Utf8Handling() {}

  /** The table behind 6.5–6.23 (for the self-test that checks it against Autobahn's reports). */
  static List<VectorGroup> vectors() {
    return VECTORS;
  }

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();
    l.addAll(emptyFragments());
    l.addAll(validSplits());
    l.addAll(invalidFragmented());
    l.addAll(failFast());
    for (VectorGroup vg : VECTORS) {
      for (int i = 0; i < vg.vectors().size(); i++) {
        l.add(vector(vg.id() + "." + (i + 1), vg, vg.vectors().get(i)));
      }
    }
    return l;
  }

  // ---------------------------------------------------------------- 6.1 and 6.2: valid text

  /** The whole message echoed once, then the harness closes; Autobahn arms closeAfter 1 s. */
  private static Consumer<Session> echoed(byte[] message, Consumer<Session> send) {
    return f -> {
      f.expect(
          Expectation.ok(
              List.of(Event.message(message, false)), CloseExpectation.byMe(CloseCode.NORMAL)));
      send.accept(f);
      f.closeAfter(1);
    };
  }

  private static List<ConformanceCase> emptyFragments() {
    String group = GROUP + "Valid UTF-8 with zero payload fragments";
    byte[] middle = "middle frame payload".getBytes(UTF_8);
    return List.of(
        AutobahnCase.of(
            "6.1.1",
            "6.1",
            group,
            "empty text message",
            Requirement.MUST,
            "RFC 6455 §5.6",
            echoed(new byte[0], f -> f.sendFrame(Frame.of(Opcode.TEXT, new byte[0])))),
        AutobahnCase.of(
            "6.1.2",
            "6.1",
            group,
            "text message of three empty fragments",
            Requirement.MUST,
            "RFC 6455 §5.4",
            echoed(new byte[0], f -> fragments(f, new byte[0], new byte[0], new byte[0]))),
        AutobahnCase.of(
            "6.1.3",
            "6.1",
            group,
            "text message of empty, non-empty, empty fragments",
            Requirement.MUST,
            "RFC 6455 §5.4",
            echoed(middle, f -> fragments(f, new byte[0], middle, new byte[0]))));
  }

  private static List<ConformanceCase> validSplits() {
    String group =
        GROUP + "Valid UTF-8 unfragmented, fragmented on code-points and within code-points";
    byte[] part1 = Arrays.copyOfRange(HELLO, 0, 15);
    byte[] part2 = Arrays.copyOfRange(HELLO, 15, HELLO.length);
    return List.of(
        AutobahnCase.of(
            "6.2.1",
            "6.2",
            group,
            "valid UTF-8 text in one frame",
            Requirement.MUST,
            "RFC 6455 §5.6",
            echoed(HELLO, f -> f.sendMessage(HELLO, false, 0, SendOptions.DEFAULT))),
        AutobahnCase.of(
            "6.2.2",
            "6.2",
            group,
            "valid UTF-8 text in two frames split at a code point",
            Requirement.MUST,
            "RFC 6455 §5.6",
            echoed(HELLO, f -> fragments(f, part1, part2))),
        AutobahnCase.of(
            "6.2.3",
            "6.2",
            group,
            "valid UTF-8 text one octet per frame (splits inside code points)",
            Requirement.MUST,
            "RFC 6455 §5.6",
            echoed(HELLO, f -> f.sendMessage(HELLO, false, 1, SendOptions.DEFAULT))),
        AutobahnCase.of(
            "6.2.4",
            "6.2",
            group,
            "κόσμε one octet per frame (splits inside code points)",
            Requirement.MUST,
            "RFC 6455 §5.6",
            echoed(KOSME, f -> f.sendMessage(KOSME, false, 1, SendOptions.DEFAULT))));
  }

  /**
   * A text message in the given fragments: the first a text frame, the rest continuations, FIN on
   * the last.
   */
  private static void fragments(Session f, byte[]... parts) {
    for (int i = 0; i < parts.length; i++) {
      f.sendFrame(
          new Frame(
              i == parts.length - 1, 0, i == 0 ? Opcode.TEXT : Opcode.CONTINUATION, parts[i]));
    }
  }

  // ---------------------------------------------------------------- 6.3 and 6.4: invalid text

  /** The server fails the connection with 1007; if the harness has to close, behavior fails too. */
  private static CloseExpectation serverFails() {
    return CloseExpectation.byPeer(CloseCode.INVALID_PAYLOAD).fatalIfWrongEndpoint();
  }

  private static List<ConformanceCase> invalidFragmented() {
    String group = GROUP + "Invalid UTF-8 differently fragmented";
    return List.of(
        AutobahnCase.of(
            "6.3.1",
            "6.3",
            group,
            "invalid UTF-8 (a surrogate) in one frame",
            Requirement.MUST,
            "RFC 6455 §8.1",
            invalid(f -> f.sendMessage(KOSME_SURROGATE_EDITED, false, 0, SendOptions.DEFAULT))),
        AutobahnCase.of(
            "6.3.2",
            "6.3",
            group,
            "invalid UTF-8 (a surrogate) one octet per frame",
            Requirement.MUST,
            "RFC 6455 §8.1",
            invalid(f -> f.sendMessage(KOSME_SURROGATE_EDITED, false, 1, SendOptions.DEFAULT))));
  }

  private static Consumer<Session> invalid(Consumer<Session> send) {
    return f -> {
      f.expect(Expectation.ok(List.of(), serverFails()));
      send.accept(f);
      f.killAfter(1);
    };
  }

  /**
   * 6.4: κόσμε + U+110000 (f4 90 80 80, invalid at its second octet) + "edited", in three parts
   * with 1 s pauses. OK: the server closes within the pause after the bad octet ([timeout A]);
   * NON-STRICT: only after the end of the message or frame ([timeout A, timeout B]).
   */
  private static List<ConformanceCase> failFast() {
    String group = GROUP + "Fail-fast on invalid UTF-8";
    byte[][] atCodePoint = {KOSME, Hex.parse("f4908080"), Hex.parse("656469746564")};
    byte[][] atBadOctet = {
      Hex.parse("cebae1bdb9cf83cebcceb5f4"), Hex.parse("90"), Hex.parse("8080656469746564")
    };
    String rfc = "RFC 6455 §8.1";
    return List.of(
        AutobahnCase.of(
                "6.4.1",
                "6.4",
                group,
                "invalid code point in the second of three frames, with pauses",
                Requirement.SHOULD,
                rfc,
                threeFrames(atCodePoint))
            .withSchedule(Schedule.PAUSED),
        AutobahnCase.of(
                "6.4.2",
                "6.4",
                group,
                "invalid octet alone in the second of three frames, with pauses",
                Requirement.SHOULD,
                rfc,
                threeFrames(atBadOctet))
            .withSchedule(Schedule.PAUSED),
        AutobahnCase.of(
                "6.4.3",
                "6.4",
                group,
                "invalid code point in the second of three parts of one frame, with pauses",
                Requirement.SHOULD,
                rfc,
                oneFrameStreamed(atCodePoint))
            .withSchedule(Schedule.PAUSED),
        AutobahnCase.of(
                "6.4.4",
                "6.4",
                group,
                "invalid octet alone in the second of three parts of one frame, with pauses",
                Requirement.SHOULD,
                rfc,
                oneFrameStreamed(atBadOctet))
            .withSchedule(Schedule.PAUSED));
  }

  private static Expectation failFastExpectation() {
    return Expectation.okOrNonStrict(
        List.of(Event.timeout("A")),
        List.of(Event.timeout("A"), Event.timeout("B")),
        serverFails());
  }

  /**
   * Part 1, then after each 1 s pause, if the connection is still open, a timeout event and the
   * next part; after part 3 a 1 s kill timer.
   */
  private static void inThreeSteps(Session f, Runnable part1, Runnable part2, Runnable part3) {
    part1.run();
    f.continueLater(
        1,
        "A",
        () -> {
          if (!f.isOpen()) return;
          f.record(Event.timeout("A"));
          part2.run();
          f.continueLater(
              1,
              "B",
              () -> {
                if (!f.isOpen()) return;
                f.record(Event.timeout("B"));
                part3.run();
                f.killAfter(1);
              });
        });
  }

  /** 6.4.1/6.4.2: three frames, text FIN=0, continuation FIN=0, continuation FIN=1. */
  private static Consumer<Session> threeFrames(byte[][] parts) {
    return f -> {
      f.expect(failFastExpectation());
      inThreeSteps(
          f,
          () -> f.sendFrame(new Frame(false, 0, Opcode.TEXT, parts[0])),
          () -> f.sendFrame(new Frame(false, 0, Opcode.CONTINUATION, parts[1])),
          () -> f.sendFrame(new Frame(true, 0, Opcode.CONTINUATION, parts[2])));
    };
  }

  /**
   * 6.4.3/6.4.4: one text frame (FIN=0) whose header declares all 21 octets, its payload streamed
   * in three writes; Autobahn's endMessage then closes the message with an empty continuation frame
   * (FIN=1).
   */
  private static Consumer<Session> oneFrameStreamed(byte[][] parts) {
    return f -> {
      f.expect(failFastExpectation());
      long length = parts[0].length + parts[1].length + parts[2].length;
      Session.FrameStream frame = f.streamFrame(false, 0, Opcode.TEXT, length);
      inThreeSteps(
          f,
          () -> frame.send(parts[0]),
          () -> frame.send(parts[1]),
          () -> {
            frame.send(parts[2]);
            f.sendFrame(new Frame(true, 0, Opcode.CONTINUATION, new byte[0]));
          });
    };
  }

  // ---------------------------------------------------------------- 6.5–6.23: the vectors

  private static ConformanceCase vector(String id, VectorGroup vg, Vector vec) {
    byte[] payload = vec.payload();
    String title =
        (vec.valid() ? "valid" : "invalid")
            + " UTF-8 0x"
            + abbreviated(vec.hex())
            + (vec.valid() ? " is echoed" : " fails the connection");
    Expectation expectation =
        vec.valid()
            ? Expectation.ok(
                List.of(Event.message(payload, false)), CloseExpectation.byMe(CloseCode.NORMAL))
            : Expectation.ok(List.of(), serverFails());
    Consumer<Session> script =
        f -> {
          f.expect(expectation);
          f.sendMessage(payload, false, 0, SendOptions.DEFAULT);
          f.killAfter(VECTOR_KILL);
        };
    return AutobahnCase.of(
        id,
        vg.id(),
        GROUP + vg.title(),
        title,
        Requirement.MUST,
        vec.valid() ? "RFC 6455 §5.6" : "RFC 6455 §8.1",
        script);
  }

  /**
   * Payloads up to 16 octets in full; longer ones (6.12.8, 6.13.1, 6.13.2, 6.15.1) by their ends
   * and length.
   */
  private static String abbreviated(String hex) {
    if (hex.length() <= 32) return hex;
    return hex.substring(0, 8)
        + "…"
        + hex.substring(hex.length() - 4)
        + " ("
        + hex.length() / 2
        + " octets)";
  }
}
