package org.wsconform.cases;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.wsconform.judge.ClientHandshakeRules;
import org.wsconform.judge.HandshakeCheck;
import org.wsconform.judge.Judge;
import org.wsconform.session.Session;
import org.wsconform.wire.UpgradeRequest;

/**
 * One conformance case, as a value: identity, the words a report shows, and the body.
 *
 * @param id          stable id: Autobahn's ("1.1.1") where it mirrors one, a prefixed group otherwise ("H.3")
 * @param group       the sub-group id ("1.1", "2", "H")
 * @param groupTitle  the sub-group's title ("Framing / Text Messages")
 * @param request     shapes the upgrade request from the canonical one (identity for most cases)
 * @param handshake   judges the opening handshake (Autobahn's strict client rules for most cases)
 * @param onOpen      the script once the connection is open: sets the expectation, sends, arms timers
 * @param overrides   Autobahn's per-case verdict ties
 * @param deadlineSeconds the harness's own limit for this case (before --timeout-scale)
 */
public record ConformanceCase(
    String id,
    String group,
    String groupTitle,
    String title,
    String description,
    String expectation,
    Requirement requirement,
    String rfc,
    UnaryOperator<UpgradeRequest> request,
    HandshakeCheck handshake,
    Consumer<Session> onOpen,
    List<Judge.Override> overrides,
    double deadlineSeconds) {

  public ConformanceCase {
    overrides = List.copyOf(overrides);
  }

  /** An Autobahn-style case: canonical handshake, then a script. */
  public static ConformanceCase session(String id, String group, String groupTitle, String title, String description,
      String expectation, Requirement requirement, String rfc, Consumer<Session> onOpen) {
    return new ConformanceCase(id, group, groupTitle, title, description, expectation, requirement, rfc,
        UnaryOperator.identity(), ClientHandshakeRules::autobahn, onOpen, List.of(), 30);
  }

  public ConformanceCase withOverrides(Judge.Override... o) {
    return new ConformanceCase(id, group, groupTitle, title, description, expectation, requirement, rfc, request,
        handshake, onOpen, List.of(o), deadlineSeconds);
  }

  public ConformanceCase withDeadline(double seconds) {
    return new ConformanceCase(id, group, groupTitle, title, description, expectation, requirement, rfc, request,
        handshake, onOpen, overrides, seconds);
  }

  /** The top-level group: "1", "2", …, or the letter of our own groups. */
  public String topGroup() {
    int dot = id.indexOf('.');
    return dot < 0 ? id : id.substring(0, dot);
  }

  private static final java.util.regex.Pattern PAUSED =
      java.util.regex.Pattern.compile("5\\.19|5\\.20|6\\.4\\..*|F\\.11");
  private static final java.util.regex.Pattern BULK = java.util.regex.Pattern.compile("(9|12|13)\\..*");

  /**
   * Whether the verdict depends on deliberate pauses (Autobahn 5.19/5.20 and 6.4.x pause for 1 s
   * and judge what the server did meanwhile): such cases never run beside the busy concurrent
   * phase; they run together in a phase of their own, where the machine is otherwise idle.
   */
  public boolean paused() {
    return PAUSED.matcher(id).matches();
  }

  /** Whether the verdict depends on timing at all (pauses or bulk): never in the concurrent phase. */
  public boolean timed() {
    return paused() || bulk();
  }

  /** Whether the case moves bulk data or measures time (9.*, 12.*, 13.*): run strictly alone. */
  public boolean bulk() {
    return BULK.matcher(id).matches() || deadlineSeconds > 30;
  }

  public String displayName() {
    return id + " " + title;
  }
}
