package org.wsconform.run;

import java.nio.file.Path;
import java.util.List;
import org.wsconform.cases.deflate.Compression;
import org.wsconform.session.PeerModel;
import org.wsconform.wire.Header;

/**
 * A run as the user asked for it (CLI options, or system properties when the suites run under Maven
 * or an IDE; {@code wsconform.deflateRoundTrips} is {@code --deflate-round-trips}).
 *
 * @param target a ws:// or wss:// URL, a profile name, or null for the embedded reference server
 * @param cases include patterns, comma-separated (null = all)
 * @param exclude exclude patterns, comma-separated (null = none)
 * @param outBase where run folders go (reports/out)
 * @param agent the name in reports; null = derived from the target
 * @param deflateRoundTrips round trips per 12.x/13.x case (Autobahn's, 1000, unless asked
 *     otherwise)
 * @param peer --peer: the peer model instead of the profile's (null = the profile's, else echo)
 */
public record RunConfig(
    String target,
    String cases,
    String exclude,
    List<Header> headers,
    double timeScale,
    boolean strict,
    Path outBase,
    String agent,
    ConnectionSettings connection,
    int deflateRoundTrips,
    PeerModel peer) {

  public RunConfig {
    headers = List.copyOf(headers);
    if (!(timeScale > 0))
      throw new IllegalArgumentException(
          "--timeout-scale must be a positive number, got " + timeScale);
    if (deflateRoundTrips < 1) {
      throw new IllegalArgumentException(
          "--deflate-round-trips must be at least 1, got " + deflateRoundTrips);
    }
  }

  /** A run with the profile's peer model. */
  public RunConfig(
      String target,
      String cases,
      String exclude,
      List<Header> headers,
      double timeScale,
      boolean strict,
      Path outBase,
      String agent,
      ConnectionSettings connection,
      int deflateRoundTrips) {
    this(
        target,
        cases,
        exclude,
        headers,
        timeScale,
        strict,
        outBase,
        agent,
        connection,
        deflateRoundTrips,
        null);
  }

  /** A run with Autobahn's 1000 round trips per 12.x/13.x case. */
  public RunConfig(
      String target,
      String cases,
      String exclude,
      List<Header> headers,
      double timeScale,
      boolean strict,
      Path outBase,
      String agent,
      ConnectionSettings connection) {
    this(
        target,
        cases,
        exclude,
        headers,
        timeScale,
        strict,
        outBase,
        agent,
        connection,
        Compression.AUTOBAHN_COUNT);
  }

  /** Whether 12.x/13.x run fewer (or more) round trips than Autobahn's: reports must say so. */
  public boolean deflateRoundTripsReduced() {
    return deflateRoundTrips != Compression.AUTOBAHN_COUNT;
  }

  /**
   * From system properties: wsconform.target, wsconform.cases, wsconform.exclude,
   * wsconform.header.N, …
   */
  public static RunConfig fromSystemProperties() {
    List<Header> headers =
        System.getProperties().stringPropertyNames().stream()
            .filter(n -> n.startsWith("wsconform.header"))
            .sorted()
            .map(n -> Header.parse(System.getProperty(n)))
            .toList();
    String home = System.getProperty("wsconform.home", ".");
    String out = System.getProperty("wsconform.out");
    return new RunConfig(
        blankToNull(System.getProperty("wsconform.target")),
        blankToNull(System.getProperty("wsconform.cases")),
        blankToNull(System.getProperty("wsconform.exclude")),
        headers,
        Double.parseDouble(System.getProperty("wsconform.timeoutScale", "1")),
        Boolean.parseBoolean(System.getProperty("wsconform.strict", "false")),
        out != null ? Path.of(out) : Path.of(home).resolve("reports").resolve("out"),
        blankToNull(System.getProperty("wsconform.agent")),
        ConnectionSettings.DEFAULT,
        Integer.parseInt(
            System.getProperty(
                "wsconform.deflateRoundTrips", String.valueOf(Compression.AUTOBAHN_COUNT))),
        System.getProperty("wsconform.peer") == null
            ? null
            : PeerModel.parse(System.getProperty("wsconform.peer")));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
