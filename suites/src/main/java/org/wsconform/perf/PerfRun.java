package org.wsconform.perf;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Header;

/**
 * Runs the figures of one perf run in order (handshakes, latency, peak, held) and gathers them as
 * perf.json's {@code figures} and its flat {@code metrics} (docs/perf.md).
 */
public final class PerfRun {
  private final Endpoint endpoint;
  private final List<Header> headers;
  private final PerfSettings settings;
  private final PerfTarget target;
  private final PrintWriter console;
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final Map<String, Double> metrics = new LinkedHashMap<>();

  public PerfRun(
      Endpoint endpoint,
      List<Header> headers,
      PerfSettings settings,
      PerfTarget target,
      PrintWriter console) {
    this.endpoint = endpoint;
    this.headers = headers;
    this.settings = settings;
    this.target = target;
    this.console = console;
  }

  public Map<String, Object> figures() {
    return figures;
  }

  public Map<String, Double> metrics() {
    return metrics;
  }

  private long nanos(double seconds) {
    return Math.round(seconds * 1e9);
  }

  /** CPU and wall time over one figure. */
  private final class Window {
    final Generator generator;
    final long spin0;
    final long wall0 = System.nanoTime();
    final double loop0 = CpuMeter.loopSeconds();
    final double process0 = CpuMeter.processSeconds();
    final Double target0 = targetCpu();

    Window(Generator generator) {
      this.generator = generator;
      this.spin0 = generator.spinNanos;
    }

    Saturation.Load load() {
      double wall = (System.nanoTime() - wall0) / 1e9;
      double loop = CpuMeter.loopSeconds() - loop0;
      double process = CpuMeter.processSeconds() - process0;
      Double t1 = targetCpu();
      Double targetCpu = target0 == null || t1 == null ? null : t1 - target0;
      if (target.embedded()) {
        // one JVM: the loop thread (and its ticker) is the generator, the rest is the server
        targetCpu = Math.max(0, process - loop);
        process = loop;
      }
      return new Saturation.Load(
          wall,
          loop,
          process,
          target.generatorCores(),
          targetCpu,
          target.targetCores(),
          (generator.spinNanos - spin0) / 1e9);
    }
  }

  private Double targetCpu() {
    List<ProcessHandle> ps = target.processes().get();
    return ps.isEmpty() ? null : CpuMeter.processesSeconds(ps);
  }

  /** The figure's common part: status, the reason, CPU of both sides. */
  private Map<String, Object> figure(Saturation.Load l, long messages, String failure) {
    Map<String, Object> f = new LinkedHashMap<>();
    Optional<String> refusal = Saturation.refusal(l);
    f.put("status", refusal.isPresent() ? "refused" : "ok");
    if (refusal.isPresent()) f.put("reason", refusal.get());
    Map<String, Object> cpu = new LinkedHashMap<>();
    cpu.put("wallSeconds", round(l.wallSeconds(), 3));
    cpu.put("generatorSeconds", round(l.generatorCpuSeconds(), 3));
    cpu.put("generatorLoopSeconds", round(l.loopCpuSeconds(), 3));
    cpu.put("generatorSpinSeconds", round(l.spinSeconds(), 3));
    cpu.put("generatorBusy", round(l.generatorBusy(), 3));
    cpu.put("generatorCores", l.generatorCores());
    cpu.put("targetSeconds", l.targetCpuSeconds() == null ? null : round(l.targetCpuSeconds(), 3));
    cpu.put("targetBusy", l.targetBusy() == null ? null : round(l.targetBusy(), 3));
    cpu.put("targetCores", l.targetCores());
    if (messages > 0) {
      cpu.put("generatorMicrosPerMessage", round(l.generatorCpuSeconds() * 1e6 / messages, 2));
      cpu.put(
          "targetMicrosPerMessage",
          l.targetCpuSeconds() == null ? null : round(l.targetCpuSeconds() * 1e6 / messages, 2));
    }
    f.put("cpu", cpu);
    if (failure != null) f.put("firstFailure", failure);
    return f;
  }

  private static Map<String, Object> latency(LatencyRecorder.Summary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", s.count());
    m.put("p50", s.p50());
    m.put("p90", s.p90());
    m.put("p99", s.p99());
    m.put("p99.9", s.p999());
    m.put("max", s.max());
    m.put("curve", s.curve());
    return m;
  }

  private boolean ok(Map<String, Object> f) {
    return "ok".equals(f.get("status"));
  }

  /** Runs every figure the settings name. */
  public void run() throws IOException {
    if (settings.runs("handshakes")) handshakes();
    if (settings.runs("latency")) latencyFigures();
    if (settings.runs("peak")) peakFigures();
    if (settings.runs("held")) held();
  }

