package org.wsconform.cases.close;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.support.AutobahnCase;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.Judge;
import org.wsconform.session.Session;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Hex;
import org.wsconform.wire.Opcode;

/**
 * Autobahn 7.*: the closing handshake the fuzzer starts. The server answers a close with a close
 * (RFC 6455 §5.5.1), ignores whatever follows it, and closes TCP first (§7.1.1); a close body is
 * either empty or a valid status code (§7.4) followed by a UTF-8 reason, the whole at most 125
 * octets (§5.5) — anything else fails the connection with 1002 (1007 for the reason). Every case
 * arms a 1 s kill timer; the close frames that break a rule go out through {@link
 * Session#sendCloseRaw}, which starts the closing handshake as Autobahn's sendCloseFrame does.
 */
public final class CloseHandling {
  private static final String BASIC = "Close Handling / Basic close behavior (fuzzer initiated)";
  private static final String LENGTH =
      "Close Handling / Close frame structure: payload length (fuzzer initiated)";
  private static final String VALUE =
      "Close Handling / Close frame structure: payload value (fuzzer initiated)";
  private static final String VALID =
      "Close Handling / Close frame structure: valid close codes (fuzzer initiated)";
  private static final String INVALID =
      "Close Handling / Close frame structure: invalid close codes (fuzzer initiated)";
  private static final String INFO =
      "Close Handling / Informational close information (fuzzer initiated)";

  /** 7.7.1–7.7.13: codes a peer may send (§7.4.1 defined, §7.4.2 registered and private ranges). */
  static final int[] VALID_CODES = {
    1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999
  };

