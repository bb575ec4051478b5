package org.wsconform.cli;

/** "1 case", "2 cases": every count the console prints goes through here. */
final class Plural {
  private Plural() {}

  /** {@code n} and the noun, with an "s" unless {@code n} is 1. */
  static String of(long n, String noun) {
    return n + " " + (n == 1 ? noun : noun + "s");
  }
}
