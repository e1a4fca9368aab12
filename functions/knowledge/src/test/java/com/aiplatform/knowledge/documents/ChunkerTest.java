package com.aiplatform.knowledge.documents;

import com.aiplatform.shared.text.TokenCounter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkerTest {

    /** One token per whitespace-separated word: enough to test the cutting rules. */
    private final TokenCounter words = text -> text.isBlank() ? 0 : text.trim().split("\\s+").length;

    @Test
    void should_keep_short_text_in_one_chunk() {
        assertThat(new Chunker(words, 50, 10).chunk("One sentence. Another one."))
                .containsExactly("One sentence. Another one.");
    }

    @Test
    void should_cut_at_sentence_boundaries_within_budget() {
        String text = IntStream.range(0, 30).mapToObj(i -> "Sentence number " + i + " has six words.")
                .collect(Collectors.joining(" "));
        List<String> chunks = new Chunker(words, 20, 0).chunk(text);
        assertThat(chunks).hasSize(10);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(words.count(chunk)).isLessThanOrEqualTo(20);
            assertThat(chunk).startsWith("Sentence number").endsWith("words.");
        });
    }

    @Test
    void should_repeat_last_sentences_when_overlapping() {
        String text = IntStream.range(0, 12).mapToObj(i -> "Fact " + i + " is here.")
                .collect(Collectors.joining(" "));
        List<String> chunks = new Chunker(words, 16, 5).chunk(text);
        assertThat(chunks.size()).isGreaterThan(1);
        for (int i = 1; i < chunks.size(); i++) {
            String previousLast = chunks.get(i - 1).substring(chunks.get(i - 1).lastIndexOf("Fact"));
            assertThat(chunks.get(i)).startsWith(previousLast);
        }
        assertThat(String.join(" ", chunks)).contains("Fact 11 is here.");
    }

    @Test
    void should_split_run_on_text_into_pieces_within_budget() {
        String runOn = IntStream.range(0, 500).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        List<String> chunks = new Chunker(words, 100, 0).chunk(runOn);
        assertThat(chunks).allSatisfy(chunk -> assertThat(words.count(chunk)).isLessThanOrEqualTo(100));
        assertThat(String.join(" ", chunks).split(" ")).hasSize(500);
    }
}
