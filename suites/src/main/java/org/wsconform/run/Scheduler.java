package org.wsconform.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.deflate.Compression;

/**
 * Runs the selected cases ahead of the JUnit invocations that report them, in three phases so that
 * a parallel run gives the verdicts of a serial one: (1) the independent cases concurrently on
 * separate connections; (2) the cases whose verdict depends on deliberate pauses, together (they
 * are idle almost all the time, and nothing busy runs beside them); (3) the volume cases
 * (permessage-deflate round trips), {@code volumeParallel} at a time among themselves only; (4) the
 * bulk cases strictly one at a time. Each case states its phase as its {@link
 * ConformanceCase#schedule()}.
 */
public final class Scheduler {
  private final Map<String, CompletableFuture<CaseResult>> results = new LinkedHashMap<>();
  private final List<ConformanceCase> concurrent = new ArrayList<>();
  private final List<ConformanceCase> paused = new ArrayList<>();
  private final List<ConformanceCase> volume = new ArrayList<>();
  private final List<ConformanceCase> exclusive = new ArrayList<>();
  private final int parallel;
  private final int volumeParallel;
  private final Function<ConformanceCase, CaseResult> runner;
  private volatile boolean cancelled;
  private ExecutorService pool;
  private volatile ExecutorService volumePool;
  private Thread driver;

  public Scheduler(
      List<ConformanceCase> cases, int parallel, Function<ConformanceCase, CaseResult> runner) {
    this(cases, parallel, parallel, runner);
  }

  /**
   * @param volumeParallel how many volume cases run at once (each has one message in flight, so a
   *     connection keeps a core busy only between its turns: two per core fill the gaps)
   */
  public Scheduler(
      List<ConformanceCase> cases,
      int parallel,
      int volumeParallel,
      Function<ConformanceCase, CaseResult> runner) {
    this.parallel = Math.max(1, parallel);
    this.volumeParallel = Math.max(1, volumeParallel);
    this.runner = runner;
    for (ConformanceCase c : cases) {
      results.put(c.id(), new CompletableFuture<>());
      (switch (c.schedule()) {
            case BULK -> exclusive;
            case PAUSED -> paused;
            case VOLUME -> volume;
            case CONCURRENT -> concurrent;
          })
          .add(c);
    }
    // heaviest first (a stable sort: ties keep the catalogue's order); see volumeWeight
    volume.sort(Comparator.comparingDouble(Compression::volumeWeight).reversed());
  }

  public synchronized void start() {
    if (driver != null) return;
    pool =
        Executors.newFixedThreadPool(
            parallel,
            r -> {
              Thread t = new Thread(r, "wsconform-scheduler");
              t.setDaemon(true);
              return t;
            });
    driver = new Thread(this::drive, "wsconform-scheduler-driver");
    driver.setDaemon(true);
    driver.start();
  }

  private void drive() {
    List<CompletableFuture<?>> phase1 = new ArrayList<>();
    for (ConformanceCase c : concurrent) {
      phase1.add(CompletableFuture.runAsync(() -> runOne(c), pool));
    }
    CompletableFuture.allOf(phase1.toArray(CompletableFuture[]::new)).join();
    if (parallel > 1 && !paused.isEmpty()) {
      List<Thread> threads = new ArrayList<>();
      for (ConformanceCase c : paused) {
        Thread t = new Thread(() -> runOne(c), "wsconform-paused");
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    } else {
      for (ConformanceCase c : paused) runOne(c);
    }
    if (!volume.isEmpty()) {
      volumePool =
          volumeParallel == parallel
              ? pool
              : Executors.newFixedThreadPool(
                  volumeParallel,
                  r -> {
                    Thread t = new Thread(r, "wsconform-volume");
                    t.setDaemon(true);
                    return t;
                  });
      List<CompletableFuture<?>> phase3 = new ArrayList<>();
      for (ConformanceCase c : volume) {
        phase3.add(CompletableFuture.runAsync(() -> runOne(c), volumePool)); // the pool bounds them
      }
      CompletableFuture.allOf(phase3.toArray(CompletableFuture[]::new)).join();
      if (volumePool != pool) volumePool.shutdown();
    }
    for (ConformanceCase c : exclusive) runOne(c);
    pool.shutdown();
  }

  private void runOne(ConformanceCase c) {
    CompletableFuture<CaseResult> f = results.get(c.id());
    if (cancelled) {
      f.cancel(false);
      return;
    }
    try {
      f.complete(runner.apply(c));
    } catch (RuntimeException e) {
      f.completeExceptionally(e);
    }
  }

  /** The result of a case, waiting for it; starts the schedule on first use. */
  public CaseResult resultOf(ConformanceCase c) {
    start();
    CompletableFuture<CaseResult> f = results.get(c.id());
    if (f == null)
      throw new IllegalArgumentException("case " + c.id() + " is not in this run's selection");
    return f.join();
  }

  public void cancel() {
    cancelled = true;
    ExecutorService v = volumePool;
    if (v != null && v != pool) v.shutdownNow();
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
