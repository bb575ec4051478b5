package org.wsconform.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one finished case: identity, the verdicts, the evidence.
 *
 * <p>This is the contract between the harness (which fills it) and every writer and renderer (which
 * only read it). Field names follow Autobahn|Testsuite's per-case JSON where a field means the same
 * thing, so existing tooling keeps working; the rest are ours.
 *
 * @param agent the target's name in reports (Autobahn's "agent")
 * @param id case id, e.g. "1.1.1" or "H.3"
 * @param caseIndex 1-based position in the run's selection
 * @param group group id, e.g. "1.1", "2", "H"
 * @param groupTitle e.g. "Framing / Text Messages"
 * @param title short human title
 * @param description what the harness sends (Autobahn's DESCRIPTION)
 * @param expectation what a conformant server does, and why (Autobahn's EXPECTATION)
 * @param requirement MUST, SHOULD or INFORMATIONAL
 * @param rfc section reference, e.g. "RFC 6455 §5.5.2"
 * @param behavior OK, NON-STRICT, INFORMATIONAL, UNIMPLEMENTED, FAILED, or ERROR
 * @param behaviorClose OK, INFORMATIONAL, WRONG CODE, UNCLEAN, FAILED BY CLIENT, FAILED, or ERROR
 * @param outcome the gate's reading: PASSED, FAILED, SKIPPED or ERROR
 * @param reason one line: what was expected, what was observed, the RFC section (null when PASSED)
 * @param result Autobahn's result text for behavior
 * @param resultClose Autobahn's result text for behaviorClose
 * @param expected verdict → the acceptable ordered event list, Autobahn's JSON shape
 * @param expectedClose closedByMe, closeCode, requireClean, closedByWrongEndpointIsFatal
 * @param received the observed events, Autobahn's JSON shape (["message", text-or-0xhex, isBinary],
 *     ["pong", …], ["timeout", tag])
 * @param close the close state (Autobahn's 13 fields)
 * @param httpRequest the raw upgrade request as sent (secrets already redacted)
 * @param httpResponse the raw response head as received
 * @param started ISO-8601 UTC time of the TCP connect
 * @param durationMillis from the end of the handshake (or the connect for H.* cases) until TCP was
 *     gone
 * @param wirelog the typed wire log
 * @param error why the harness could not run the case (only with ERROR), else null
 * @param details case-specific extras (e.g. counters of 9.*, negotiated extension)
 * @param fix "how to fix": what usually causes this failure and what to change, with who is at
 *     fault when the profile knows; null when the case passed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseRecord(
    String agent,
    String id,
    int caseIndex,
    String group,
    String groupTitle,
    String title,
    String description,
    String expectation,
    String requirement,
    String rfc,
    String behavior,
    String behaviorClose,
    String outcome,
    String reason,
    String result,
    String resultClose,
    Map<String, List<List<Object>>> expected,
    Map<String, Object> expectedClose,
    List<List<Object>> received,
    CloseRecord close,
    String httpRequest,
    String httpResponse,
    String started,
    long durationMillis,
    List<WireEntry> wirelog,
    String error,
    Map<String, Object> details,
    String fix) {

  /** The same record with another wire log (null: none), e.g. a passed case's cut for a report. */
  public CaseRecord withWirelog(List<WireEntry> wirelog) {
    return new CaseRecord(
        agent,
        id,
        caseIndex,
        group,
        groupTitle,
        title,
        description,
        expectation,
        requirement,
        rfc,
        behavior,
        behaviorClose,
        outcome,
        reason,
        result,
        resultClose,
        expected,
        expectedClose,
        received,
        close,
        httpRequest,
        httpResponse,
        started,
        durationMillis,
        wirelog,
        error,
        details,
        fix);
  }

  /**
   * The close state, as Autobahn names it; {@code remoteCloseCodeOnWire} (ours, written only when
   * set) is the invalid code the peer's Close carried where {@code remoteCloseCode} is Autobahn's
   * 1000 stand-in for it.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record CloseRecord(
      boolean closedByMe,
      boolean failedByMe,
      boolean droppedByMe,
      boolean wasClean,
      String wasNotCleanReason,
      boolean wasServerConnectionDropTimeout,
      boolean wasOpenHandshakeTimeout,
      boolean wasCloseHandshakeTimeout,
      Integer localCloseCode,
      String localCloseReason,
      Integer remoteCloseCode,
      String remoteCloseReason,
      String tcpClosedBy,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer remoteCloseCodeOnWire) {

    /** A close record without an invalid code on the wire. */
    public CloseRecord(
        boolean closedByMe,
        boolean failedByMe,
        boolean droppedByMe,
        boolean wasClean,
        String wasNotCleanReason,
        boolean wasServerConnectionDropTimeout,
        boolean wasOpenHandshakeTimeout,
        boolean wasCloseHandshakeTimeout,
        Integer localCloseCode,
        String localCloseReason,
        Integer remoteCloseCode,
        String remoteCloseReason,
        String tcpClosedBy) {
      this(
          closedByMe,
          failedByMe,
          droppedByMe,
          wasClean,
          wasNotCleanReason,
          wasServerConnectionDropTimeout,
          wasOpenHandshakeTimeout,
          wasCloseHandshakeTimeout,
          localCloseCode,
          localCloseReason,
          remoteCloseCode,
          remoteCloseReason,
          tcpClosedBy,
          null);
    }
  }

  /**
   * One wire-log row.
   *
   * @param atMillis milliseconds since the TCP connect (fractional)
   * @param kind TO/RO octets sent/received, TF/RF frame sent/received, KL/KLE killAfter
   *     armed/fired, TI/TIE closeAfter armed/fired, CT/CTE pause and its end, DROP (TCP closed;
   *     text says by whom), VIOLATION, NOTE
   * @param text a readable line, e.g. "text fin=1 rsv=0 len=13 'Hello, world!'"
   * @param length octet or payload length where it applies, else null
   * @param hex a hex preview of the octets (first 64 bytes, then " ..."), else null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WireEntry(double atMillis, String kind, String text, Integer length, String hex) {}
}
