package org.wsconform.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsconform.verdict.Outcome;

/**
 * One case on the run report: its row in the case table and its detail section (description,
 * expectation, requirement and RFC section, the reason, expected against observed events, the
 * handshake request and response, the close state and the wire log), as the data the page renders.
 * Long texts and wire logs are capped here, so that a run with large wire logs stays quick to open.
 */
final class CaseSection {

  /** Wire-log rows kept per case: the first ones and the last {@link #WIRE_TAIL}. */
  static final int MAX_WIRE_ROWS = 5000;

  static final int WIRE_TAIL = 1000;

  /** Characters kept of one wire-log text or hex column. */
  static final int MAX_WIRE_TEXT = 4000;

  /** Characters kept of a long text (description, handshake) in the case details. */
  static final int MAX_TEXT = 64 * 1024;

  private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

  private static final List<String[]> CLOSE_FIELDS =
      List.of(
          new String[] {"closedByMe", "the harness sent the first close frame"},
          new String[] {
            "failedByMe", "the harness failed the connection (it saw a protocol violation)"
          },
          new String[] {"droppedByMe", "the harness dropped the TCP connection"},
          new String[] {
            "wasClean", "close frames went both ways and the server closed TCP in time"
          },
          new String[] {"wasNotCleanReason", "why the close was not clean"},
          new String[] {
            "wasServerConnectionDropTimeout",
            "the server did not close TCP in time after the closing handshake"
          },
          new String[] {"wasOpenHandshakeTimeout", "the opening handshake timed out"},
          new String[] {"wasCloseHandshakeTimeout", "the closing handshake timed out"},
          new String[] {"localCloseCode", "close code the harness sent"},
          new String[] {"localCloseReason", "close reason the harness sent"},
          new String[] {"remoteCloseCode", "close code the server sent"},
          new String[] {"remoteCloseReason", "close reason the server sent"},
          new String[] {"tcpClosedBy", "who closed TCP first"});

  private CaseSection() {}

  /** Rows of a passed or skipped case's wire log the page shows: the first and the last. */
  static final int PASSED_WIRE_HEAD = 60;

  static final int PASSED_WIRE_TAIL = 40;

  /**
   * A passed or skipped case keeps the head and tail of its wire log on the page, with a row saying
   * where the rest is (its cases/*.json file has it whole). A full run's 216 compression cases log
   * 600 rows each: all of them made the page ~40 MiB and the report ran out of memory at -Xmx256m.
   * Failed and errored cases keep theirs (up to {@value #MAX_WIRE_ROWS} rows).
   */
  static CaseRecord shortenPassedWireLog(CaseRecord r) {
    List<CaseRecord.WireEntry> log = r.wirelog();
    Outcome outcome = Verdicts.outcome(r);
    if (log == null || log.size() <= PASSED_WIRE_HEAD + PASSED_WIRE_TAIL + 1 || outcome.failing()) {
      return r;
    }
    List<CaseRecord.WireEntry> kept = new ArrayList<>(PASSED_WIRE_HEAD + PASSED_WIRE_TAIL + 1);
    kept.addAll(log.subList(0, PASSED_WIRE_HEAD));
    int omitted = log.size() - PASSED_WIRE_HEAD - PASSED_WIRE_TAIL;
    kept.add(
        new CaseRecord.WireEntry(
            log.get(PASSED_WIRE_HEAD).atMillis(),
            "NOTE",
            omitted
                + " rows of this passed case are not shown here; the case's file in cases/ has the whole wire log",
            null,
            null));
    kept.addAll(log.subList(log.size() - PASSED_WIRE_TAIL, log.size()));
    return r.withWirelog(List.copyOf(kept));
  }

