package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** Opening handshake (H.*). */
@DisplayName("Opening handshake (H.*)")
@Tag("group-H")
@CaseGroups("H")
public class OpeningHandshakeSuite extends ConformanceSuite {}