  void handshakes() throws IOException {
    try (Generator g = new Generator(endpoint, headers)) {
      LatencyRecorder rec = new LatencyRecorder();
      Window w = new Window(g);
      Generator.Count c =
          ConnectionFigures.handshakes(
              g,
              settings.handshakeConcurrency(),
              nanos(settings.warmupSeconds()),
              nanos(settings.seconds()),
              rec);
      Map<String, Object> f = figure(w.load(), c.done(), c.firstFailure());
      double rate = c.done() / settings.seconds();
      f.put("concurrency", settings.handshakeConcurrency());
      f.put("handshakes", c.done());
      f.put("failed", c.failed());
      f.put("perSecond", round(rate, 1));
      f.put("latency", latency(rec.summary()));
      f.put("sources", g.sourcesUsed());
      figures.put("handshakes", f);
      if (ok(f)) {
        metrics.put("handshakes.rate", round(rate, 1));
        metrics.put("handshakes.p50", rec.summary().p50());
        metrics.put("handshakes.p99", rec.summary().p99());
      }
      say(
          "handshakes",
          f,
          String.format(
              Locale.ROOT,
              "%.0f/s, p50 %s, p99 %s",
              rate,
              us(rec.summary().p50()),
              us(rec.summary().p99())));
    }
  }

  void latencyFigures() throws IOException {
    List<Object> list = new ArrayList<>();
    figures.put("latency", list);
    for (boolean deflate : settings.deflate()) {
      for (int size : settings.sizes()) {
        for (double rate : settings.rates()) {
          list.add(latencyFigure(deflate, size, rate));
        }
      }
    }
  }

  Map<String, Object> latencyFigure(boolean deflate, int size, double rate) throws IOException {
    String key =
        "echo." + size + "." + (deflate ? "deflate" : "plain") + "." + Threshold.format(rate);
    try (Generator g = new Generator(endpoint, headers)) {
      Generator.Opened o =
          g.open(settings.echoConnections(), deflate, System.nanoTime() + 30_000_000_000L, null);
      Map<String, Object> f;
      if (o.connections().size() < settings.echoConnections()) {
        f = new LinkedHashMap<>();
        f.put("status", "failed");
        f.put(
            "reason",
            "expected "
                + settings.echoConnections()
                + " open connections, observed "
                + o.connections().size()
                + ": "
                + o.firstFailure());
      } else if (deflate && !o.connections().get(0).deflate()) {
        f = new LinkedHashMap<>();
        f.put("status", "skipped");
        f.put("reason", "the target declined permessage-deflate (RFC 7692 §5)");
      } else {
        LatencyRecorder rec = new LatencyRecorder();
        Window w = new Window(g);
        Generator.Count c =
            g.echoAtRate(
                o.connections(),
                rate,
                Payloads.of(size),
                nanos(settings.warmupSeconds()),
                nanos(settings.seconds()),
                5_000_000_000L,
                rec);
        f = figure(w.load(), c.done(), c.firstFailure());
        f.put("unanswered", c.failed());
        LatencyRecorder.Summary s = rec.summary();
        f.put("latency", latency(s));
        LatencyRecorder.Summary u = rec.uncorrectedSummary();
        f.put(
            "uncorrected",
            Map.of("p50", u.p50(), "p99", u.p99(), "max", u.max(), "count", u.count()));
        double achieved = c.done() / settings.seconds();
        f.put("achievedPerSecond", round(achieved, 1));
        if (c.failed() > 0 && "ok".equals(f.get("status"))) {
          f.put(
              "note",
              c.failed()
                  + " message(s) not echoed within 5 s of the last send: counted with the time"
                  + " they waited");
        }
        if (ok(f)) {
          for (String p : List.of("p50", "p90", "p99", "p99.9", "max")) {
            metrics.put(key + "." + p, ((Number) latency(s).get(p)).doubleValue());
          }
        }
        say(
            "latency "
                + size
                + " B "
                + (deflate ? "deflate" : "plain")
                + " @"
                + Threshold.format(rate)
                + "/s",
            f,
            "p50 "
                + us(s.p50())
                + ", p99 "
                + us(s.p99())
                + ", p99.9 "
                + us(s.p999())
                + ", max "
                + us(s.max())
                + (c.failed() > 0 ? ", " + c.failed() + " unanswered" : ""));
      }
      f.put("size", size);
      f.put("deflate", deflate);
      f.put("offeredPerSecond", rate);
      f.put("connections", settings.echoConnections());
      f.put("key", key);
      if (!ok(f) && !f.containsKey("cpu")) say("latency " + key, f, "");
      return f;
    }
  }

  void peakFigures() throws IOException {
    List<Object> list = new ArrayList<>();
    figures.put("peak", list);
    for (int n :
        settings.peakConnections() == 1 ? List.of(1) : List.of(1, settings.peakConnections())) {
      list.add(peakFigure(n));
    }
  }

