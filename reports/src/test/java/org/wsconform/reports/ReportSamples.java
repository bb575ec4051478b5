package org.wsconform.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A run for the report tests with every verdict kind: behavior OK, NON-STRICT, INFORMATIONAL,
 * UNIMPLEMENTED, FAILED, ERROR; behaviorClose OK, WRONG CODE, UNCLEAN, FAILED BY CLIENT, FAILED,
 * INFORMATIONAL (plus UNIMPLEMENTED and ERROR). The failed case carries a script payload in its
 * reason, wire log, handshake response and close reason.
 */
final class ReportSamples {

  static final String AGENT = "demo-server 1.0";
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String FIX =
      "Echo every message whole and unchanged, text as text and binary as binary " + SCRIPT;
  static final TargetIdentity IDENTITY =
      new TargetIdentity(
          "ws://localhost:9001/", "demo", "demo-server", "1.0", "2026-11-17", List.of("a_flag"));
  static final String TARGET_LINE =
      "demo-server 1.0 (profile demo; compatibilityDate 2026-11-17; compatibility flags a_flag)"
          + " at ws://localhost:9001/";

  /** Case ids in report (case-id) order. */
  static final List<String> ORDER =
      List.of("1.1.1", "1.1.2", "2.1", "2.2", "5.1", "6.4.1", "7.1.6", "12.1.1", "H.2", "H.10");

  private ReportSamples() {}

