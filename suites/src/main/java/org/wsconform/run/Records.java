package org.wsconform.run;

import java.util.ArrayList;
import java.util.List;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Event;
import org.wsconform.reports.CaseRecord;
import org.wsconform.wire.WireLog;

/** Turns a finished case into the results model every writer and renderer reads. */
public final class Records {
  private Records() {}

  public static CaseRecord of(CaseResult r, String agent, int index) {
    ConformanceCase c = r.testCase();
    List<List<Object>> received = new ArrayList<>();
    for (Event e : r.received()) received.add(e.toAutobahn());
    CloseState cs = r.close();
    CaseRecord.CloseRecord close =
        cs == null
            ? null
            : new CaseRecord.CloseRecord(
                cs.closedByMe(),
                cs.failedByMe(),
                cs.droppedByMe(),
                cs.wasClean(),
                cs.wasNotCleanReason(),
                cs.wasServerConnectionDropTimeout(),
                cs.wasOpenHandshakeTimeout(),
                cs.wasCloseHandshakeTimeout(),
                cs.localCloseCode(),
                cs.localCloseReason(),
                cs.remoteCloseCode(),
                cs.remoteCloseReason(),
                cs.tcpClosedBy(),
                cs.remoteCloseCodeOnWire());
    List<CaseRecord.WireEntry> wire = new ArrayList<>(r.wirelog().size());
    for (WireLog.Entry e : r.wirelog()) {
      wire.add(
          new CaseRecord.WireEntry(
              Math.round(e.atMillis() * 1000) / 1000.0,
              e.kind().name(),
              e.text(),
              e.length(),
              e.hex()));
    }
    return new CaseRecord(
        agent,
        c.id(),
        index,
        c.group(),
        c.groupTitle(),
        c.title(),
        c.description(),
        c.expectation(),
        c.requirement().name(),
        c.rfc(),
        r.judgement().behavior().label(),
        r.judgement().behaviorClose().label(),
        r.outcome().name(),
        r.reason(),
        r.judgement().result(),
        r.judgement().resultClose(),
        r.expectation() == null ? null : r.expectation().toAutobahn(),
        r.expectation() == null ? null : r.expectation().close().toAutobahn(),
        received,
        close,
        r.httpRequest(),
        r.httpResponse(),
        r.started().toString(),
        r.durationMillis(),
        wire,
        r.error(),
        r.details().isEmpty() ? null : r.details(),
        r.fix());
  }
}
