package org.wsconform.session;

import java.util.Locale;

/**
 * What the harness assumes about the other end's application (profile key {@code peer=}, option
 * {@code --peer}). Every case says what it needs of the peer ({@code PeerNeeds}); under {@link
 * #SILENT} and {@link #DIALOGUE} a case that needs an echo runs adapted or is not applicable, and
 * every frame the peer sends is still checked.
 */
public enum PeerModel {
  /** The peer sends back every message it receives, as Autobahn's fuzzing server expects. */
  ECHO("echo"),
  /**
   * The peer never sends application data (a Worker that only logs what it receives): a valid
   * message is followed by a ping, and the case passes when its pong comes back.
   */
  SILENT("silent"),
  /**
   * The peer speaks an application protocol: a valid message is followed by the profile's dialogue
   * request(s), and the case passes when the reply matches ({@link Dialogue}).
   */
  DIALOGUE("dialogue");

  private final String word;

  PeerModel(String word) {
    this.word = word;
  }

  /** The word profiles, the command line and the records use. */
  public String word() {
    return word;
  }

  /** The model named {@code s} (echo, silent, dialogue). */
  public static PeerModel parse(String s) {
    for (PeerModel m : values()) if (m.word.equals(s.strip().toLowerCase(Locale.ROOT))) return m;
    throw new IllegalArgumentException("peer must be echo, silent or dialogue, not '" + s + "'");
  }
}
