package org.wsconform.serve;

import org.wsconform.cases.ConformanceCase;

/**
 * One case a client under test runs: its number in the fuzzing server's numbering (Autobahn's cases
 * keep theirs, 1–517; ours follow), the case, and what the harness does as the server.
 */
public record ClientCase(int number, ConformanceCase testCase, ServerSide server) {
  public String id() {
    return testCase.id();
  }
}
