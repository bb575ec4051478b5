package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Fragmentation (Autobahn 5.*). */
@DisplayName("Fragmentation (Autobahn 5.*)")
@Tag("group-5")
@CaseGroups("5")
public class FragmentationSuite extends ConformanceSuite {}
