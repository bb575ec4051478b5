package org.wsconform.session;

/**
 * What the harness assumes about the other end's application. Today every case assumes an echo
 * peer, and the close handshake, the expectations and the auto-close on the expected events
 * (Autobahn's finishWhenDone) are written for it. A peer that stays silent, one that follows an
 * application dialogue from a profile, and a client under test are the next values; each will need
 * its own expectations, so none is listed before it works.
 */
public enum PeerModel {
  /** The peer sends back every message it receives, as Autobahn's fuzzing server expects. */
  ECHO
}
