package org.wsconform.judge;

/** The closing outcome of a case, with Autobahn's spelling; ERROR is ours. */
public enum BehaviorClose {
  OK("OK"),
  INFORMATIONAL("INFORMATIONAL"),
  WRONG_CODE("WRONG CODE"),
  UNCLEAN("UNCLEAN"),
  FAILED_BY_CLIENT("FAILED BY CLIENT"),
  FAILED("FAILED"),
  ERROR("ERROR");

  private final String label;

  BehaviorClose(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static BehaviorClose ofLabel(String s) {
    for (BehaviorClose b : values()) if (b.label.equals(s)) return b;
    throw new IllegalArgumentException("unknown close verdict '" + s + "'");
  }
}
