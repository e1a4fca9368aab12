package com.aiplatform.bench.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RetrievalMetricsTest {

    @Test
    void should_score_one_when_relevant_documents_lead() {
        assertThat(RetrievalMetrics.ndcg(List.of("a", "b", "x"), Map.of("a", 1, "b", 1), 10)).isEqualTo(1.0);
        assertThat(RetrievalMetrics.recall(List.of("a", "b", "x"), Map.of("a", 1, "b", 1), 100)).isEqualTo(1.0);
    }

    @Test
    void should_discount_by_log_rank() {
        // one relevant document at rank 2: 1/log2(3) over an ideal of 1/log2(2)
        assertThat(RetrievalMetrics.ndcg(List.of("x", "a"), Map.of("a", 1), 10)).isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-9));
        assertThat(RetrievalMetrics.ndcg(List.of("x", "a"), Map.of("a", 1), 1)).isZero();
        assertThat(RetrievalMetrics.recall(List.of("x", "a", "y"), Map.of("a", 1, "b", 1), 100)).isEqualTo(0.5);
    }
}
