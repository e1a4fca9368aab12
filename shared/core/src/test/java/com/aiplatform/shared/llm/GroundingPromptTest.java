package com.aiplatform.shared.llm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroundingPromptTest {

    private static final List<Source> SOURCES = List.of(new Source(1, "refunds.md", " Returns within 30 days. "),
            new Source(4, "shipping.md", "Five days to Europe."));

    @Test
    void should_render_numbered_blocks_under_the_instruction_when_sources_are_given() {
        assertThat(GroundingPrompt.systemMessage(SOURCES)).isEqualTo(GroundingPrompt.INSTRUCTION
                + "\n\n[1] refunds.md\nReturns within 30 days.\n\n[4] shipping.md\nFive days to Europe.");
    }

    @Test
    void should_keep_only_cited_numbers_that_name_a_source_when_reading_citations() {
        String answer = "Thirty days [4][1]. Also see [2] and [1, 4, 9]; not [a] or [1.5].";

        assertThat(GroundingPrompt.citations(answer, SOURCES)).containsExactly(4, 1);
    }

    @Test
    void should_return_no_citations_when_there_are_no_sources() {
        assertThat(GroundingPrompt.citations("See [1].", List.of())).isEmpty();
    }
}
