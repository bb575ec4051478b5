package org.wsconform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsconform.perf.Baseline;
import org.wsconform.perf.PerfRun;
import org.wsconform.perf.PerfSettings;
import org.wsconform.perf.PerfTarget;
import org.wsconform.perf.Threshold;
import org.wsconform.reports.PerfPage;
import org.wsconform.reports.RunFolder;
import org.wsconform.reports.RunInfo;
import org.wsconform.run.Preflight;
import org.wsconform.run.Targets;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.Header;

/** What {@code wsconform perf} does once its options are parsed. */
final class PerfCommandRun {
  static final ObjectMapper JSON = new ObjectMapper();

  private PerfCommandRun() {}

  static int run(PerfCommand o, PrintWriter out, PrintWriter err) {
    List<Header> headers = new ArrayList<>();
    List<Threshold> thresholds = new ArrayList<>();
    PerfSettings settings;
    double tolerance;
    Map<String, Double> baseline = null;
    try {
      for (String h : o.headers) headers.add(Header.parse(h));
      for (String t : o.thresholds) thresholds.add(Threshold.parse(t));
      tolerance = Baseline.tolerance(o.tolerance);
      settings = settings(o);
      if (o.baseline != null) baseline = metrics(o.baseline);
    } catch (IllegalArgumentException | IOException e) {
      err.println("wsconform perf: " + e.getMessage());
      return 2;
    }
    Path home = Path.of(System.getProperty("wsconform.home", "."));
    try (Targets.Resolved r = Targets.resolve(o.target)) {
      if (r.endpoint().tls()) {
        err.println(
            "wsconform perf: expected a ws:// target, observed "
                + r.endpoint().uri()
                + ": the generator measures plain WebSocket only (a TLS layer in it would be"
                + " measured as much as the target)");
        return 2;
      }
      List<Header> all = new ArrayList<>(r.headers());
      all.addAll(headers);
      // before pinning: availableProcessors() follows the affinity taskset gives this JVM
      int cores = Runtime.getRuntime().availableProcessors();
      PerfTarget target =
          r.launched() != null
              ? PerfTarget.launched(r.launched()::processes, !o.noPin)
              : r.embedded() != null ? PerfTarget.inProcess() : PerfTarget.remote();
      String agent = o.agent != null ? o.agent : r.agent();
      out.println("wsconform perf: " + agent + " at " + r.endpoint().uri());
      out.println("cores: " + target.pinning());
      String loadBefore = loadAverage();
      warnIfShared(loadBefore, cores, out);
      out.flush();
      long t0 = System.nanoTime();
      PerfRun run = new PerfRun(r.endpoint(), all, settings, target, out);
      run.run();
      List<Threshold.Check> checks = Threshold.checkAll(thresholds, run.metrics());
      List<Baseline.Change> changes =
          baseline == null ? List.of() : Baseline.compare(baseline, run.metrics(), tolerance);
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", "wsconform-perf/1");
      doc.put("version", RunInfo.defaultVersion());
      doc.put("finished", Instant.now().toString());
      doc.put("agent", agent);
      doc.put("target", r.identity());
      Map<String, Object> machine = new LinkedHashMap<>();
      machine.put("cores", cores);
      machine.put("pinning", target.pinning());
      machine.put("java", Runtime.version().toString());
      machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
      // other work on the machine starves both sides without showing in either's CPU share
      machine.put("loadAverageBefore", loadBefore);
      machine.put("loadAverageAfter", loadAverage());
      doc.put("machine", machine);
      doc.put("settings", settings);
      doc.put("wallSeconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
      doc.put("figures", run.figures());
      doc.put("metrics", run.metrics());
      List<Map<String, Object>> gates = new ArrayList<>();
      for (Threshold.Check c : checks) {
        gates.add(gate("threshold", c.threshold().text(), c.passed(), c.message()));
      }
      for (Baseline.Change c : changes) {
        gates.add(gate("baseline", c.metric(), !c.regression(), c.message()));
      }
      doc.put("gates", gates);
      Path base = o.out != null ? o.out : RunFolder.defaultBase(home);
      RunFolder folder = RunFolder.create(base, "perf-" + agent);
      Path json = folder.dir().resolve(PerfPage.PERF_JSON);
      JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), doc);
      Path html = PerfPage.write(folder.dir());
      boolean failed = false;
      for (Threshold.Check c : checks) {
        out.println(c.message());
        failed |= !c.passed();
      }
      for (Baseline.Change c : changes) {
        if (c.regression()) {
          out.println(c.message());
          failed = true;
        }
      }
      if (baseline != null) {
        out.println(
            String.format(
                Locale.ROOT,
                "baseline: %d metric(s) compared, %d regressed beyond %s",
                changes.size(),
                changes.stream().filter(Baseline.Change::regression).count(),
                o.tolerance));
      }
      out.println("report: " + html.toAbsolutePath());
      out.println("results: " + folder.dir().toAbsolutePath());
      return failed ? 1 : 0;
    } catch (Targets.UnknownTarget | Endpoint.BadUrl e) {
      err.println("wsconform perf: " + e.getMessage());
      return 2;
    } catch (Preflight.TargetUnreachable e) {
      err.println("wsconform perf: cannot reach the target: " + e.getMessage());
      return 3;
    } catch (IOException e) {
      err.println("wsconform perf: " + e.getMessage());
      return 3;
    }
  }

  /** /proc/loadavg's 1, 5 and 15 minute figures, or null off Linux. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void warnIfShared(String load, int cores, PrintWriter out) {
    if (load == null) return;
    double one = Double.parseDouble(load.split(" ")[0]);
    if (one > cores) {
      out.println(
          "warning: load average "
              + load
              + " on "
              + cores
              + " cores: other work competes with generator and target, so every figure is"
              + " pessimistic (perf.json records the load)");
    }
  }

  private static Map<String, Object> gate(
      String kind, String what, boolean passed, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("what", what);
    m.put("passed", passed);
    m.put("message", message);
    return m;
  }

  static PerfSettings settings(PerfCommand o) {
    for (String f : o.figures) {
      if (!PerfSettings.FIGURES.contains(f)) {
        throw new IllegalArgumentException(
            "--figures: unknown figure '"
                + f
                + "'; known: "
                + String.join(", ", PerfSettings.FIGURES));
      }
    }
    if (!(o.seconds > 0) || !(o.warmup >= 0)) {
      throw new IllegalArgumentException(
          "--seconds must be above 0 and --warmup 0 or more, got "
              + o.seconds
              + " and "
              + o.warmup);
    }
    for (double r : o.rates) {
      if (!(r > 0) || Double.isInfinite(r))
        throw new IllegalArgumentException("--rates: expected messages/s above 0, got " + r);
    }
    for (int s : o.sizes) {
      if (s < 1 || s > 16 << 20)
        throw new IllegalArgumentException("--sizes: expected 1 to 16777216 octets, got " + s);
    }
    List<Boolean> deflate =
        switch (o.deflate) {
          case "off" -> List.of(false);
          case "on" -> List.of(true);
          case "both" -> List.of(false, true);
          default ->
              throw new IllegalArgumentException(
                  "--deflate: expected off, on or both, got '" + o.deflate + "'");
        };
    for (int n :
        new int[] {
          o.echoConnections,
          o.peakConnections,
          o.window,
          o.peakSize,
          o.handshakeConcurrency,
          o.connections
        }) {
      if (n < 1)
        throw new IllegalArgumentException(
            "--echo-connections, --peak-connections, --window, --peak-size, --handshake-concurrency"
                + " and --connections must be at least 1, got "
                + n);
    }
    return new PerfSettings(
        o.figures,
        o.warmup,
        o.seconds,
        o.rates,
        o.sizes,
        deflate,
        o.echoConnections,
        o.peakConnections,
        o.window,
        o.peakSize,
        o.handshakeConcurrency,
        o.connections);
  }

  /** The metrics of an earlier perf.json (or of the perf.json in that folder). */
  static Map<String, Double> metrics(Path file) throws IOException {
    Path f = Files.isDirectory(file) ? file.resolve(PerfPage.PERF_JSON) : file;
    if (!Files.isRegularFile(f)) {
      throw new IOException("--baseline " + file + ": expected a perf.json or its run folder");
    }
    JsonNode m = JSON.readTree(f.toFile()).path("metrics");
    if (!m.isObject())
      throw new IOException("--baseline " + f + ": no 'metrics' object (not a perf.json?)");
    Map<String, Double> out = new LinkedHashMap<>();
    m.fields()
        .forEachRemaining(
            e -> out.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : null));
    return out;
  }
}
