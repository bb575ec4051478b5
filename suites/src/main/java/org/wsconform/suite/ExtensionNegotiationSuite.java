package org.wsconform.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/** permessage-deflate negotiation and honouring (X.*). */
@DisplayName("permessage-deflate negotiation and honouring (X.*)")
@Tag("group-X")
@CaseGroups("X")
public class ExtensionNegotiationSuite extends ConformanceSuite {}
