package org.wsconform.judge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who must send the first close frame, which codes the server may answer with, whether the close
 * must be clean, and (UTF-8 cases) whether the wrong closer also fails the behavior.
 */
public record CloseExpectation(
    boolean closedByMe,
    List<Integer> closeCodes,
    boolean requireClean,
    boolean closedByWrongEndpointIsFatal) {

  public CloseExpectation {
    closeCodes = List.copyOf(closeCodes);
  }

  /** me/1000/clean: the harness closes with 1000 once the expected events arrived. */
  public static CloseExpectation byMe(Integer... codes) {
    return new CloseExpectation(true, List.of(codes), true, false);
  }

  /** The harness closes; the server's reply code must be one of these; a TCP drop is acceptable. */
  public static CloseExpectation byMeMaybeUnclean(Integer... codes) {
    return new CloseExpectation(true, List.of(codes), false, false);
  }

  /** peer/code/-: the server must fail the connection (or drop TCP). */
  public static CloseExpectation byPeer(Integer... codes) {
    return new CloseExpectation(false, List.of(codes), false, false);
  }

  public CloseExpectation fatalIfWrongEndpoint() {
    return new CloseExpectation(closedByMe, closeCodes, requireClean, true);
  }

  public Map<String, Object> toAutobahn() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("closeCode", closeCodes);
    m.put("closedByMe", closedByMe);
    m.put("requireClean", requireClean);
    if (closedByWrongEndpointIsFatal) m.put("closedByWrongEndpointIsFatal", true);
    return m;
  }
}
