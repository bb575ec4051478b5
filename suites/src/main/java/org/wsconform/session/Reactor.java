package org.wsconform.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.wsconform.wire.WireLog;

/**
 * The session's single thread, as Autobahn's Twisted event loop: case steps, timers and the frames
 * the reader decodes are all tasks here, so there is no race between, say, a kill timer and an
 * arriving close frame. After each task the frames it encoded are written together ({@code
 * afterTask}), as Twisted coalesces a task's writes.
 */
final class Reactor {
  /**
   * One timer thread for every session in the JVM: a timer only posts a task to its session's loop.
   */
  private static final ScheduledExecutorService TIMERS = timerThread();

  private final ExecutorService loop;
  private final WireLog log;
  private final double timeScale;
  private final CompletableFuture<SessionOutcome> done;
  private final Runnable afterTask;
  private final Runnable onFault;

  /**
   * @param afterTask runs after every task (writes what the task encoded)
   * @param onFault runs after a task threw: the case ends as the harness's error
   */
  Reactor(
      WireLog log,
      double timeScale,
      CompletableFuture<SessionOutcome> done,
      Runnable afterTask,
      Runnable onFault) {
    this.log = log;
    this.timeScale = timeScale;
    this.done = done;
    this.afterTask = afterTask;
    this.onFault = onFault;
    this.loop =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "wsconform-case");
              t.setDaemon(true);
              return t;
            });
  }

  private static ScheduledExecutorService timerThread() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread th = new Thread(r, "wsconform-timers");
              th.setDaemon(true);
              return th;
            });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  /**
   * @return false when the reactor has shut down and the task will never run
   */
  boolean post(Runnable task) {
    try {
      loop.execute(
          () -> {
            try {
              task.run();
              afterTask.run();
            } catch (RuntimeException e) {
              log.note("harness fault: " + e);
              if (!done.isDone()) done.completeExceptionally(e);
              onFault.run();
            }
          });
    } catch (RejectedExecutionException ignored) {
      // the case is over; late timers and frames have nothing left to act on
      return false;
    }
    return true;
  }

  /** Posts {@code task} after {@code seconds} (scaled by --timeout-scale). */
  ScheduledFuture<?> later(double seconds, Runnable task) {
    long nanos = (long) (seconds * timeScale * 1e9);
    return TIMERS.schedule(() -> post(task), nanos, TimeUnit.NANOSECONDS);
  }

  boolean isShutdown() {
    return loop.isShutdown();
  }

  void shutdown() {
    loop.shutdown();
  }
}
