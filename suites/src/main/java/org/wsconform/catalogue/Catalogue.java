package org.wsconform.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.close.CloseHandling;
import org.wsconform.cases.close.CloseRules;
import org.wsconform.cases.deflate.Compression;
import org.wsconform.cases.deflate.DeflateHonouring;
import org.wsconform.cases.deflate.DeflateOffers;
import org.wsconform.cases.fragmentation.Fragmentation;
import org.wsconform.cases.framing.AutoFragmentation;
import org.wsconform.cases.framing.Framing;
import org.wsconform.cases.framing.FramingRules;
import org.wsconform.cases.framing.Opcodes;
import org.wsconform.cases.framing.ReservedBits;
import org.wsconform.cases.handshake.OpeningHandshake;
import org.wsconform.cases.handshake.UpgradeResponse;
import org.wsconform.cases.limits.DeclaredLimits;
import org.wsconform.cases.limits.Limits;
import org.wsconform.cases.pingpong.PingsPongs;
import org.wsconform.cases.utf8.Utf8Handling;

/** Every case wsconform knows, in report order. */
public final class Catalogue {
  private static final List<ConformanceCase> ALL = build(Compression.AUTOBAHN_COUNT);

  /**
   * Catalogues with fewer 12.x/13.x round trips, built once per count (a run asks several times).
   */
  private static final Map<Integer, List<ConformanceCase>> BY_ROUND_TRIPS =
      new ConcurrentHashMap<>();

  private Catalogue() {}

  private static List<ConformanceCase> build(int deflateRoundTrips) {
    List<ConformanceCase> l = new ArrayList<>();
    l.addAll(Framing.cases());
    l.addAll(PingsPongs.cases());
    l.addAll(ReservedBits.cases());
    l.addAll(Opcodes.cases());
    l.addAll(Fragmentation.cases());
    l.addAll(Utf8Handling.cases());
    l.addAll(CloseHandling.cases());
    l.addAll(Limits.cases());
    l.addAll(AutoFragmentation.cases());
    l.addAll(OpeningHandshake.cases());
    l.addAll(UpgradeResponse.cases());
    l.addAll(FramingRules.cases());
    l.addAll(CloseRules.cases());
    l.addAll(DeclaredLimits.cases());
    l.addAll(Compression.cases(deflateRoundTrips));
    l.addAll(DeflateOffers.cases());
    l.addAll(DeflateHonouring.cases());
    return Collections.unmodifiableList(l);
  }

  public static List<ConformanceCase> all() {
    return ALL;
  }

  /**
   * Every case, with {@code deflateRoundTrips} round trips in each 12.x/13.x case instead of
   * Autobahn's 1000 (same ids, offers, sizes and verdict rules; titles say the count). A full
   * comparison of many implementations at 1000 moves ~10.9 GB each way per implementation.
   */
  public static List<ConformanceCase> all(int deflateRoundTrips) {
    if (deflateRoundTrips == Compression.AUTOBAHN_COUNT) return ALL;
    if (deflateRoundTrips < 1) {
      throw new IllegalArgumentException(
          "the 12.*/13.* round trips must be at least 1, got " + deflateRoundTrips);
    }
    return BY_ROUND_TRIPS.computeIfAbsent(
        deflateRoundTrips, n -> Collections.unmodifiableList(build(n)));
  }

  public static Optional<ConformanceCase> byId(String id) {
    return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
