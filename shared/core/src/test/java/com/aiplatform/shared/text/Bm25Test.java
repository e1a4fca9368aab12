package com.aiplatform.shared.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class Bm25Test {

    @Test
    void should_match_the_okapi_formula_when_weighting_a_term() {
        // tf = 2 in a document of 10 terms, average 20: 2·2.2 / (2 + 1.2·(0.25 + 0.75·0.5)) = 4.4 / 2.75
        assertThat(Bm25.termWeight(2, 10, 20)).isCloseTo(1.6, within(1e-9));
        assertThat(Bm25.idf(10, 1)).isCloseTo(Math.log(1 + 9.5 / 1.5), within(1e-9));
    }

    @Test
    void should_saturate_frequency_and_favour_short_documents_when_weighting() {
        assertThat(Bm25.termWeight(100, 20, 20)).isLessThan(Bm25.K1 + 1).isGreaterThan(Bm25.termWeight(2, 20, 20));
        assertThat(Bm25.termWeight(1, 5, 20)).isGreaterThan(Bm25.termWeight(1, 50, 20));
    }

    @Test
    void should_never_be_negative_when_a_term_is_in_every_document() {
        assertThat(Bm25.idf(10, 10)).isPositive().isLessThan(Bm25.idf(10, 9));
    }
}
