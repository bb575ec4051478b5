package org.wsconform.cases;

import java.util.Arrays;
import java.util.List;

/**
 * What every case needs of the peer, as one table: rows of case-id patterns ({@code 6.22.*}, or an
 * exact id), first match wins; a case no row names needs nothing ({@link PeerNeed#NONE}). The
 * session checks the table as it runs: a case declared {@code NONE} that expects an echo is the
 * harness's error, so a wrong row cannot pass unnoticed (the silent and dialogue self-tests run
 * every case).
 */
public final class PeerNeeds {
  /**
   * One row.
   *
   * @param patterns comma-separated case ids or prefixes ending in {@code *}
   * @param why what the peer's answer is for in these cases, in words
   */
  public record Rule(String patterns, PeerNeed need, String why) {
    boolean matches(String id) {
      return Arrays.stream(patterns.split(","))
          .map(String::trim)
          .anyMatch(
              p -> p.endsWith("*") ? id.startsWith(p.substring(0, p.length() - 1)) : p.equals(id));
    }
  }

  static final List<Rule> RULES =
      List.of(
          new Rule(
              "9.*",
              PeerNeed.ECHO_ONLY,
              "it measures the round trips of echoed messages of up to 16 MiB"),
          new Rule(
              "10.1.1",
              PeerNeed.ECHO_ONLY,
              "it checks how the server fragments the echo of a 65536-octet message"),
          new Rule(
              "12.*,13.*",
              PeerNeed.ECHO_ONLY,
              "it compares the echo of every compressed message over many round trips"),
          new Rule(
              "X.27,X.28,X.29",
              PeerNeed.ECHO_ONLY,
              "it inflates the server's compressed echoes to check the agreed window and context"),
          new Rule(
              "H.24",
              PeerNeed.ECHO_ONLY,
              "the answer it expects to a text frame pipelined behind the request is its echo"),
          new Rule(
              "F.6,F.7",
              PeerNeed.ECHO_ONLY,
              "it records whether the echo of a frame with a non-minimal length comes back"),
          new Rule(
              "L.3,L.5",
              PeerNeed.ECHO_ONLY,
              "it checks the echo of a message at (or far above) the declared limit"),
          new Rule(
              "X.21,X.22,X.23,X.24,X.25",
              PeerNeed.NONE,
              "the server must fail the connection on the bad frame"),
          new Rule("1.*", PeerNeed.ECHO, "a valid message of each length encoding is echoed"),
          new Rule(
              "3.2,3.3,3.4,4.1.3,4.1.4,4.1.5,4.2.3,4.2.4,4.2.5,5.15",
              PeerNeed.ECHO,
              "a valid message before the bad frame is echoed"),
          new Rule(
              "5.3,5.4,5.5,5.6,5.7,5.8,5.19,5.20",
              PeerNeed.ECHO,
              "a valid fragmented message is echoed whole"),
          new Rule(
              "6.1.*,6.2.*,6.5.*,6.6.2,6.6.5,6.6.7,6.6.9,6.6.11,6.7.*,6.9.*,6.11.1,6.11.2,6.11.3,"
                  + "6.11.4,6.22.*,6.23.*",
              PeerNeed.ECHO,
              "valid UTF-8 text is echoed"),
          new Rule("7.1.1,7.1.6", PeerNeed.ECHO, "a valid message before the close is echoed"),
          new Rule(
              "F.5,F.9,F.10", PeerNeed.ECHO, "a valid frame written in an unusual way is echoed"),
          new Rule("X.*", PeerNeed.ECHO, "a message after the negotiation is echoed (compressed)"));

  /** What a case needs when no row names it. */
  static final Rule DEFAULT =
      new Rule("*", PeerNeed.NONE, "the case expects no application data back");

  private PeerNeeds() {}

  /** The row that declares what case {@code id} needs. */
  public static Rule of(String id) {
    for (Rule r : RULES) if (r.matches(id)) return r;
    return DEFAULT;
  }
}
