package org.wsconform.session;

import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;
import org.wsconform.judge.Event;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.WireLog;

/**
 * The timed steps of a case's script (Autobahn's killAfter, closeAfter, continueLater), each logged
 * when armed and when fired, and run on the reactor like every event, so a timer and an arriving
 * frame never race. {@link Session} exposes them to the scripts.
 */
final class ScriptSteps {
  private final WireLog log;
  private final CloseHandshake close;
  private final Inbox inbox;
  private final PeerAdapter adapter;

  ScriptSteps(WireLog log, CloseHandshake close, Inbox inbox, PeerAdapter adapter) {
    this.log = log;
    this.close = close;
    this.inbox = inbox;
    this.adapter = adapter;
  }

  /** killAfter: if OPEN, fail the connection with 1001 "Going Away"; if CLOSING, drop TCP. */
  void killAfter(double seconds) {
    log.add(WireLog.Kind.KL, "killAfter " + seconds + " s armed", null, null);
    close.later(
        seconds,
        () -> {
          log.add(WireLog.Kind.KLE, "killAfter " + seconds + " s fired", null, null);
          close.failConnection(CloseCode.GOING_AWAY, "Going Away");
        });
  }

  /** closeAfter: an empty close frame, if still OPEN. */
  void closeAfter(double seconds) {
    log.add(WireLog.Kind.TI, "closeAfter " + seconds + " s armed", null, null);
    close.later(
        seconds,
        () -> {
          log.add(WireLog.Kind.TIE, "closeAfter " + seconds + " s fired", null, null);
          close.sendCloseFrame(null, null, false);
        });
  }

  /** A plain pause before the next step of the script. */
  void continueLater(double seconds, String tag, Runnable step) {
    log.add(WireLog.Kind.CT, "pause " + seconds + " s (" + tag + ")", null, null);
    if (adapter != null) adapter.stepScheduled();
    close.later(
        seconds,
        () -> {
          log.add(WireLog.Kind.CTE, "pause " + tag + " ended", null, null);
          if (adapter != null) adapter.stepRan();
          step.run();
        });
  }

  /** {@link Session#continueWhen}: the step on the awaited event or at the deadline, once. */
  void continueWhen(Predicate<Event> awaited, double atMostSeconds, String tag, Runnable step) {
    log.add(WireLog.Kind.CT, "until " + tag + ", at most " + atMostSeconds + " s", null, null);
    if (adapter != null) adapter.stepScheduled();
    Runnable once =
        new Runnable() {
          private boolean ran;

          @Override
          public void run() { // on the reactor, as every event and timer: no race between the two
            if (ran) return;
            ran = true;
            if (adapter != null) adapter.stepRan();
            step.run();
          }
        };
    ScheduledFuture<?> deadline =
        close.later(
            atMostSeconds,
            () -> {
              log.add(
                  WireLog.Kind.CTE, "no " + tag + " within " + atMostSeconds + " s", null, null);
              once.run();
            });
    inbox.watch(
        awaited,
        () -> {
          deadline.cancel(false);
          log.add(WireLog.Kind.CTE, tag + " arrived", null, null);
          once.run();
        });
  }
}
