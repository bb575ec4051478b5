package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** UTF-8 handling (Autobahn 6.*). */
@DisplayName("UTF-8 handling (Autobahn 6.*)")
@Tag("group-6")
@CaseGroups("6")
public class Utf8HandlingSuite extends ConformanceSuite {}
