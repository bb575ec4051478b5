package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Close handling (Autobahn 7.*). */
@DisplayName("Close handling (Autobahn 7.*)")
@Tag("group-7")
@CaseGroups("7")
public class CloseHandlingSuite extends ConformanceSuite {}
