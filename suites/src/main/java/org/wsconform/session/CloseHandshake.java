package org.wsconform.session;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import org.wsconform.judge.CloseState;
import org.wsconform.session.Session.State;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Frame;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * The closing handshake as Autobahn's protocol keeps it: the connection state, Autobahn's
 * close-state fields, and its transitions (send a close frame, fail the connection, drop TCP, TCP
 * lost) with Autobahn's two 1 s timers. As the client, the harness waits for the server to close
 * TCP; as the server, it closes TCP itself once the close frames have crossed (RFC 6455 §7.1.1).
 * Runs on the reactor only.
 */
final class CloseHandshake {
  /** Autobahn's client timeouts (seconds): close-handshake reply and server TCP drop. */
  static final double CLOSE_HANDSHAKE_TIMEOUT = 1.0;

  static final double SERVER_CONNECTION_DROP_TIMEOUT = 1.0;

  private final Session session;
  private final WireConnection conn;
  private final WireLog log;
  private final Reactor reactor;
  private final Outbox outbox;
  private final String peer;
  private final Role role;

  private State state = State.OPEN;
  private double holdTcp;
  private ScheduledFuture<?> closeHandshakeTimer;

  // Autobahn's close-state fields
  private boolean closedByMe;
  private boolean failedByMe;
  private boolean droppedByMe;
  private boolean wasClean;
  private String wasNotCleanReason;
  private boolean wasServerConnectionDropTimeout;
  private boolean wasCloseHandshakeTimeout;
  private Integer localCloseCode;
  private String localCloseReason;
  private Integer remoteCloseCode;
  private Integer remoteCloseCodeOnWire;
  private String remoteCloseReason;

  CloseHandshake(
      Session session,
      WireConnection conn,
      WireLog log,
      Reactor reactor,
      Outbox outbox,
      Role role) {
    this.session = session;
    this.conn = conn;
    this.log = log;
    this.reactor = reactor;
    this.outbox = outbox;
    this.role = role;
    this.peer = role.peer();
  }

  State state() {
    return state;
  }

  void holdTcpAfterClose(double seconds) {
    this.holdTcp = seconds;
  }

  boolean failedByMe() {
    return failedByMe;
  }

  /** A timer whose task runs on the reactor, unless the connection is CLOSED by then. */
  ScheduledFuture<?> later(double seconds, Runnable task) {
    return reactor.later(
        seconds,
        () -> {
          if (state != State.CLOSED) task.run();
        });
  }

  /** The harness's own deadline for a case that never ends: drop TCP and say so. */
  void abandon(String why) {
    if (state != State.CLOSED) {
      log.note("harness deadline: " + why);
      if (wasNotCleanReason == null) wasNotCleanReason = why;
      dropConnection();
    }
  }

  void sendCloseFrame(Integer code, byte[] reason, boolean isReply) {
    if (state != State.OPEN) return;
    session.sendFrame(Frame.close(code, reason));
    closedByMe = !isReply;
    localCloseCode = code;
    localCloseReason = reason == null ? null : new String(reason, StandardCharsets.UTF_8);
    state = State.CLOSING;
    if (closedByMe) armCloseHandshakeTimeout();
  }

  /** Autobahn's permissive sendCloseFrame: the code (if any) and the raw reason octets (if any). */
  void sendCloseRaw(Integer code, byte[] reason) {
    if (state != State.OPEN) return;
    byte[] r = reason == null ? new byte[0] : reason;
    byte[] payload;
    if (code == null) {
      payload = r;
    } else {
      payload = new byte[2 + r.length];
      payload[0] = (byte) (code >> 8);
      payload[1] = (byte) (int) code;
      System.arraycopy(r, 0, payload, 2, r.length);
    }
    session.sendFrame(Frame.of(Opcode.CLOSE, payload));
    closedByMe = true;
    localCloseCode = code;
    localCloseReason = reason == null ? null : new String(r, StandardCharsets.UTF_8);
    state = State.CLOSING;
    armCloseHandshakeTimeout();
  }

