package org.wsconform.session;

/**
 * The peer a run tests: its model and, for {@link PeerModel#DIALOGUE} (heartbeats and unsolicited
 * messages also under {@link PeerModel#SILENT}), the application's exchange.
 */
public record Peer(PeerModel model, Dialogue dialogue) {
  /** Today's default: an echo peer. */
  public static final Peer ECHO = new Peer(PeerModel.ECHO, Dialogue.NONE);

  public Peer {
    if (dialogue == null) dialogue = Dialogue.NONE;
    if (model == PeerModel.DIALOGUE && dialogue.requests().isEmpty())
      throw new IllegalArgumentException(
          "peer=dialogue needs at least one dialogue.request (text:... or binary:<hex>)");
    if (model == PeerModel.ECHO) dialogue = Dialogue.NONE; // an echo peer has no dialogue
  }

  public boolean echo() {
    return model == PeerModel.ECHO;
  }
}
