package com.aiplatform.shared.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TermsTest {

    @Test
    void should_drop_stop_words_and_stem_when_indexing() {
        assertThat(Terms.of("What are the refunds for shipping policies?")).containsExactly("refund", "ship", "policy");
    }

    @Test
    void should_give_one_stem_when_words_differ_only_by_inflection() {
        assertThat(Terms.stem("refunded")).isEqualTo(Terms.stem("refunds")).isEqualTo(Terms.stem("refunding"))
                .isEqualTo("refund");
        assertThat(Terms.stem("stored")).isEqualTo(Terms.stem("stores")).isEqualTo(Terms.stem("store"));
        assertThat(Terms.stem("shipping")).isEqualTo(Terms.stem("ships"));
    }

    @Test
    void should_leave_short_words_and_double_s_endings_alone_when_stemming() {
        assertThat(java.util.List.of("bus", "business", "status", "gas", "policies", "boxes"))
                .extracting(Terms::stem)
                .containsExactly("bus", "business", "status", "gas", "policy", "box");
    }

    @Test
    void should_keep_letters_of_other_scripts_when_indexing() {
        assertThat(Terms.of("Die Rückgabe ist möglich")).containsExactly("die", "rückgab", "ist", "möglich");
    }
}
