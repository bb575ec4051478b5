package org.wsconform.serve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.cases.deflate.Compression;
import org.wsconform.catalogue.Catalogue;

/**
 * The cases a client under test runs, numbered as Autobahn's fuzzing server numbers them: its 517
 * client cases (groups 1–7, 9, 10, 12, 13) keep their numbers and ids, sorted by id as Autobahn
 * sorts them; wsconform's own client cases follow.
 */
public final class ClientCatalogue {
  private static final Map<Integer, List<ClientCase>> BY_ROUND_TRIPS = new ConcurrentHashMap<>();

  private ClientCatalogue() {}

  public static List<ClientCase> all() {
    return all(Compression.AUTOBAHN_COUNT);
  }

  /** With {@code deflateRoundTrips} round trips in 12.* and 13.* instead of Autobahn's 1000. */
  public static List<ClientCase> all(int deflateRoundTrips) {
    return BY_ROUND_TRIPS.computeIfAbsent(deflateRoundTrips, ClientCatalogue::build);
  }

  public static Optional<ClientCase> byNumber(List<ClientCase> cases, int n) {
    return n >= 1 && n <= cases.size() ? Optional.of(cases.get(n - 1)) : Optional.empty();
  }

  public static Optional<ClientCase> byId(List<ClientCase> cases, String id) {
    return cases.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  private static List<ClientCase> build(int deflateRoundTrips) {
    List<ConformanceCase> autobahn =
        Catalogue.all(deflateRoundTrips).stream()
            .filter(c -> c.origin() == Origin.AUTOBAHN)
            .sorted(Comparator.comparing(c -> idTuple(c.id()), ClientCatalogue::compareTuples))
            .toList();
    List<ClientCase> l = new ArrayList<>();
    for (ConformanceCase c : autobahn) l.add(new ClientCase(l.size() + 1, c, serverSide(c)));
    for (ClientCase own : ClientCases.cases()) {
      l.add(new ClientCase(l.size() + 1, own.testCase(), own.server()));
    }
    return List.copyOf(l);
  }

  private static ServerSide serverSide(ConformanceCase c) {
    return c.id().startsWith("12.") || c.id().startsWith("13.")
        ? ServerSide.accepting(Compression.serverAccept(c.id()))
        : ServerSide.CANONICAL;
  }

  private static int[] idTuple(String id) {
    String[] p = id.split("\\.");
    int[] t = new int[p.length];
    for (int i = 0; i < p.length; i++) t[i] = Integer.parseInt(p[i]);
    return t;
  }

  private static int compareTuples(int[] a, int[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) return Integer.compare(a[i], b[i]);
    }
    return Integer.compare(a.length, b.length);
  }
}