  static Map<String, Object> row(CaseRecord r, int i, String anchor) {
    Outcome outcome = Verdicts.outcome(r);
    Integer code = Verdicts.remoteCloseCode(r);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("i", i);
    m.put("anchor", anchor);
    m.put("id", r.id());
    m.put("agent", r.agent());
    m.put("title", HtmlReport.title(r));
    m.put("group", HtmlReport.groupId(r));
    m.put("requirement", r.requirement() == null ? "" : r.requirement());
    m.put("behavior", String.valueOf(r.behavior()));
    m.put("behaviorClose", String.valueOf(r.behaviorClose()));
    m.put("behaviorClass", Verdicts.behaviorClass(r.behavior()));
    m.put("closeClass", Verdicts.closeClass(r.behaviorClose()));
    m.put("outcome", outcome.name());
    m.put("outcomeClass", outcome.name().toLowerCase(Locale.ROOT));
    m.put("closeCode", code == null ? "" : code.toString());
    m.put("durationMillis", r.durationMillis());
    m.put("duration", r.durationMillis() + " ms");
    String why = outcome == Outcome.PASSED ? null : r.reason() != null ? r.reason() : r.error();
    m.put("reason", why == null ? null : Text.cap(Text.oneLine(why), 500));
    m.put(
        "search",
        String.join(
                " ",
                r.id(),
                HtmlReport.title(r),
                r.groupTitle() == null ? "" : r.groupTitle(),
                why == null ? "" : why,
                r.requirement() == null ? "" : r.requirement(),
                r.rfc() == null ? "" : r.rfc())
            .toLowerCase(Locale.ROOT));
    return m;
  }

  static Map<String, Object> detail(CaseRecord r, String anchor) {
    boolean autobahn = HtmlReport.fromAutobahn(r);
    Map<String, Object> d = new LinkedHashMap<>();
    put(d, "anchor", anchor);
    put(d, "id", r.id());
    put(d, "agent", r.agent());
    put(d, "title", HtmlReport.title(r));
    put(d, "group", HtmlReport.groupId(r));
    put(d, "groupTitle", r.groupTitle());
    put(d, "requirement", r.requirement());
    put(d, "rfc", r.rfc());
    put(
        d,
        "description",
        cap(autobahn ? HtmlReport.autobahnText(r.description()) : r.description()));
    put(
        d,
        "expectation",
        cap(autobahn ? HtmlReport.autobahnText(r.expectation()) : r.expectation()));
    put(d, "behavior", r.behavior());
    put(d, "behaviorClose", r.behaviorClose());
    put(d, "behaviorClass", Verdicts.behaviorClass(r.behavior()));
    put(d, "closeClass", Verdicts.closeClass(r.behaviorClose()));
    put(d, "outcome", Verdicts.outcome(r).name());
    put(d, "reason", cap(r.reason()));
    put(d, "error", cap(r.error()));
    put(d, "fix", cap(r.fix()));
    put(d, "result", cap(r.result()));
    put(d, "resultClose", cap(r.resultClose()));
    put(d, "started", r.started());
    d.put("durationMillis", r.durationMillis());
    put(d, "expected", r.expected());
    put(d, "expectedClose", r.expectedClose());
    put(d, "received", r.received());
    put(d, "httpRequest", cap(r.httpRequest()));
    put(d, "httpResponse", cap(r.httpResponse()));
    if (r.close() != null) {
      d.put("close", closeRows(r.close(), r.wirelog()));
    } else if (Verdicts.remoteCloseCode(r) != null) {
      d.put(
          "close",
          List.of(
              List.of(
                  "remoteCloseCode",
                  String.valueOf(Verdicts.remoteCloseCode(r)),
                  "close code the server sent")));
    }
    if (r.wirelog() != null) {
      List<CaseRecord.WireEntry> log = r.wirelog();
      int omitted = Math.max(0, log.size() - MAX_WIRE_ROWS);
      List<List<Object>> rows = new ArrayList<>(Math.min(log.size(), MAX_WIRE_ROWS));
      for (int i = 0; i < log.size(); i++) {
        if (omitted > 0 && i == MAX_WIRE_ROWS - WIRE_TAIL) {
          i += omitted - 1;
          continue;
        }
        CaseRecord.WireEntry e = log.get(i);
        List<Object> row = new ArrayList<>(6);
        row.add(i + 1);
        row.add(e.atMillis());
        row.add(e.kind());
        row.add(Text.cap(e.text(), MAX_WIRE_TEXT));
        row.add(e.length());
        row.add(Text.cap(e.hex(), MAX_WIRE_TEXT));
        rows.add(row);
      }
      d.put("wirelog", rows);
      if (omitted > 0) {
        d.put("wirelogOmitted", omitted);
        d.put("wirelogOmittedAfter", MAX_WIRE_ROWS - WIRE_TAIL);
      }
      d.put(
          "wirelogTimes",
          !(r.details() != null && Boolean.FALSE.equals(r.details().get("wirelogTimes"))));
    }
    if (r.details() != null && !r.details().isEmpty()) {
      d.put("details", r.details());
      if (r.details().get("compression") instanceof Map<?, ?> c)
        d.put("compression", compression(c));
    }
    return d;
  }

