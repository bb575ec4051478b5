package org.wsconform.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wsconform perf}: how fast, how many connections, how much memory (issue 15). */
@Command(
    name = "perf",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Measures a WebSocket echo server: opening handshakes per second, echo round-trip latency at fixed offered",
      "rates (open model, corrected for coordinated omission), the highest sustained message rate over 1 and N",
      "connections, and idle connections held (with the target's memory per connection when this run launched it).",
      "The generator's CPU is reported next to the target's for every figure; a figure the generator limited is",
      "refused, with the reason. Plain ws:// targets only. Results: perf.json and perf.html in a run folder."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  wsconform perf --target jetty                      # launch a profile's target, pin it to its own cores",
      "  wsconform perf --target ws://127.0.0.1:9001/ --figures latency --rates 1000,10000",
      "  wsconform perf --target ws --threshold 'p99<20ms' --threshold 'rate>50000'",
      "  wsconform perf --target ws --baseline reports/out/<run>/perf.json --tolerance 10%%",
      "",
      "Exit codes: 0 measured (and every threshold passed, no regression); 1 a threshold failed or a metric",
      "regressed beyond the tolerance; 2 bad usage; 3 the target could not be reached or launched."
    })
public final class PerfCommand implements Callable<Integer> {
  @Option(
      names = {"-t", "--target"},
      paramLabel = "URL|PROFILE",
      description =
          "ws:// URL or a profile from targets/profiles/ (default: the embedded reference server)")
  public String target;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "'Name: value'",
      description = "an extra header for every upgrade request (repeatable)")
  public List<String> headers = new ArrayList<>();

  @Option(names = "--agent", paramLabel = "NAME", description = "the target's name in reports")
  public String agent;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where run folders go (default: reports/out)")
  public Path out;

  @Option(
      names = "--figures",
      paramLabel = "LIST",
      split = ",",
      defaultValue = "handshakes,latency,peak,held",
      description = "which figures: handshakes, latency, peak, held (default: ${DEFAULT-VALUE})")
  public List<String> figures;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "5",
      description = "each figure's measuring window (default: ${DEFAULT-VALUE})")
  public double seconds;

  @Option(
      names = "--warmup",
      paramLabel = "S",
      defaultValue = "1",
      description = "load before each window that is not counted (default: ${DEFAULT-VALUE})")
  public double warmup;

  @Option(
      names = "--rates",
      paramLabel = "N,...",
      split = ",",
      defaultValue = "1000",
      description =
          "offered echo rates of the latency figures, messages/s (default: ${DEFAULT-VALUE})")
  public List<Double> rates;

  @Option(
      names = "--sizes",
      paramLabel = "OCTETS,...",
      split = ",",
      defaultValue = "32,1024,65536",
      description = "message sizes of the latency figures (default: ${DEFAULT-VALUE})")
  public List<Integer> sizes;

  @Option(
      names = "--deflate",
      paramLabel = "off|on|both",
      defaultValue = "both",
      description =
          "latency figures without and/or with permessage-deflate (default: ${DEFAULT-VALUE})")
  public String deflate;

  @Option(
      names = "--echo-connections",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "connections the fixed-rate messages are spread over (default: ${DEFAULT-VALUE})")
  public int echoConnections;

  @Option(
      names = "--peak-connections",
      paramLabel = "N",
      defaultValue = "16",
      description = "N of the peak figure over N connections (default: ${DEFAULT-VALUE})")
  public int peakConnections;

  @Option(
      names = "--window",
      paramLabel = "N",
      defaultValue = "32",
      description =
          "messages in flight per connection in the peak figures (default: ${DEFAULT-VALUE})")
  public int window;

  @Option(
      names = "--peak-size",
      paramLabel = "OCTETS",
      defaultValue = "32",
      description = "message size of the peak figures (default: ${DEFAULT-VALUE})")
  public int peakSize;

  @Option(
      names = "--handshake-concurrency",
      paramLabel = "N",
      defaultValue = "8",
      description = "opening handshakes in progress at once (default: ${DEFAULT-VALUE})")
  public int handshakeConcurrency;

  @Option(
      names = "--connections",
      paramLabel = "N",
      defaultValue = "10000",
      description = "idle connections the held figure opens (default: ${DEFAULT-VALUE})")
  public int connections;

  @Option(
      names = "--threshold",
      paramLabel = "EXPR",
      description = "fail (exit 1) unless this holds, e.g. 'p99<20ms', 'rate>50000' (repeatable)")
  public List<String> thresholds = new ArrayList<>();

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "an earlier perf.json (or its run folder): a metric worse by more than --tolerance fails")
  public Path baseline;

  @Option(
      names = "--tolerance",
      paramLabel = "PERCENT",
      defaultValue = "10%",
      description = "how much worse than --baseline a metric may get (default: ${DEFAULT-VALUE})")
  public String tolerance;

  @Option(
      names = "--no-pin",
      description = "do not put the generator and a launched target on separate cores (taskset)")
  public boolean noPin;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return PerfCommandRun.run(this, out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