  Map<String, Object> peakFigure(int n) throws IOException {
    try (Generator g = new Generator(endpoint, headers)) {
      Generator.Opened o = g.open(n, false, System.nanoTime() + 30_000_000_000L, null);
      Map<String, Object> f;
      if (o.connections().size() < n) {
        f = new LinkedHashMap<>();
        f.put("status", "failed");
        f.put(
            "reason",
            "expected "
                + n
                + " open connections, observed "
                + o.connections().size()
                + ": "
                + o.firstFailure());
      } else {
        LatencyRecorder rec = new LatencyRecorder();
        Window w = new Window(g);
        Generator.Count c =
            g.peak(
                o.connections(),
                settings.window(),
                Payloads.of(settings.peakSize()),
                nanos(settings.warmupSeconds()),
                nanos(settings.seconds()),
                rec);
        f = figure(w.load(), c.done(), c.firstFailure());
        double rate = c.done() / settings.seconds();
        double bytes = c.octets() / settings.seconds();
        f.put("messagesPerSecond", round(rate, 1));
        f.put("octetsPerSecond", round(bytes, 0));
        f.put("latency", latency(rec.summary()));
        if (ok(f)) {
          metrics.put("peak." + n + ".rate", round(rate, 1));
          metrics.put("peak." + n + ".bytes", round(bytes, 0));
        }
        say(
            "peak over " + n + " connection(s)",
            f,
            String.format(Locale.ROOT, "%.0f msg/s, %.1f MB/s echoed", rate, bytes / 1e6));
      }
      f.put("connections", n);
      f.put("window", settings.window());
      f.put("size", settings.peakSize());
      if (!f.containsKey("cpu")) say("peak over " + n, f, "");
      return f;
    }
  }

  void held() throws IOException {
    try (Generator g = new Generator(endpoint, headers)) {
      List<ProcessHandle> ps = target.processes().get();
      Long before = ps.isEmpty() ? null : CpuMeter.rssOctets(ps);
      Window w = new Window(g);
      LatencyRecorder rec = new LatencyRecorder();
      Generator.Opened o =
          g.open(settings.held(), false, System.nanoTime() + 180_000_000_000L, rec);
      // idle a moment: a server that drops idle connections or lags behind shows it in the ping
      // round
      long idleEnd = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < idleEnd) g.poll(50);
      int survived =
          ConnectionFigures.pingRound(g, o.connections(), System.nanoTime() + 30_000_000_000L);
      Long after = ps.isEmpty() ? null : CpuMeter.rssOctets(target.processes().get());
      Map<String, Object> f = figure(w.load(), 0, o.firstFailure());
      // opening connections is not a throughput figure: a busy generator does not change the count
      f.put("status", "ok");
      f.remove("reason");
      f.put("asked", settings.held());
      f.put("opened", o.connections().size());
      f.put("failed", o.failed());
      f.put("unfinished", o.unfinished());
      f.put("survivedPing", survived);
      f.put("sources", g.sourcesUsed());
      f.put("handshakeLatency", latency(rec.summary()));
      metrics.put("held.connections", (double) settings.held());
      metrics.put("held.survived", (double) survived);
      if (before != null && after != null && !o.connections().isEmpty()) {
        double per = (after - before) / (double) o.connections().size();
        f.put("rssBefore", before);
        f.put("rssAfter", after);
        f.put("rssPerConnection", round(per, 0));
        metrics.put("held.rssPerConnection", round(per, 0));
      } else {
        f.put("rssPerConnection", null);
        f.put(
            "rssNote",
            target.embedded()
                ? "the target shares this JVM: its memory per connection cannot be told apart"
                : "the target is not a process this run launched: its memory is not visible");
      }
      say(
          "held",
          f,
          o.connections().size()
              + " of "
              + settings.held()
              + " open, "
              + survived
              + " answered a ping"
              + (f.get("rssPerConnection") != null
                  ? ", "
                      + Math.round(((Number) f.get("rssPerConnection")).doubleValue() / 1024.0)
                      + " KiB RSS each"
                  : ""));
      figures.put("held", f);
    }
  }

  private void say(String what, Map<String, Object> f, String values) {
    String status = String.valueOf(f.get("status"));
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-36s ", what));
    if ("ok".equals(status)) sb.append(values);
    else sb.append(status.toUpperCase(Locale.ROOT)).append(": ").append(f.get("reason"));
    if (f.get("cpu") instanceof Map<?, ?> cpu && "ok".equals(status)) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  [cpu generator %s, target %s]",
              Saturation.percent(((Number) cpu.get("generatorBusy")).doubleValue()),
              cpu.get("targetBusy") == null
                  ? "n/a"
                  : Saturation.percent(((Number) cpu.get("targetBusy")).doubleValue())));
    }
    console.println(sb);
    console.flush();
  }

  static String us(double micros) {
    if (micros >= 10_000) return String.format(Locale.ROOT, "%.1f ms", micros / 1000);
    if (micros >= 1000) return String.format(Locale.ROOT, "%.2f ms", micros / 1000);
    return String.format(Locale.ROOT, "%.0f us", micros);
  }

  static double round(double v, int digits) {
    double s = Math.pow(10, digits);
    return Math.round(v * s) / s;
  }
}