  /**
   * The permessage-deflate figures of a round-trip case (12.*, 13.*) each way: messages, octets
   * before and after compression, and the ratio between them.
   */
  static List<List<String>> compression(Map<?, ?> c) {
    List<List<String>> rows = new ArrayList<>();
    String[][] ways = {
      {"sent", "sent (harness → server)"}, {"received", "received (server → harness)"}
    };
    for (String[] way : ways) {
      if (!(c.get(way[0]) instanceof Map<?, ?> m)) continue;
      long messages = number(m.get("messages"));
      String text =
          messages == 0
              ? "no message came compressed"
              : String.format(
                  Locale.ROOT,
                  "%d messages: %d → %d octets, ratio %.2f:1",
                  messages,
                  number(m.get("bytesIn")),
                  number(m.get("bytesOut")),
                  m.get("ratio") instanceof Number n ? n.doubleValue() : 0.0);
      if (messages == 0 && way[0].equals("sent")) text = "no message went compressed";
      rows.add(List.of(way[1], text));
    }
    return rows;
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  static List<List<String>> closeRows(
      CaseRecord.CloseRecord c, List<CaseRecord.WireEntry> wirelog) {
    Map<String, Object> values = Json.MAPPER.convertValue(c, OBJECT_MAP);
    List<List<String>> rows = new ArrayList<>();
    for (String[] f : CLOSE_FIELDS) {
      String says = f[1];
      if (f[0].equals("failedByMe")) says = failedByMeSays(c, wirelog);
      if (f[0].equals("remoteCloseCode") && echoOfOurs(c)) {
        says =
            "close code the server sent: an echo of the harness's own "
                + c.localCloseCode()
                + (c.localCloseCode() == 1001 ? " (Going Away, sent when its timer fired)" : "")
                + ", not a code the server chose";
      }
      if (f[0].equals("remoteCloseCode") && c.remoteCloseCodeOnWire() != null) {
        says =
            "Autobahn's value: "
                + c.remoteCloseCode()
                + " stands in for the invalid code "
                + c.remoteCloseCodeOnWire()
                + " the peer's Close carried (remoteCloseCodeOnWire; the wire log shows it)";
      }
      rows.add(List.of(f[0], String.valueOf(values.get(f[0])), says));
      if (f[0].equals("remoteCloseCode") && c.remoteCloseCodeOnWire() != null) {
        rows.add(
            List.of(
                "remoteCloseCodeOnWire",
                String.valueOf(c.remoteCloseCodeOnWire()),
                "the invalid close code the peer's Close frame carried (RFC 6455 §7.4)"));
      }
    }
    return rows;
  }

  /**
   * What the failedByMe flag means in this case: the harness fails a connection on a violation and
   * also when its own timer fires (killAfter sends 1001), and the wire log tells which came first.
   */
  static String failedByMeSays(CaseRecord.CloseRecord c, List<CaseRecord.WireEntry> wirelog) {
    if (!c.failedByMe()) return "the harness did not fail the connection";
    if (wirelog != null) {
      for (CaseRecord.WireEntry e : wirelog) {
        if ("VIOLATION".equals(e.kind())) {
          return "the harness failed the connection because the server broke a protocol rule"
              + " (the VIOLATION row in the wire log)";
        }
        if ("KLE".equals(e.kind())) {
          return "the harness closed the connection after its own timer (killAfter) fired, with"
              + " 1001 Going Away: no violation, the case had waited long enough";
        }
      }
    }
    if (c.wasCloseHandshakeTimeout()) {
      return "the harness dropped the connection after its close timeout: the server did not"
          + " answer the closing handshake in time";
    }
    return "the harness failed the connection (see the wire log for why)";
  }

  /** The server's close code is the one the harness sent first: the server echoed ours. */
  private static boolean echoOfOurs(CaseRecord.CloseRecord c) {
    return c.closedByMe()
        && c.localCloseCode() != null
        && c.localCloseCode().equals(c.remoteCloseCode());
  }

  private static String cap(String s) {
    return Text.cap(s, MAX_TEXT);
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
