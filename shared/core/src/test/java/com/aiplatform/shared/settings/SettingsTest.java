package com.aiplatform.shared.settings;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    enum Backend { LUCENE, QDRANT_CLOUD }

    @Test
    void should_read_typed_values_and_defaults() {
        Settings.Reader read = Settings.of(Map.of("A", " x ", "N", "7", "D", "PT2S", "B", "TRUE", "E", "qdrant-cloud",
                "BLANK", "  ")).reader();
        assertThat(read.required("A")).isEqualTo("x");
        assertThat(read.integer("N", 1)).isEqualTo(7);
        assertThat(read.integer("MISSING", 3)).isEqualTo(3);
        assertThat(read.duration("D", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(read.bool("B", false)).isTrue();
        assertThat(read.choice("E", Backend.class, Backend.LUCENE)).isEqualTo(Backend.QDRANT_CLOUD);
        assertThat(read.optional("BLANK")).isEmpty();
        read.validate();
    }

    @Test
    void should_fail_naming_every_missing_or_malformed_key_at_once() {
        Settings.Reader read = Settings.of(Map.of("N", "seven", "E", "elastic")).reader();
        read.required("ENDPOINT");
        read.required("KEY");
        read.integer("N", 1);
        read.choice("E", Backend.class, Backend.LUCENE);
        assertThatThrownBy(read::validate).isInstanceOfSatisfying(MissingSettingsException.class, e -> {
            assertThat(e.problems()).hasSize(4);
            assertThat(e.getMessage()).contains("ENDPOINT is missing").contains("KEY is missing")
                    .contains("N must be an integer").contains("E must be one of");
        });
    }
}
