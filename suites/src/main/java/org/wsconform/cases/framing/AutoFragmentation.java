package org.wsconform.cases.framing;

import java.util.Arrays;
import java.util.List;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.support.AutobahnCase;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.SendOptions;

/**
 * Autobahn 10.1.1: a 65536-octet text message sent in 1300-octet fragments (1 text frame, 50
 * continuation frames, the last of 536 octets) is reassembled and echoed (RFC 6455 §5.4). As in
 * Autobahn, the case also checks the harness's own fragmenter: the frames it sent must be exactly 1
 * text and 50 continuation frames, or the case fails.
 */
public final class AutoFragmentation {
  private static final int SIZE = 65536;
  private static final int FRAGMENT_SIZE = 1300;

  private AutoFragmentation() {}

  public static List<ConformanceCase> cases() {
    byte[] payload = new byte[SIZE];
    Arrays.fill(payload, (byte) '*');
    return List.of(
        AutobahnCase.of(
            "10.1.1",
            "10.1",
            "Misc / Auto-Fragmentation",
            "65536-octet text message in 1300-octet fragments",
            Requirement.MUST,
            "RFC 6455 §5.4",
            f -> {
              f.expect(
                  Expectation.ok(
                      List.of(Event.message(payload, false)),
                      CloseExpectation.byMe(CloseCode.NORMAL)));
              f.sendMessage(payload, false, FRAGMENT_SIZE, SendOptions.DEFAULT);
              f.killAfter(10);
              f.atEnd(
                  x -> {
                    int continuationExpected = SIZE / FRAGMENT_SIZE;
                    int textExpected = SIZE % FRAGMENT_SIZE > 0 ? 1 : 0;
                    int continuationSent = x.sentFrames(Opcode.CONTINUATION);
                    int textSent = x.sentFrames(Opcode.TEXT);
                    if (continuationSent != continuationExpected || textSent != textExpected) {
                      x.verdict(
                          Behavior.FAILED,
                          "Frames transmitted {0: "
                              + continuationSent
                              + ", 1: "
                              + textSent
                              + "} does not match what we expected {0: "
                              + continuationExpected
                              + ", 1: "
                              + textExpected
                              + "}.");
                    }
                  });
            }));
  }
}
