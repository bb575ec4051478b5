package org.wsconform.judge;

/** The protocol outcome of a case, with Autobahn's spelling; ERROR is ours (the harness could not run it). */
public enum Behavior {
  OK("OK"),
  NON_STRICT("NON-STRICT"),
  INFORMATIONAL("INFORMATIONAL"),
  UNIMPLEMENTED("UNIMPLEMENTED"),
  FAILED("FAILED"),
  ERROR("ERROR");

  private final String label;

  Behavior(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Behavior ofLabel(String s) {
    for (Behavior b : values()) if (b.label.equals(s)) return b;
    throw new IllegalArgumentException("unknown behavior verdict '" + s + "'");
  }
}
