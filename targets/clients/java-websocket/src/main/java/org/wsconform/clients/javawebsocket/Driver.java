package org.wsconform.clients.javawebsocket;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Autobahn client-driver loop, the same in every Java client under test: {@code /getCaseCount}
 * (unless the cases are given), {@code /runCase?case=N&agent=A} for each case through the library
 * under test, then {@code /updateReports?agent=A}. The information endpoints are asked over plain
 * HTTP (the fuzzing server answers both), so only the cases exercise the library.
 *
 * <p>Arguments: {@code ws://host:port agent [case,case,...]}.
 */
final class Driver {
  /** Every case ends on the server's own deadline well before this; it only bounds a hang. */
  static final Duration PER_CASE = Duration.ofSeconds(60);

  /** The library under test: one connection to a /runCase URL, echoing until it is closed. */
  interface Client {
    void runCase(URI url, Duration timeout) throws Exception;
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String agent;

  private Driver(String base, String agent) {
    this.base = base;
    this.agent = agent;
  }

  static void run(String[] args, Client client) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ws://host:port agent [case,case,...]");
      System.exit(2);
    }
    Driver d = new Driver(args[0], args[1]);
    List<Integer> cases = new ArrayList<>();
    if (args.length > 2 && !args[2].isBlank()) {
      for (String n : args[2].split(",")) cases.add(Integer.parseInt(n.trim()));
    } else {
      int count = Integer.parseInt(d.get("/getCaseCount").trim());
      for (int n = 1; n <= count; n++) cases.add(n);
    }
    for (int n : cases) {
      try {
        client.runCase(URI.create(d.base + "/runCase?case=" + n + "&agent=" + d.encodedAgent()), PER_CASE);
      } catch (Exception e) {
        System.err.println("case " + n + ": " + e);
      }
      d.awaitRecorded(n);
    }
    d.get("/updateReports?agent=" + d.encodedAgent());
  }

  /**
   * Waits (up to 30 s) until the server has recorded case {@code n}. A library may report the close
   * before the server has closed TCP and judged the case; moving on at once would overlap the next
   * case with this one, and /updateReports after the last case would close the run before the
   * server records it (the server then drops it: "results writer already finished").
   */
  private void awaitRecorded(int n) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < until) {
      String status = get("/getCaseStatus?case=" + n + "&agent=" + encodedAgent());
      if (!status.contains("NO_RESULT")) return;
      Thread.sleep(20); // polling a remote server: there is nothing to wait on but its answer
    }
    System.err.println("case " + n + ": the server recorded no result within 30 s");
  }

  /** An information endpoint, over plain HTTP. */
  private String get(String pathAndQuery) throws Exception {
    URI uri = URI.create(base.replaceFirst("^ws", "http") + pathAndQuery);
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
  }

  private String encodedAgent() {
    return URLEncoder.encode(agent, StandardCharsets.UTF_8);
  }
}
