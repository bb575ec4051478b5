package org.wsconform.cases.framing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.support.AutobahnCase;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.wire.SendOptions;

/**
 * Autobahn 1.*: one unfragmented text or binary message of a boundary size (0, 125, 126, 127, 128,
 * 65535, 65536 octets — the 7-bit, 16-bit and 64-bit length encodings of RFC 6455 §5.2), echoed
 * back; the last one written in 997-octet TCP chops.
 */
public final class Framing {
  private static final int[] SIZES = {0, 125, 126, 127, 128, 65535, 65536, 65536};

  private Framing() {}

  public static List<ConformanceCase> cases() {
    List<ConformanceCase> l = new ArrayList<>();
    for (int kind = 1; kind <= 2; kind++) {
      boolean binary = kind == 2;
      for (int i = 0; i < SIZES.length; i++) {
        int size = SIZES[i];
        int chop = i == 7 ? 997 : 0;
        double kill = i >= 5 ? 10 : 1;
        byte[] payload = new byte[size];
        Arrays.fill(payload, binary ? (byte) 0xFE : (byte) '*');
        String title =
            (binary ? "binary" : "text")
                + " message of "
                + size
                + " octets"
                + (chop > 0 ? " in 997-octet chops" : "");
        l.add(
            AutobahnCase.of(
                "1." + kind + "." + (i + 1),
                "1." + kind,
                "Framing / " + (binary ? "Binary" : "Text") + " Messages",
                title,
                Requirement.MUST,
                "RFC 6455 §5.2, §5.6",
                f -> {
                  f.expect(
                      Expectation.ok(
                          List.of(Event.message(payload, binary)), CloseExpectation.byMe(1000)));
                  f.sendMessage(payload, binary, 0, SendOptions.DEFAULT.withChopSize(chop));
                  f.killAfter(kill);
                }));
      }
    }
    return l;
  }
}
