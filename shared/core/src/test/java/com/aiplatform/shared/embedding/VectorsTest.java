package com.aiplatform.shared.embedding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VectorsTest {

    @Test
    void should_give_the_dot_product() {
        assertThat(Vectors.dot(new float[] {1, 2, 3}, new float[] {4, -5, 6})).isEqualTo(12.0);
    }

    @Test
    void should_give_the_cosine_whatever_the_lengths_and_zero_for_a_zero_vector() {
        assertThat(Vectors.cosine(new float[] {3, 0}, new float[] {5, 0})).isEqualTo(1.0);
        assertThat(Vectors.cosine(new float[] {1, 0}, new float[] {0, 2})).isZero();
        assertThat(Vectors.cosine(new float[] {1, 1}, new float[] {-2, -2})).isCloseTo(-1.0, within(1e-9));
        assertThat(Vectors.cosine(new float[] {1, 1}, new float[] {1, 0})).isCloseTo(Math.sqrt(0.5), within(1e-9));
        assertThat(Vectors.cosine(new float[] {0, 0}, new float[] {1, 2})).isZero();
    }
}
