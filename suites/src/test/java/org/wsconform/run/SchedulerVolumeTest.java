package org.wsconform.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;

/**
 * Issue 17: the volume phase has its own bound, and starts its heaviest cases first. Four volume
 * cases wait on a barrier of four: with {@code volumeParallel} 4 and {@code parallel} 2 they all
 * meet (the phase is not bounded by -j), and no more than four ever run at once.
 */
class SchedulerVolumeTest {

  @Test
  void volumeCasesRunVolumeParallelAtOnceBesideNothingElse() {
    List<ConformanceCase> volume =
        Catalogue.all().stream().filter(ConformanceCase::volume).limit(8).toList();
    assertThat(volume).hasSize(8);
    CyclicBarrier four = new CyclicBarrier(4);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Scheduler s =
        new Scheduler(
            volume,
            2,
            4,
            c -> {
              most.accumulateAndGet(running.incrementAndGet(), Math::max);
              try {
                four.await(20, TimeUnit.SECONDS); // times out when fewer than 4 run at once
                return null;
              } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("four volume cases did not run at once", e);
              } finally {
                running.decrementAndGet();
              }
            });
    for (ConformanceCase c : volume) s.resultOf(c);
    assertThat(most.get()).isEqualTo(4);
  }

  @Test
  void theHeaviestVolumeCasesStartFirst() {
    List<ConformanceCase> volume =
        Catalogue.all().stream().filter(ConformanceCase::volume).toList();
    List<String> started = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Scheduler s =
        new Scheduler(
            volume,
            1,
            1,
            c -> {
              started.add(c.id());
              return null;
            });
    for (ConformanceCase c : volume) s.resultOf(c);
    assertThat(started).hasSize(216);
    // row 15 (131,072 octets in 256-octet frames) first, in the catalogue's order
    assertThat(started.subList(0, 12)).allMatch(id -> id.endsWith(".15"));
    assertThat(started.get(0)).isEqualTo("12.1.15");
    assertThat(started.subList(12, 24)).allMatch(id -> id.endsWith(".14"));
    // row 1 (16 octets, one frame) last
    assertThat(started.subList(204, 216)).allMatch(id -> id.endsWith(".1"));
    assertThat(started.get(215)).isEqualTo("13.7.1");
  }
}
