package com.aiplatform.shared.llm.extractive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentencesTest {

    @Test
    void should_split_on_sentence_ends_and_lines_when_text_has_both() {
        assertThat(Sentences.split("## Returns\n- Items can be returned. Refunds take five days!\nAsk us? Sure."))
                .containsExactly("Returns", "Items can be returned.", "Refunds take five days!", "Ask us?", "Sure.");
    }

    @Test
    void should_not_split_after_an_abbreviation_when_the_sentence_goes_on() {
        assertThat(Sentences.split("Some items, e.g. gift cards, cannot be returned. Dr. Smith approves exceptions."))
                .containsExactly("Some items, e.g. gift cards, cannot be returned.", "Dr. Smith approves exceptions.");
    }
}