  /** 7.9.1–7.9.9: codes no peer may send (below 1000, reserved, unassigned in 1000–2999). */
  static final int[] INVALID_CODES = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999};

  /** 7.5.1: κόσμε, then the UTF-16 surrogate ED A0 80 (invalid at A0), then "edited". */
  static final byte[] INVALID_UTF8_REASON = Hex.parse("cebae1bdb9cf83cebcceb5eda080656469746564");

  private static final Judge.Override WRONG_CODE_FAILS = Judge.Override.WRONG_CODE_FAILS_BEHAVIOR;

  private CloseHandling() {}

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();
    basic(l);
    payloadLength(l);
    l.add(
        c(
                "7.5.1",
                "7.5",
                VALUE,
                "close reason that is not valid UTF-8",
                Requirement.MUST,
                "RFC 6455 §5.5.1, §8.1",
                f -> {
                  f.suppressClose();
                  f.expect(
                      Expectation.ok(
                          List.of(),
                          CloseExpectation.byMeMaybeUnclean(
                              CloseCode.PROTOCOL_ERROR, CloseCode.INVALID_PAYLOAD)));
                  f.sendCloseRaw(CloseCode.NORMAL, INVALID_UTF8_REASON);
                  f.killAfter(1);
                })
            .withOverrides(WRONG_CODE_FAILS));
    for (int i = 0; i < VALID_CODES.length; i++) {
      int code = VALID_CODES[i];
      l.add(
          c(
                  "7.7." + (i + 1),
                  "7.7",
                  VALID,
                  "close with valid code " + code,
                  Requirement.MUST,
                  code >= 3000 ? "RFC 6455 §7.4.2" : "RFC 6455 §7.4.1",
                  f -> {
                    f.expect(
                        Expectation.ok(List.of(), CloseExpectation.byMe(CloseCode.NORMAL, code)));
                    f.sendCloseRaw(code, null);
                    f.killAfter(1);
                  })
              .withOverrides(WRONG_CODE_FAILS));
    }
    for (int i = 0; i < INVALID_CODES.length; i++) {
      int code = INVALID_CODES[i];
      l.add(
          c(
                  "7.9." + (i + 1),
                  "7.9",
                  INVALID,
                  "close with invalid code " + code,
                  Requirement.MUST,
                  "RFC 6455 §7.4.1, §7.4.2",
                  f -> {
                    f.expect(
                        Expectation.ok(
                            List.of(),
                            CloseExpectation.byMeMaybeUnclean(CloseCode.PROTOCOL_ERROR)));
                    f.sendCloseRaw(code, null);
                    f.killAfter(1);
                  })
              .withOverrides(WRONG_CODE_FAILS));
    }
    l.add(informational("7.13.1", 5000));
    l.add(informational("7.13.2", 65535));
    return l;
  }

  /** 7.1.*: what the server does with frames around the close. */
  private static void basic(List<ConformanceCase> l) {
    l.add(
        c(
                "7.1.1",
                "7.1",
                BASIC,
                "text message, then the fuzzer closes",
                Requirement.MUST,
                "RFC 6455 §5.5.1, §5.6",
                f -> {
                  f.expect(
                      Expectation.ok(
                          List.of(Event.text("Hello World!")),
                          CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.sendFrame(Frame.text("Hello World!"));
                  f.killAfter(1);
                })
            .withOverrides(WRONG_CODE_FAILS));
    l.add(
        c(
                "7.1.2",
                "7.1",
                BASIC,
                "two close frames",
                Requirement.MUST,
                "RFC 6455 §5.5.1",
                f -> {
                  f.suppressClose();
                  f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.sendClose(CloseCode.NORMAL, null);
                  f.sendFrame(Frame.of(Opcode.CLOSE, new byte[0]));
                  f.killAfter(1);
                })
            .withOverrides(WRONG_CODE_FAILS));
    l.add(
        c(
                "7.1.3",
                "7.1",
                BASIC,
                "ping after close (no pong)",
                Requirement.MUST,
                "RFC 6455 §5.5.1",
                f -> {
                  f.suppressClose();
                  f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.sendClose(CloseCode.NORMAL, null);
                  f.sendFrame(Frame.ping(new byte[0]));
                  f.killAfter(1);
                })
            .withOverrides(WRONG_CODE_FAILS));
    l.add(
        c(
                "7.1.4",
                "7.1",
                BASIC,
                "text message after close (ignored)",
                Requirement.MUST,
                "RFC 6455 §5.5.1",
                f -> {
                  f.suppressClose();
                  f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.sendClose(CloseCode.NORMAL, null);
                  f.sendFrame(Frame.text("Hello World!"));
                  f.killAfter(1);
                })
            .withOverrides(WRONG_CODE_FAILS));
    l.add(
        c(
                "7.1.5",
                "7.1",
                BASIC,
                "close between two fragments of a text message",
                Requirement.MUST,
                "RFC 6455 §5.4, §5.5.1",
                f -> {
                  f.suppressClose();
                  f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.sendFrame(new Frame(false, 0, Opcode.TEXT, "fragment1".getBytes(UTF_8)));
                  f.sendClose(CloseCode.NORMAL, null);
                  f.sendFrame(new Frame(true, 0, Opcode.CONTINUATION, "fragment2".getBytes(UTF_8)));
                  f.killAfter(1);
                })
            .withOverrides(WRONG_CODE_FAILS));
    byte[] big = repeat("BAsd7&jh23", 256 * 1024);
    l.add(
        c(
                "7.1.6",
                "7.1",
                BASIC,
                "256 KiB text message, text message, close, ping, back to back",
                Requirement.INFORMATIONAL,
                "RFC 6455 §5.5.1",
                f -> {
                  f.suppressClose();
                  f.expect(
                      Expectation.okOrNonStrict(
                          List.of(Event.text("Hello World!")),
                          List.of(),
                          CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.sendFrame(Frame.of(Opcode.TEXT, big));
                  f.sendFrame(Frame.text("Hello World!"));
                  f.sendClose(CloseCode.NORMAL, null);
                  f.sendFrame(Frame.ping(new byte[0]));
                  f.killAfter(1);
                })
            .withOverrides(Judge.Override.INFORMATIONAL));
  }

  /** 7.3.*: close bodies of 0, 1, 2, 14, 125 and 126 octets. */
  private static void payloadLength(List<ConformanceCase> l) {
    l.add(closes("7.3.1", "close with an empty payload", "RFC 6455 §5.5.1", null, null));
    l.add(
        c(
                "7.3.2",
                "7.3",
                LENGTH,
                "close with a 1-octet payload",
                Requirement.MUST,
                "RFC 6455 §5.5.1",
                f -> {
                  f.suppressClose();
                  f.expect(
                      Expectation.ok(
                          List.of(), CloseExpectation.byMeMaybeUnclean(CloseCode.PROTOCOL_ERROR)));
                  f.sendCloseRaw(null, "a".getBytes(UTF_8));
                  f.killAfter(1);
                })
            .withOverrides(WRONG_CODE_FAILS));
    l.add(
        closes(
            "7.3.3",
            "close with a code only (2-octet payload)",
            "RFC 6455 §5.5.1",
            CloseCode.NORMAL,
            null));
    l.add(
        closes(
            "7.3.4",
            "close with a code and a reason",
            "RFC 6455 §5.5.1",
            CloseCode.NORMAL,
            "Hello World!"));
    l.add(
        closes(
            "7.3.5",
            "close with a 123-octet reason (125-octet payload, the maximum)",
            "RFC 6455 §5.5, §5.5.1",
            CloseCode.NORMAL,
            "*".repeat(123)));
    l.add(
        c(
                "7.3.6",
                "7.3",
                LENGTH,
                "close with a 124-octet reason (126-octet payload, too long)",
                Requirement.MUST,
                "RFC 6455 §5.5",
                f -> {
                  f.suppressClose();
                  f.expect(
                      Expectation.ok(
                          List.of(), CloseExpectation.byMeMaybeUnclean(CloseCode.PROTOCOL_ERROR)));
                  f.sendCloseRaw(CloseCode.NORMAL, "*".repeat(124).getBytes(UTF_8));
                  f.killAfter(1);
                })
            .withOverrides(WRONG_CODE_FAILS));
  }

  /** A well-formed close (7.3.1, 7.3.3–7.3.5): the server answers, normal code, clean. */
  private static ConformanceCase closes(
      String id, String title, String rfc, Integer code, String reason) {
    return c(
            id,
            "7.3",
            LENGTH,
            title,
            Requirement.MUST,
            rfc,
            f -> {
              f.suppressClose();
              f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(CloseCode.NORMAL)));
              f.sendClose(code, reason);
              f.killAfter(1);
            })
        .withOverrides(WRONG_CODE_FAILS);
  }

  /** 7.13.*: a code beyond 4999; what the server answers is left open. */
  private static ConformanceCase informational(String id, int code) {
    return c(
            id,
            "7.13",
            INFO,
            "close with code " + code + " (beyond the defined ranges)",
            Requirement.INFORMATIONAL,
            "RFC 6455 §7.4.2",
            f -> {
              f.suppressClose();
              f.expect(
                  Expectation.ok(
                      List.of(),
                      CloseExpectation.byMeMaybeUnclean(
                          CloseCode.NORMAL, code, CloseCode.PROTOCOL_ERROR)));
              f.sendCloseRaw(code, null);
              f.killAfter(1);
            })
        .withOverrides(Judge.Override.INFORMATIONAL);
  }

  private static ConformanceCase c(
      String id,
      String group,
      String groupTitle,
      String title,
      Requirement req,
      String rfc,
      Consumer<Session> onOpen) {
    return AutobahnCase.of(id, group, groupTitle, title, req, rfc, onOpen);
  }

  /** Autobahn's payload_len: the pattern repeated and cut to exactly {@code length} octets. */
  static byte[] repeat(String pattern, int length) {
    byte[] p = pattern.getBytes(UTF_8);
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) out[i] = p[i % p.length];
    return out;
  }
}
