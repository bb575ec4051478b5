package org.wsconform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentNameTest {

  @Test
  void stemFollowsAutobahnsRule() {
    assertThat(AgentName.fileStem("ws@8.18.3")).isEqualTo("ws_8_18_3");
    assertThat(AgentName.fileStem("AutobahnServer")).isEqualTo("autobahnserver");
    assertThat(AgentName.fileStem("  Jetty 12 / core!  ")).isEqualTo("jetty_12___core");
    assertThat(AgentName.fileStem("__x__")).isEqualTo("x");
    assertThat(AgentName.fileStem("Ünïcode")).isEqualTo("n_code");
    assertThat(AgentName.fileStem("@@@")).isEmpty();
  }

  @Test
  void caseFileNameReplacesDots() {
    assertThat(AgentName.caseFileName("ws@8.18.3", "1.1.1")).isEqualTo("ws_8_18_3_case_1_1_1.json");
    assertThat(AgentName.caseFileName("ws@8.18.3", "H.3")).isEqualTo("ws_8_18_3_case_H_3.json");
    assertThat(AgentName.caseFileName("AutobahnServer", "12.5.18"))
        .isEqualTo("autobahnserver_case_12_5_18.json");
    assertThat(AgentName.caseFileName("a", "../x")).isEqualTo("a_case____x.json");
  }
}
