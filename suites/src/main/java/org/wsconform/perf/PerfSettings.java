package org.wsconform.perf;

import java.util.List;

/**
 * What one perf run measures and for how long.
 *
 * @param figures which figures: handshakes, latency, peak, held
 * @param warmupSeconds sent but not counted, before each figure's window (JIT, buffers, TCP)
 * @param seconds each figure's measuring window
 * @param rates offered echo rates of the latency figures (messages/s, all connections together)
 * @param sizes message sizes of the latency figures (octets)
 * @param deflate which of plain / permessage-deflate the latency figures use
 * @param echoConnections connections the fixed-rate messages are spread over
 * @param peakConnections N, the second peak figure's connection count (the first uses 1)
 * @param window messages each connection keeps in flight in the peak figures
 * @param peakSize message size of the peak figures
 * @param handshakeConcurrency opening handshakes in progress at once
 * @param held idle connections the held figure opens
 */
public record PerfSettings(
    List<String> figures,
    double warmupSeconds,
    double seconds,
    List<Double> rates,
    List<Integer> sizes,
    List<Boolean> deflate,
    int echoConnections,
    int peakConnections,
    int window,
    int peakSize,
    int handshakeConcurrency,
    int held) {
  public static final List<String> FIGURES = List.of("handshakes", "latency", "peak", "held");

  public PerfSettings {
    figures = List.copyOf(figures);
    rates = List.copyOf(rates);
    sizes = List.copyOf(sizes);
    deflate = List.copyOf(deflate);
  }

  boolean runs(String figure) {
    return figures.contains(figure);
  }
}
