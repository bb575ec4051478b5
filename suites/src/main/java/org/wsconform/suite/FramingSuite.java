package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Framing (Autobahn 1.*). */
@DisplayName("Framing (Autobahn 1.*)")
@Tag("group-1")
@CaseGroups("1")
public class FramingSuite extends ConformanceSuite {}
