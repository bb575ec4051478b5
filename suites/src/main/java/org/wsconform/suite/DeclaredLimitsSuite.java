package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Declared limits (L.*). */
@DisplayName("Declared limits (L.*)")
@Tag("group-L")
@CaseGroups("L")
public class DeclaredLimitsSuite extends ConformanceSuite {}
