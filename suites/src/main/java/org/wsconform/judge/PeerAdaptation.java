package org.wsconform.judge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a case ran against a peer that is not an echo (silent or dialogue): what the judge needs to
 * tell an application's own decisions from protocol faults, and what the record shows.
 *
 * @param peer the peer model's word ("silent", "dialogue")
 * @param need what the case needs of the peer ("none", "echo")
 * @param how what was done, in words ("ran as is", "echo replaced by ...")
 * @param withoutProbe the expectation with the echoes taken out, before the probe was added; null
 *     when the case expected no echo
 * @param probeSent whether the probe (a ping, or the dialogue request) went out
 * @param applicationDataSent whether the harness sent the peer a data message of its own
 * @param unmatched messages from the peer that were no reply, heartbeat or unsolicited pattern
 */
public record PeerAdaptation(
    String peer,
    String need,
    String how,
    Expectation withoutProbe,
    boolean probeSent,
    boolean applicationDataSent,
    List<String> unmatched) {

  public PeerAdaptation {
    unmatched = List.copyOf(unmatched);
  }

  /** The record's details: which peer model ran and how the case was adapted. */
  public Map<String, Object> details() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("peer", peer);
    m.put("peerNeed", need);
    m.put("adaptation", how);
    if (!unmatched.isEmpty()) m.put("unmatchedMessages", unmatched);
    return m;
  }
}
