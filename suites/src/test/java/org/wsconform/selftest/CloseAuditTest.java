package org.wsconform.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wsconform.reports.CaseIdOrder;
import org.wsconform.run.CaseResult;
import org.wsconform.targets.faulty.Fault;

/**
 * The switches docs/close-audit.md added for RFC 6455 §5.5.1 and §7.1.7 requirements no fault
 * proved before, each proved both ways on its own (FaultMatrixTest runs them with every other
 * fault): against the frame-level catalogue it changes exactly the cases its FLIPS entry names.
 */
class CloseAuditTest {
  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {
        "CLOSE_REASON_NOT_VALIDATED",
        "ONE_OCTET_CLOSE_ACCEPTED",
        "KEEPS_PROCESSING_AFTER_CLOSE",
        "REGISTERED_CODES_REJECTED"
      })
  void closeSwitchFlipsExactlyItsCases(Fault fault) throws Exception {
    Map<String, CaseResult> baseline = FaultMatrixTest.runAll(Set.of());
    Map<String, CaseResult> faulty = FaultMatrixTest.runAll(EnumSet.of(fault));
    TreeSet<String> flipped = new TreeSet<>(CaseIdOrder.INSTANCE);
    List<String> lines = new ArrayList<>();
    faulty.forEach(
        (id, r) -> {
          String before = FaultMatrixTest.verdicts(baseline.get(id));
          if (!FaultMatrixTest.verdicts(r).equals(before)) {
            flipped.add(id);
            lines.add(id + " " + before + " -> " + FaultMatrixTest.verdicts(r));
          }
        });
    System.out.println("FLIPS " + fault + " " + String.join(",", flipped));
    assertThat(flipped)
        .as(
            "expected %s to change exactly the cases of its FLIPS entry; observed:%n%s",
            fault, String.join("\n", lines))
        .containsExactlyInAnyOrderElementsOf(FaultMatrixTest.FLIPS.get(fault));
  }
}
