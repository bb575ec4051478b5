package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Pings/Pongs (Autobahn 2.*). */
@DisplayName("Pings/Pongs (Autobahn 2.*)")
@Tag("group-2")
@CaseGroups("2")
public class PingsPongsSuite extends ConformanceSuite {}
