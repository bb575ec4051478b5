package org.wsconform.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.wsconform.deflate.Agreement;
import org.wsconform.judge.Expectation;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * The runner's handle on one session: it opens the session after the handshake, starts the case's
 * script, and waits for the outcome. Kept apart from {@link Session} so a case script sees only the
 * script API and cannot start, end or abandon its own session.
 */
public final class SessionDriver {
  private final Session session;

  /**
   * A session on a connection whose opening handshake is done; nothing runs before {@link #start}.
   */
  public SessionDriver(
      WireConnection conn, WireLog log, SessionSettings settings, Role role, PeerModel peer) {
    this(conn, log, settings, role, peerOf(peer), "none");
  }

  /**
   * A session against {@code peer}; {@code peerNeed} is what the case needs of it ("none", "echo"),
   * said in the record.
   */
  public SessionDriver(
      WireConnection conn,
      WireLog log,
      SessionSettings settings,
      Role role,
      Peer peer,
      String peerNeed) {
    this.session = new Session(conn, log, settings, role, peer, peerNeed);
  }

  private static Peer peerOf(PeerModel m) {
    if (m != PeerModel.ECHO)
      throw new IllegalArgumentException(
          m.word() + " needs its dialogue: use the Peer constructor");
    return Peer.ECHO;
  }

  /** permessage-deflate was agreed in the handshake; call before {@link #start}. */
  public void negotiated(Agreement a) {
    session.negotiated(a);
  }

  /**
   * The harness, as the server, agreed no permessage-deflate; {@code why} names what the client
   * offered (a case's UNIMPLEMENTED reason). Call before {@link #start}.
   */
  public void declined(String why) {
    session.declined(why);
  }

  /**
   * Runs the case's script on the session's reactor, then starts reading (leftover octets first).
   */
  public void start(Consumer<Session> onOpen, byte[] leftover) {
    session.start(onOpen, leftover);
  }

  /** Completes when TCP is gone; exceptionally on a harness fault. */
  public CompletableFuture<SessionOutcome> done() {
    return session.done();
  }

  /** The session could not be brought to an end; the message says why (the case is an ERROR). */
  public static final class Unfinished extends Exception {
    Unfinished(String message) {
      super(message);
    }
  }

  /**
   * Waits for the session's end. At {@code deadlineSeconds} (the harness's own deadline, beyond
   * every timer of the case) the session is abandoned (TCP dropped, said in the wire log) and given
   * 5 s more to end.
   */
  public SessionOutcome awaitEnd(double deadlineSeconds) throws Unfinished {
    try {
      try {
        return done().get((long) (deadlineSeconds * 1000), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        abandon("the case did not end within " + deadlineSeconds + " s");
        try {
          return done().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e2) {
          throw new Unfinished(
              "the case did not end within " + deadlineSeconds + " s and could not be stopped");
        }
      }
    } catch (ExecutionException e) {
      throw new Unfinished("harness fault: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unfinished("interrupted");
    }
  }

  /** The harness's own deadline for a case that never ends: drop TCP and say so. */
  public void abandon(String why) {
    session.abandon(why);
  }

  /** What permessage-deflate did to the session's messages, each way. */
  public CompressionTally compression() {
    return session.compression();
  }

  /** What the case's script expects, or null when it set nothing. */
  public Expectation expectation() {
    return session.expectation();
  }
}
