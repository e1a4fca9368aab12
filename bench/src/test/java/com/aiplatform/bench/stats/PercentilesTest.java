package com.aiplatform.bench.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    private static final double[] HUNDRED = java.util.stream.IntStream.rangeClosed(1, 100)
            .map(i -> 101 - i).asDoubleStream().toArray();

    @Test
    void should_take_the_nearest_rank_when_values_are_unsorted() {
        assertThat(Percentiles.percentile(HUNDRED, 50)).isEqualTo(50);
        assertThat(Percentiles.percentile(HUNDRED, 99)).isEqualTo(99);
        assertThat(Percentiles.percentile(HUNDRED, 100)).isEqualTo(100);
        assertThat(Percentiles.percentile(new double[] {7, 3, 5}, 1)).isEqualTo(3);
    }

    @Test
    void should_not_reorder_the_callers_values_when_computing() {
        double[] values = {3, 1, 2};
        Percentiles.percentile(values, 50);
        Percentiles.median(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void should_average_the_two_middle_values_when_the_count_is_even() {
        assertThat(Percentiles.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Percentiles.median(List.of(5L, 1L, 3L))).isEqualTo(3);
    }

    @Test
    void should_answer_nan_when_there_are_no_values() {
        assertThat(Percentiles.percentile(new double[0], 50)).isNaN();
        assertThat(Percentiles.median(List.<Long>of())).isNaN();
    }
}
