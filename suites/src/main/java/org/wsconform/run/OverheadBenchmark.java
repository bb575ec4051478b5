package org.wsconform.run;

import java.util.Arrays;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;
import org.wsconform.targets.ReferenceServer;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;

/**
 * The cost of one trivial case end to end — TCP connect, opening handshake, a 125-octet text echo
 * (Autobahn 1.1.2), the closing handshake and the server's TCP close — as the median of many
 * sequential runs after a warm-up. A benchmark for scripts/bench, not a test.
 *
 * <p>Usage: {@code OverheadBenchmark [runs=1000] [ws://target]} (default: the embedded server).
 */
public final class OverheadBenchmark {
  private OverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    ReferenceServer embedded = args.length > 1 ? null : ReferenceServer.start(0);
    try {
      String url = args.length > 1 ? args[1] : embedded.uri().toString();
      RunSettings s = RunSettings.of(Endpoint.parse(url), "bench");
      ConformanceCase c = Catalogue.byId("1.1.2").orElseThrow();
      for (int i = 0; i < Math.max(100, runs / 5); i++) check(CaseRunner.run(c, s));
      long[] micros = new long[runs];
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        check(CaseRunner.run(c, s));
        micros[i] = (System.nanoTime() - t0) / 1000;
      }
      Arrays.sort(micros);
      System.out.printf(
          "trivial case (1.1.2: connect + handshake + 125-octet echo + close) x %d: median %.3f ms, p90 %.3f ms,"
              + " min %.3f ms%n",
          runs, micros[runs / 2] / 1000.0, micros[runs * 9 / 10] / 1000.0, micros[0] / 1000.0);
    } finally {
      if (embedded != null) embedded.close();
    }
  }

  private static void check(CaseResult r) {
    if (r.outcome() != Outcome.PASSED)
      throw new IllegalStateException("1.1.2 did not pass: " + r.reason());
  }
}