  static CaseRecord.CloseRecord close(Integer remoteCode, boolean clean, String remoteReason) {
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
        remoteReason,
        "peer");
  }

  static List<CaseRecord.WireEntry> wirelog(String payload) {
    return List.of(
        new CaseRecord.WireEntry(
            0.512, "TO", "sent 181 octets", 181, "474554202f20485454502f312e31 ..."),
        new CaseRecord.WireEntry(2.25, "RO", "received 129 octets", 129, "485454502f312e31"),
        new CaseRecord.WireEntry(
            3.125,
            "TF",
            "text fin=1 rsv=0 len=" + payload.length() + " '" + payload + "' mask=05b836aa",
            payload.length(),
            "3c7363726970743e"),
        new CaseRecord.WireEntry(3.5, "KL", "killAfter 1.0 s armed", null, null),
        new CaseRecord.WireEntry(4.75, "RF", "close fin=1 len=2 code=1000", 2, "03e8"),
        new CaseRecord.WireEntry(6.0, "DROP", "TCP closed by peer", null, null));
  }

  static CaseRecord record(
      String id,
      String group,
      String groupTitle,
      String title,
      String behavior,
      String behaviorClose,
      String outcome,
      String reason,
      Integer code,
      long millis) {
    return new CaseRecord(
        AGENT,
        id,
        0,
        group,
        groupTitle,
        title,
        "Send a text message for " + id + ".",
        "Receive the echo. Clean close with normal code.",
        "MUST",
        "RFC 6455 §5.6",
        behavior,
        behaviorClose,
        outcome,
        reason,
        "Actual events match at least one expected.",
        "Connection was properly closed",
        Map.of("OK", List.of(List.of("message", "Hello", false))),
        Map.of("closedByMe", true, "closeCode", List.of(1000), "requireClean", true),
        List.of(List.of("message", "Hello", false)),
        close(code, !"UNCLEAN".equals(behaviorClose), null),
        "GET / HTTP/1.1\r\nHost: localhost:9001\r\nUpgrade: websocket\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
        "2026-11-25T18:45:12.123Z",
        millis,
        wirelog("Hello"),
        null,
        null,
        null);
  }

  static CaseRecord failed() {
    return new CaseRecord(
        AGENT,
        "1.1.2",
        0,
        "1.1",
        "Framing / Text Messages",
        "text message of 125 octets",
        "Send text message with payload " + SCRIPT + ".",
        "Receive echo'ed text message.",
        "MUST",
        "RFC 6455 §5.6",
        "FAILED",
        "WRONG CODE",
        "FAILED",
        "expected the echo of " + SCRIPT + ", observed a close 1002 (RFC 6455 §5.6)",
        "Actual events differ from any expected.",
        "The close code should have been 1000",
        Map.of("OK", List.of(List.of("message", SCRIPT, false))),
        Map.of("closedByMe", true, "closeCode", List.of(1000), "requireClean", true),
        List.of(),
        close(1002, true, SCRIPT),
        "GET / HTTP/1.1\r\nHost: localhost:9001\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nX-Evil: " + SCRIPT + "\r\n\r\n",
        "2026-11-25T18:45:13Z",
        12,
        wirelog(SCRIPT),
        null,
        Map.of("note", SCRIPT),
        FIX);
  }

  /** The run, in shuffled order (as cases finish). */
  static List<CaseRecord> run() {
    String text = "Framing / Text Messages";
    return List.of(
        record(
            "H.10",
            "H",
            "Opening handshake",
            "Sec-WebSocket-Version 13 accepted",
            "OK",
            "OK",
            "PASSED",
            null,
            1000,
            4),
        failed(),
        record(
            "1.1.1", "1.1", text, "text message of 0 octets", "OK", "OK", "PASSED", null, 1000, 2),
        new CaseRecord(
            AGENT,
            "H.2",
            0,
            "H",
            "Opening handshake",
            "lower-case upgrade token",
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
            "connect refused: localhost:9001",
            null,
            null),
        record(
            "6.4.1",
            "6.4",
            "UTF-8 Handling / Fail-fast on invalid UTF-8",
            "invalid code point in the second of three fragments",
            "NON-STRICT",
            "OK",
            "PASSED",
            null,
            1007,
            2004),
        record(
            "2.1",
            "2",
            "Pings/Pongs",
            "ping without payload",
            "OK",
            "UNCLEAN",
            "PASSED",
            null,
            null,
            9),
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
            close(1000, true, null),
            null,
            null,
            "2026-11-25T18:45:15Z",
            3,
            null,
            null,
            null,
            null),
        record(
            "7.1.6",
            "7.1",
            "Close Handling / Basic close behavior",
            "large message then close",
            "INFORMATIONAL",
            "INFORMATIONAL",
            "PASSED",
            null,
            null,
            14),
        record(
            "2.2",
            "2",
            "Pings/Pongs",
            "ping with small text payload",
            "OK",
            "FAILED BY CLIENT",
            "PASSED",
            null,
            1000,
            1001),
        record(
            "5.1",
            "5",
            "Fragmentation",
            "ping fragmented into 2 frames",
            "FAILED",
            "FAILED",
            "FAILED",
            "expected a close 1002, observed a pong (RFC 6455 §5.4)",
            1000,
            7));
  }

  static RunInfo info() {
    return new RunInfo(
            "ws://localhost:9001/",
            AGENT,
            Instant.parse("2026-11-25T18:45:12Z"),
            Instant.parse("2026-11-25T18:45:20.500Z"),
            8500,
            "0.1.0-test",
            "17.0.9",
            List.of("*"))
        .withIdentity(IDENTITY);
  }

  /** Writes the run into {@code dir} with a ResultsWriter, finished (so with index.html). */
  static RunFolder write(Path dir, List<CaseRecord> records) throws IOException {
    RunFolder folder = RunFolder.open(dir);
    try (ResultsWriter writer = new ResultsWriter(folder)) {
      records.forEach(writer::record);
      writer.finish(info());
    }
    return folder;
  }

  static RunFolder write(Path dir) throws IOException {
    return write(dir, run());
  }

  /** The run with some records replaced (by id), removed (mapped to null) or added. */
  static List<CaseRecord> change(
      List<CaseRecord> run, UnaryOperator<CaseRecord> change, CaseRecord... added) {
    List<CaseRecord> out = new ArrayList<>();
    for (CaseRecord r : run) {
      CaseRecord c = change.apply(r);
      if (c != null) {
        out.add(c);
      }
    }
    out.addAll(List.of(added));
    return out;
  }

  /** A copy with other verdicts, outcome, reason and close code. */
  static CaseRecord with(
      CaseRecord r,
      String behavior,
      String behaviorClose,
      String outcome,
      String reason,
      Integer code) {
    CaseRecord.CloseRecord c =
        r.close() == null
            ? close(code, true, null)
            : new CaseRecord.CloseRecord(
                r.close().closedByMe(),
                r.close().failedByMe(),
                r.close().droppedByMe(),
                r.close().wasClean(),
                r.close().wasNotCleanReason(),
                r.close().wasServerConnectionDropTimeout(),
                r.close().wasOpenHandshakeTimeout(),
                r.close().wasCloseHandshakeTimeout(),
                r.close().localCloseCode(),
                r.close().localCloseReason(),
                code,
                r.close().remoteCloseReason(),
                r.close().tcpClosedBy());
    return new CaseRecord(
        r.agent(),
        r.id(),
        r.caseIndex(),
        r.group(),
        r.groupTitle(),
        r.title(),
        r.description(),
        r.expectation(),
        r.requirement(),
        r.rfc(),
        behavior,
        behaviorClose,
        outcome,
        reason,
        r.result(),
        r.resultClose(),
        r.expected(),
        r.expectedClose(),
        r.received(),
        c,
        r.httpRequest(),
        r.httpResponse(),
        r.started(),
        r.durationMillis(),
        r.wirelog(),
        r.error(),
        r.details(),
        null);
  }
}
