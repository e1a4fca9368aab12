package com.aiplatform.agent;

import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentSettingsTest {

    @Test
    void should_use_safe_defaults_when_nothing_is_set() {
        var settings = AgentSettings.from(Settings.of(Map.of()));
        assertThat(settings.table("conversations")).isEqualTo("agentconversations");
        assertThat(settings.maxToolRounds()).isEqualTo(4);
        assertThat(settings.turnLease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.onnxVariant()).isEqualTo("int8");
    }

    @Test
    void should_name_every_bad_setting_when_values_are_out_of_range() {
        assertThatThrownBy(() -> AgentSettings.from(Settings.of(Map.of("AGENT_MAX_TOOL_ROUNDS", "0",
                "AGENT_TABLE_PREFIX", "9x", "AGENT_TURN_LEASE", "PT0S", "AGENT_HISTORY_TOKENS", "many"))))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(String.join("|", e.problems()))
                        .contains("AGENT_HISTORY_TOKENS"));
        assertThatThrownBy(() -> AgentSettings.from(Settings.of(Map.of("AGENT_MAX_TOOL_ROUNDS", "0",
                "AGENT_TABLE_PREFIX", "9x", "AGENT_TURN_LEASE", "PT0S"))))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems()).hasSize(3));
    }
}
