package com.aiplatform.shared.vector.qdrant;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class Bm25EncoderTest {

    @Test
    void should_hash_terms_with_murmur3_to_non_negative_indices() {
        // murmur3_32("hello", seed 0) = 0x248bfa47, a published reference value.
        assertThat(Bm25Encoder.index("hello")).isEqualTo(0x248bfa47);
        assertThat(Bm25Encoder.index("")).isZero();
        assertThat(List.of("refund", "policy", "days", "ü", "abcd", "abcde")).allSatisfy(term ->
                assertThat(Bm25Encoder.index(term)).isNotNegative().isEqualTo(Bm25Encoder.index(term)));
    }

    @Test
    void should_weight_document_terms_by_saturated_frequency_and_length_when_encoding_a_document() {
        Bm25Encoder.Encoded encoded = Bm25Encoder.document("refund refund policy");
        double norm = 1.2 * (1 - 0.75 + 0.75 * 3 / Bm25Encoder.AVERAGE_LENGTH);
        int refund = encoded.indices().indexOf(Bm25Encoder.index("refund"));
        int policy = encoded.indices().indexOf(Bm25Encoder.index("policy"));
        assertThat((double) encoded.values().get(refund)).isCloseTo(2 * 2.2 / (2 + norm), within(1e-6));
        assertThat((double) encoded.values().get(policy)).isCloseTo(1 * 2.2 / (1 + norm), within(1e-6));
        assertThat(encoded.terms()).containsExactly("refund", "policy");
    }

    @Test
    void should_weigh_each_distinct_query_term_once_when_encoding_a_query() {
        Bm25Encoder.Encoded query = Bm25Encoder.query("refund REFUND policy of the");
        assertThat(query.terms()).containsExactly("refund", "policy");
        assertThat(query.values()).containsExactly(1f, 1f);
        assertThat(query.indices()).isSorted();
    }
}
