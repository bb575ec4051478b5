package org.wsconform.judge;

/**
 * How the connection ended, in Autobahn's terms (autobahn-python's WebSocketProtocol fields).
 *
 * @param closedByMe the harness sent the first close frame
 * @param failedByMe the harness failed the connection (protocol error of the server, or a kill
 *     timer)
 * @param droppedByMe the harness closed TCP
 * @param wasClean close frames went both ways and the server closed TCP in time
 * @param tcpClosedBy "me" or "peer"
 * @param remoteCloseCode the peer's close code as Autobahn keeps it: an invalid code on the wire
 *     (e.g. 0, 999, 5000) becomes 1000 once the harness has reported it (autobahn-python's
 *     onCloseFrame), so index.json and the close verdicts equal Autobahn's
 * @param remoteCloseCodeOnWire the code the peer's Close frame carried when {@code remoteCloseCode}
 *     stands in for an invalid one; null otherwise (the reports show it beside Autobahn's field, so
 *     a case file never contradicts its wire log)
 */
public record CloseState(
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
    Integer remoteCloseCodeOnWire) {

  /** A close state whose peer sent no invalid close code. */
  public CloseState(
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

  /** The code the peer's Close frame carried on the wire (null: it had none). */
  public Integer remoteCloseCodeSent() {
    return remoteCloseCodeOnWire != null ? remoteCloseCodeOnWire : remoteCloseCode;
  }
}
