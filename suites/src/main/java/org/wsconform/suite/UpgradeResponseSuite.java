package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** The 101 response (R.*). */
@DisplayName("The 101 response (R.*)")
@Tag("group-R")
@CaseGroups("R")
public class UpgradeResponseSuite extends ConformanceSuite {}
