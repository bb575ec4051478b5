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
    String tcpClosedBy) {}
