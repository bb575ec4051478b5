package org.wsconform.cases;

/**
 * Where a case comes from, stated where the case is built: its id and verdict rules follow from it.
 */
public enum Origin {
  /** Mirrors an Autobahn|Testsuite case: keeps Autobahn's id, texts and verdict rules. */
  AUTOBAHN,
  /** One of wsconform's own groups (H, R, F, C, L, X), with a letter prefix Autobahn never uses. */
  WSCONFORM
}
