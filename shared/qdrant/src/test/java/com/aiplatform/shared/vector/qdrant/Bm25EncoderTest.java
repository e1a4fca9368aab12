package com.aiplatform.shared.vector.qdrant;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class Bm25EncoderTest {

    private final KeywordTokenizer tokenizer = new KeywordTokenizer();
    private final Bm25Encoder encoder = new Bm25Encoder(tokenizer);

    @Test
    void should_lowercase_split_drop_stop_words_and_stem_plurals_when_tokenizing() {
        assertThat(tokenizer.terms("The Refund-Policies of ACME's stores: returns in 30 days!"))
                .containsExactly("refund", "policy", "acme", "store", "return", "30", "day");
    }

    @Test
    void should_leave_short_words_and_double_s_endings_alone_when_stemming() {
        assertThat(List.of("bus", "business", "status", "gas", "shoes", "boxes"))
                .extracting(KeywordTokenizer::stem)
                .containsExactly("bus", "business", "status", "gas", "shoe", "boxe");
    }

    @Test
    void should_keep_letters_of_other_scripts_when_tokenizing() {
        assertThat(tokenizer.terms("Die Rückgabe ist möglich")).containsExactly("die", "rückgabe", "ist", "möglich");
    }

    @Test
    void should_hash_terms_with_murmur3_to_non_negative_indices() {
        // murmur3_32("hello", seed 0) = 0x248bfa47, a published reference value.
        assertThat(Bm25Encoder.index("hello")).isEqualTo(0x248bfa47);
        assertThat(Bm25Encoder.index("")).isZero();
        assertThat(List.of("refund", "policy", "days", "ü", "abcd", "abcde")).allSatisfy(term ->
                assertThat(Bm25Encoder.index(term)).isNotNegative().isEqualTo(Bm25Encoder.index(term)));
    }

    @Test
    void should_weight_document_terms_by_saturated_frequency_and_length() {
        Bm25Encoder.Encoded encoded = encoder.document("refund refund policy");
        double norm = Bm25Encoder.K1 * (1 - Bm25Encoder.B + Bm25Encoder.B * 3 / Bm25Encoder.AVERAGE_LENGTH);
        int refund = encoded.indices().indexOf(Bm25Encoder.index("refund"));
        int policy = encoded.indices().indexOf(Bm25Encoder.index("policy"));
        assertThat((double) encoded.values().get(refund)).isCloseTo(2 * 2.2 / (2 + norm), within(1e-6));
        assertThat((double) encoded.values().get(policy)).isCloseTo(1 * 2.2 / (1 + norm), within(1e-6));
        assertThat(encoded.terms()).containsExactly("refund", "policy");
    }

    @Test
    void should_weigh_each_distinct_query_term_once() {
        Bm25Encoder.Encoded query = encoder.query("refund REFUND policy of the");
        assertThat(query.terms()).containsExactly("refund", "policy");
        assertThat(query.values()).containsExactly(1f, 1f);
        assertThat(query.indices()).isSorted();
    }
}
