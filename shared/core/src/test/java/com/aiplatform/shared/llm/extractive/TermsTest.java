package com.aiplatform.shared.llm.extractive;

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
}
