package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Limits/Performance (Autobahn 9.*). */
@DisplayName("Limits/Performance (Autobahn 9.*)")
@Tag("group-9")
@CaseGroups("9")
public class LimitsSuite extends ConformanceSuite {}
