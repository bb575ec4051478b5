package org.wsconform.cases;

/** How strongly the RFC asks for the behaviour a case checks. */
public enum Requirement {
  MUST("must"),
  SHOULD("should"),
  INFORMATIONAL("info");

  private final String tag;

  Requirement(String tag) {
    this.tag = tag;
  }

  /** The JUnit tag for this level. */
  public String tag() {
    return tag;
  }
}
