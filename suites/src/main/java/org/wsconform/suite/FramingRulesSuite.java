package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Framing rules (F.*). */
@DisplayName("Framing rules (F.*)")
@Tag("group-F")
@CaseGroups("F")
public class FramingRulesSuite extends ConformanceSuite {}
