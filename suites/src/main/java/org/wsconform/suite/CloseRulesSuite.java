package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Close rules (C.*). */
@DisplayName("Close rules (C.*)")
@Tag("group-C")
@CaseGroups("C")
public class CloseRulesSuite extends ConformanceSuite {}
