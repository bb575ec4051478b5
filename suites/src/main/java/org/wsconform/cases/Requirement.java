package org.wsconform.cases;

import org.wsconform.verdict.Behavior;

/**
 * How strongly the RFC asks for the behaviour a case checks: shown by {@code --list}, and the
 * verdict a case gets when its expectation is broken ({@link #whenBroken()}).
 */
public enum Requirement {
  MUST("must"),
  SHOULD("should"),
  INFORMATIONAL("info");

  private final String tag;

  Requirement(String tag) {
    this.tag = tag;
  }

  /** The verdict of a broken expectation at this level: FAILED, NON-STRICT or INFORMATIONAL. */
  public Behavior whenBroken() {
    return switch (this) {
      case MUST -> Behavior.FAILED;
      case SHOULD -> Behavior.NON_STRICT;
      case INFORMATIONAL -> Behavior.INFORMATIONAL;
    };
  }

  /** The JUnit tag for this level. */
  public String tag() {
    return tag;
  }
}
