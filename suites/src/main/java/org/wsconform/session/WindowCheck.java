package org.wsconform.session;

import org.wsconform.deflate.Agreement;
import org.wsconform.deflate.TracingInflater;

/**
 * Whether a traced compressed message from the server keeps to the agreement: its window (RFC 7692
 * §7.1.2.1) and, after server_no_context_takeover, a fresh context (§7.1.1.1).
 */
final class WindowCheck {
  private WindowCheck() {}

  /** What the trace breaks, in expected/observed words with the section; null when nothing. */
  static String problem(Agreement a, TracingInflater.Trace t) {
    if (!t.fitsWindow(a.serverMaxWindowBits())) {
      return "expected no back-reference further than 2^"
          + a.serverMaxWindowBits()
          + " = "
          + (1 << a.serverMaxWindowBits())
          + " octets after server_max_window_bits="
          + a.serverMaxWindowBits()
          + " was agreed (the window), observed a distance of "
          + t.maxDistance()
          + " (RFC 7692 §7.1.2.1)";
    }
    if (a.serverNoContextTakeover() && t.reachBeforeStart() > 0) {
      return "expected every server message to inflate alone after server_no_context_takeover"
          + " was agreed, observed a back-reference reaching "
          + t.reachBeforeStart()
          + " octets before the message's start (RFC 7692 §7.1.1.1)";
    }
    return null;
  }
}
