package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Misc (Autobahn 10.*). */
@DisplayName("Misc (Autobahn 10.*)")
@Tag("group-10")
@CaseGroups("10")
public class MiscSuite extends ConformanceSuite {}
