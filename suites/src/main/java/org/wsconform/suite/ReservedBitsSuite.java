package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Reserved bits (Autobahn 3.*). */
@DisplayName("Reserved bits (Autobahn 3.*)")
@Tag("group-3")
@CaseGroups("3")
public class ReservedBitsSuite extends ConformanceSuite {}
