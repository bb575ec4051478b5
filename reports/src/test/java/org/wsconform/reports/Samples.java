package org.wsconform.reports;

import java.util.List;
import java.util.Map;

/** Case records for the writer and reader tests: every outcome and verdict kind. */
final class Samples {

  static final String AGENT = "ws@8.18.3";

  /** A hostile payload: markup, quotes, an ampersand, a control character. */
  static final String FIX = "Echo every message whole and unchanged, text as text.";

  static final String NASTY = "<&\"'\u0001>]]> bell\u0007 end";

  private Samples() {}

  static CaseRecord.CloseRecord close(Integer remoteCode, boolean clean) {
    return new CaseRecord.CloseRecord(
        true,
        false,
        false,
        clean,
        clean ? null : "peer dropped",
        false,
        false,
        false,
        1000,
        null,
        remoteCode,
        null,
        "server");
  }

  static List<CaseRecord.WireEntry> wirelog(String payload) {
    return List.of(
        new CaseRecord.WireEntry(0.0, "TO", "upgrade request", 246, "474554202f ..."),
        new CaseRecord.WireEntry(
            1.25,
            "TF",
            "text fin=1 rsv=0 len=" + payload.length() + " '" + payload + "'",
            payload.length(),
            null),
        new CaseRecord.WireEntry(2.5, "RF", "close fin=1 code=1000", 2, "03e8"),
        new CaseRecord.WireEntry(3.75, "DROP", "TCP closed by server", null, null));
  }

  static CaseRecord record(
      String id,
      String group,
      String groupTitle,
      String behavior,
      String behaviorClose,
      String outcome,
      String reason,
      Integer remoteCode,
      long millis) {
    return new CaseRecord(
        AGENT,
        id,
        0,
        group,
        groupTitle,
        "title of " + id,
        "sends something for " + id,
        "expects something",
        "MUST",
        "RFC 6455 §5.5",
        behavior,
        behaviorClose,
        outcome,
        reason,
        "Actual events match at least one expected.",
        "Connection was properly closed",
        Map.of("OK", List.of(List.of("message", "Hello", false))),
        Map.of("closedByMe", true, "closeCode", List.of(1000), "requireClean", true),
        List.of(List.of("message", "Hello", false)),
        close(remoteCode, true),
        "GET / HTTP/1.1\r\nHost: localhost:9001\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n\r\n",
        "2026-11-25T18:45:12.123Z",
        millis,
        wirelog("Hello"),
        null,
        Map.of("negotiated", "permessage-deflate"),
        null);
  }

  /** One run: PASSED (OK, NON-STRICT, INFORMATIONAL), FAILED, SKIPPED, ERROR, in shuffled order. */
  static List<CaseRecord> run() {
    CaseRecord failed =
        new CaseRecord(
            AGENT,
            "1.1.10",
            0,
            "1.1",
            "Framing / Text Messages",
            "text 65536 in chops",
            "sends " + NASTY,
            "echo",
            "MUST",
            "RFC 6455 §5.6",
            "FAILED",
            "WRONG CODE",
            "FAILED",
            "expected the echo of " + NASTY + ", observed a close 1002 (RFC 6455 §5.6)",
            "Actual events differ from any expected.",
            "The close code should have been 1000",
            Map.of("OK", List.of(List.of("message", NASTY, false))),
            Map.of("closedByMe", true, "closeCode", List.of(1000), "requireClean", true),
            List.of(),
            close(1002, true),
            "GET / HTTP/1.1\r\n\r\n",
            "HTTP/1.1 101 x\r\nX-Evil: " + NASTY + "\r\n\r\n",
            "2026-11-25T18:45:13Z",
            12,
            wirelog(NASTY),
            null,
            null,
            FIX);
    CaseRecord error =
        new CaseRecord(
            AGENT,
            "H.2",
            0,
            "H",
            "Opening handshake",
            "lower-case upgrade",
            "d",
            "e",
            "MUST",
            "RFC 6455 §4.1",
            "ERROR",
            "ERROR",
            "ERROR",
            "the target could not be reached",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "2026-11-25T18:45:14Z",
            0,
            List.of(),
            "connect refused: localhost:9001 <&>",
            null,
            null);
    CaseRecord skipped =
        new CaseRecord(
            AGENT,
            "12.1.1",
            0,
            "12.1",
            "WebSocket Compression (different payloads)",
            "deflate 16 bytes",
            "d",
            "e",
            "INFORMATIONAL",
            "RFC 7692",
            "UNIMPLEMENTED",
            "UNIMPLEMENTED",
            "SKIPPED",
            "permessage-deflate was not negotiated",
            null,
            null,
            Map.of(),
            null,
            List.of(),
            close(1000, true),
            null,
            null,
            "2026-11-25T18:45:15Z",
            3,
            null,
            null,
            null,
            null);
    return List.of(
        record("H.10", "H", "Opening handshake", "OK", "OK", "PASSED", null, 1000, 4),
        failed,
        record("1.1.2", "1.1", "Framing / Text Messages", "OK", "OK", "PASSED", null, 1000, 2),
        error,
        record(
            "6.4.1",
            "6.4",
            "UTF-8 Handling / Fail-fast",
            "NON-STRICT",
            "OK",
            "PASSED",
            null,
            1007,
            2004),
        skipped,
        record(
            "7.1.6",
            "7.1",
            "Close Handling",
            "INFORMATIONAL",
            "INFORMATIONAL",
            "PASSED",
            null,
            null,
            14),
        record(
            "1.1.9", "1.1", "Framing / Text Messages", "OK", "UNCLEAN", "PASSED", null, 1000, 1));
  }

  /** The ids of {@link #run()} in report order. */
  static final List<String> ORDER =
      List.of("1.1.2", "1.1.9", "1.1.10", "6.4.1", "7.1.6", "12.1.1", "H.2", "H.10");
}
