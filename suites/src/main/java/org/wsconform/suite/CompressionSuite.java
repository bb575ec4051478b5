package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** WebSocket Compression, different payloads and different parameters (Autobahn 12.*, 13.*). */
@DisplayName("WebSocket Compression (Autobahn 12.*, 13.*)")
@Tag("group-12")
@Tag("group-13")
@CaseGroups({"12", "13"})
public class CompressionSuite extends ConformanceSuite {}