  private void armCloseHandshakeTimeout() {
    closeHandshakeTimer =
        later(
            CLOSE_HANDSHAKE_TIMEOUT,
            () -> {
              wasClean = false;
              wasNotCleanReason = "peer did not respond (in time) in closing handshake";
              wasCloseHandshakeTimeout = true;
              log.note(
                  "close handshake timeout: no close frame from "
                      + peer
                      + " within "
                      + CLOSE_HANDSHAKE_TIMEOUT
                      + " s");
              dropConnection();
            });
  }

  void failConnection(int code, String reason) {
    if (state == State.CLOSED) return;
    failedByMe = true;
    if (state != State.CLOSING) {
      sendCloseFrame(code, reason.getBytes(StandardCharsets.UTF_8), false);
    } else {
      dropConnection();
    }
  }

  void dropConnection() {
    if (state == State.CLOSED) return;
    outbox.flush();
    droppedByMe = true;
    state = State.CLOSED;
    log.add(WireLog.Kind.DROP, "TCP dropped by me (the harness)", null, null);
    conn.close();
    // as in Twisted, connectionLost comes after the current event has been handled in full
    // (e.g. a close frame whose violation made us drop still sets the remote close code)
    reactor.post(() -> finish("me"));
  }

  void connectionLost() {
    if (state != State.CLOSED) {
      state = State.CLOSED;
      log.add(WireLog.Kind.DROP, "TCP dropped by peer (" + peer + ")", null, null);
      conn.close();
      finish("peer");
    }
  }

  private void finish(String tcpClosedBy) {
    if (session.isDone()) return;
    if (!wasClean && !droppedByMe && wasNotCleanReason == null) {
      wasNotCleanReason =
          "peer dropped the TCP connection without previous WebSocket closing handshake";
    }
    session.end(closeState(tcpClosedBy));
  }

  void onCloseFrame(Frame f, boolean clean) {
    byte[] p = f.payload();
    Integer code = p.length >= 2 ? ((p[0] & 0xff) << 8) | (p[1] & 0xff) : null;
    // Autobahn: after an invalid code was reported, the remote code is taken as 1000; the code
    // on the wire is kept beside it for the reports
    boolean invalid = code != null && !CloseCode.isValidOnWire(code);
    remoteCloseCode = invalid ? Integer.valueOf(CloseCode.NORMAL) : code;
    remoteCloseCodeOnWire = invalid ? code : null;
    remoteCloseReason =
        p.length > 2 && clean ? new String(p, 2, p.length - 2, StandardCharsets.UTF_8) : null;
    if (state == State.CLOSING) {
      if (closeHandshakeTimer != null) closeHandshakeTimer.cancel(false);
      wasClean = true;
      if (role == Role.SERVER) {
        // the peer answered our Close: a server closes TCP at once (RFC 6455 §7.1.1), as
        // Autobahn's fuzzing server does (dropConnection(abort=True)); a case that watches who
        // closes TCP first holds it a while
        if (holdTcp > 0) {
          log.note("closing handshake done; the harness holds TCP for " + holdTcp + " s");
          later(holdTcp, this::dropConnection);
        } else {
          dropConnection();
        }
        return;
      }
      later(
          SERVER_CONNECTION_DROP_TIMEOUT,
          () -> {
            wasClean = false;
            wasNotCleanReason = "server did not drop TCP connection (in time)";
            wasServerConnectionDropTimeout = true;
            log.note(
                peer
                    + " did not close TCP within "
                    + SERVER_CONNECTION_DROP_TIMEOUT
                    + " s of the close handshake");
            dropConnection();
          });
    } else if (state == State.OPEN) {
      wasClean = true;
      sendCloseFrame(CloseCode.NORMAL, null, true);
      // a server closes TCP right after replying (RFC 6455 §7.1.1); a client waits for the server
      if (role == Role.SERVER) dropConnection();
    }
  }

  /** The close state so far, in Autobahn's terms. */
  CloseState closeState() {
    return closeState(droppedByMe ? "me" : "peer");
  }

  private CloseState closeState(String tcpClosedBy) {
    return new CloseState(
        closedByMe,
        failedByMe,
        droppedByMe,
        wasClean,
        wasNotCleanReason,
        wasServerConnectionDropTimeout,
        false,
        wasCloseHandshakeTimeout,
        localCloseCode,
        localCloseReason,
        remoteCloseCode,
        remoteCloseReason,
        tcpClosedBy,
        remoteCloseCodeOnWire);
  }
}
