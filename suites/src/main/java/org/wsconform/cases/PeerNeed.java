package org.wsconform.cases;

/** What a case needs of the peer's application, declared for every case in {@link PeerNeeds}. */
public enum PeerNeed {
  /** Nothing: the case expects no application data back and runs as is against any peer. */
  NONE("none"),
  /**
   * An echo of valid messages, which a silent or dialogue peer replaces: the echoes are taken out,
   * and when the connection must stay open a probe (a ping, or the dialogue request) follows the
   * case's last message and must be answered.
   */
  ECHO("echo"),
  /**
   * An echo the case judges itself (its size, timing, fragmentation or compression): not applicable
   * to a peer that does not echo.
   */
  ECHO_ONLY("echo only");

  private final String word;

  PeerNeed(String word) {
    this.word = word;
  }

  /** The word the records and {@code --list} use. */
  public String word() {
    return word;
  }
}
