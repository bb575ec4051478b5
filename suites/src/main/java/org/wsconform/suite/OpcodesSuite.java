package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Opcodes (Autobahn 4.*). */
@DisplayName("Opcodes (Autobahn 4.*)")
@Tag("group-4")
@CaseGroups("4")
public class OpcodesSuite extends ConformanceSuite {}
