package org.wsconform.cases;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Every case wsconform knows, in report order. */
public final class Catalogue {
  private static final List<ConformanceCase> ALL = build();

  private Catalogue() {}

  private static List<ConformanceCase> build() {
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
    l.addAll(Compression.cases());
    l.addAll(ExtensionNegotiation.cases());
    return Collections.unmodifiableList(l);
  }

  public static List<ConformanceCase> all() {
    return ALL;
  }

  public static Optional<ConformanceCase> byId(String id) {
    return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
