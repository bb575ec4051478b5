package org.wsconform.cases.close;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.Judge;
import org.wsconform.session.Session;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;

/**
 * C.*: the closing handshake where Autobahn stops short (autobahn-cases.md §3.7 and §7): the
 * registered codes 1012–1014 and the never-sent 1015, an invalid close reason that reaches the
 * server in two TCP writes, a close followed by a TCP half-close, a maximum-length reason in
 * multi-byte UTF-8, and a close in the middle of a fragmented message. Judged by Autobahn's rules;
 * every case arms the same 1 s kill timer as 7.*.
 */
public final class CloseRules {
  private static final String GROUP = "C";
  private static final String GROUP_TITLE = "Close handling beyond Autobahn";

  /** 123 octets of UTF-8 in 2-, 3- and 4-octet sequences: "κόσμε" × 10, "€", "😀😀", "!!". */
  static final byte[] MULTIBYTE_REASON_123 =
      ("\u03BA\u1F79\u03C3\u03BC\u03B5".repeat(10) + "\u20AC" + "\uD83D\uDE00".repeat(2) + "!!")
          .getBytes(UTF_8);

  private CloseRules() {}

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();
    String[] names = {"Service Restart", "Try Again Later", "Bad Gateway"};
    for (int i = 0; i < 3; i++) {
      int code = 1012 + i;
      l.add(
          c(
              "C." + (i + 1),
              "close with registered code " + code + " (" + names[i] + ")",
              "Send a close frame with code "
                  + code
                  + " ("
                  + names[i]
                  + ", registered in the IANA WebSocket Close Code "
                  + "Number Registry after RFC 6455) and no reason.",
              "Clean close with normal or echoed code: the server answers with 1000 or "
                  + code
                  + " and closes TCP. "
                  + "A server that still treats "
                  + code
                  + " as invalid (as Autobahn did before 2016/2018) answers 1002: WRONG CODE.",
              Requirement.SHOULD,
              "RFC 6455 §7.4.2, §11.7",
              f -> {
                f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(CloseCode.NORMAL, code)));
                f.sendCloseRaw(code, null);
                f.killAfter(1);
              }));
    }
    l.add(
        c(
                "C.4",
                "close with code 1015 (TLS handshake failure, never sent)",
                "Send a close frame with code 1015, a value that RFC 6455 reserves for reporting a failed TLS handshake and "
                    + "that MUST NOT be set in a close frame.",
                "Clean close with protocol error code or drop TCP. An echo of 1015 or a reply of 1000 fails.",
                Requirement.MUST,
                "RFC 6455 §7.4.1",
                f -> {
                  f.expect(
                      Expectation.ok(
                          List.of(), CloseExpectation.byMeMaybeUnclean(CloseCode.PROTOCOL_ERROR)));
                  f.sendCloseRaw(1015, null);
                  f.killAfter(1);
                })
            .withOverrides(Judge.Override.WRONG_CODE_FAILS_BEHAVIOR));

    byte[] invalid = closePayload(CloseCode.NORMAL, CloseHandling.INVALID_UTF8_REASON);
    // frame = 2 header + 4 mask + payload; the first write ends with the lead byte ED (payload
    // offset 13), the second starts with A0, the first octet that makes the reason invalid
    int firstWrite = 2 + 4 + 2 + 12;
    l.add(
        c(
                "C.5",
                "close reason with invalid UTF-8 split across two TCP writes",
                "Send a close frame with code 1000 and the 7.5.1 reason (κόσμε, then ED A0 80, a UTF-16 surrogate, then "
                    + "\"edited\"), written to TCP in two parts: the first ends with the lead octet ED, the second begins with "
                    + "A0, the octet that makes the reason invalid. The frame goes out raw (as Autobahn 3.7 sends its close), so "
                    + "the harness does not count itself as the closer.",
                "The server fails the connection once the close frame is complete: close with 1007 (or 1002), or drop TCP. "
                    + "A reply of 1000 means the reason was not checked across reads: FAILED. No reply at all: the 1 s kill "
                    + "timer closes, FAILED.",
                Requirement.MUST,
                "RFC 6455 §5.5.1, §8.1",
                f -> {
                  f.expect(
                      Expectation.ok(
                          List.of(),
                          CloseExpectation.byPeer(
                              CloseCode.INVALID_PAYLOAD, CloseCode.PROTOCOL_ERROR)));
                  f.sendFrame(Frame.of(Opcode.CLOSE, invalid), SendOptions.chopped(firstWrite));
                  f.killAfter(1);
                })
            .withOverrides(Judge.Override.WRONG_CODE_FAILS_BEHAVIOR));

    l.add(
        c(
                "C.6",
                "close, then TCP half-close by the client",
                "Send a close frame with code 1000, then shut down the client's sending side of TCP (FIN) while still reading.",
                "The end of the client's byte stream does not stop the server's closing handshake: it answers with 1000 and "
                    + "closes TCP. A server that drops TCP on the FIN without a close reply is UNCLEAN.",
                Requirement.MUST,
                "RFC 6455 §5.5.1, §7.1.1",
                f -> {
                  f.suppressClose();
                  f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.sendClose(CloseCode.NORMAL, null);
                  f.shutdownOutput();
                  f.killAfter(1);
                })
            .withOverrides(Judge.Override.WRONG_CODE_FAILS_BEHAVIOR));

    l.add(
        c(
                "C.7",
                "close with a 123-octet multi-byte UTF-8 reason (125-octet payload)",
                "Send a close frame with code 1000 and a reason of exactly 123 octets (the maximum: 125-octet payload) made of "
                    + "2-, 3- and 4-octet UTF-8 sequences (\"κόσμε\" × 10, \"€\", two U+1F600, \"!!\"), 55 code points.",
                "Clean close with normal code: the limit is counted in octets, and the reason is valid UTF-8.",
                Requirement.MUST,
                "RFC 6455 §5.5, §5.5.1",
                f -> {
                  f.suppressClose();
                  f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.sendCloseRaw(CloseCode.NORMAL, MULTIBYTE_REASON_123);
                  f.killAfter(1);
                })
            .withOverrides(Judge.Override.WRONG_CODE_FAILS_BEHAVIOR));

    l.add(
        c(
                "C.8",
                "close while a fragmented text message is open",
                "Send a text frame \"fragment1\" with FIN=0, then a close frame with code 1000; the message is never finished.",
                "Clean close with normal code, no echo: the unfinished message is dropped and control frames may come "
                    + "between fragments.",
                Requirement.MUST,
                "RFC 6455 §5.4, §5.5.1",
                f -> {
                  f.suppressClose();
                  f.expect(Expectation.ok(List.of(), CloseExpectation.byMe(CloseCode.NORMAL)));
                  f.sendFrame(new Frame(false, 0, Opcode.TEXT, "fragment1".getBytes(UTF_8)));
                  f.sendClose(CloseCode.NORMAL, null);
                  f.killAfter(1);
                })
            .withOverrides(Judge.Override.WRONG_CODE_FAILS_BEHAVIOR));

    l.add(
        c(
                "C.9",
                "close with a valid multi-byte UTF-8 reason in octet chops",
                "Send the close frame of C.7 (code 1000, 123-octet multi-byte reason) one octet per TCP write, so that every "
                    + "UTF-8 sequence of the reason is split across writes. The frame goes out raw, as in C.5 (the control "
                    + "case for it), so the server's close counts as the first one.",
                "Clean close with normal code: a valid reason split across reads is still valid. The server answers 1000 and "
                    + "closes TCP; 1002 or 1007 fails, and so does no answer (the 1 s kill timer closes).",
                Requirement.MUST,
                "RFC 6455 §5.5.1, §8.1",
                f -> {
                  // peer/1000/clean: the server's close (the answer to our raw one) must carry
                  // 1000, and the
                  // close handshake must complete with the server closing TCP
                  f.expect(
                      Expectation.ok(
                          List.of(),
                          new CloseExpectation(false, List.of(CloseCode.NORMAL), true, false)));
                  f.sendFrame(
                      Frame.of(Opcode.CLOSE, closePayload(CloseCode.NORMAL, MULTIBYTE_REASON_123)),
                      SendOptions.chopped(1));
                  f.killAfter(1);
                })
            .withOverrides(Judge.Override.WRONG_CODE_FAILS_BEHAVIOR));
    return l;
  }

  private static ConformanceCase c(
      String id,
      String title,
      String description,
      String expectation,
      Requirement req,
      String rfc,
      Consumer<Session> onOpen) {
    return ConformanceCase.session(
        id, GROUP, GROUP_TITLE, title, description, expectation, req, rfc, onOpen);
  }

  private static byte[] closePayload(int code, byte[] reason) {
    byte[] p = new byte[2 + reason.length];
    p[0] = (byte) (code >> 8);
    p[1] = (byte) code;
    System.arraycopy(reason, 0, p, 2, reason.length);
    return p;
  }
}
