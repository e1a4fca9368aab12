package com.aiplatform.testing.contract;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.Embeddings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What every {@link Embedder} adapter must do. An adapter's test extends this and says how to open the
 * embedder; it is opened once per test class because loading a model takes seconds, and closed afterwards
 * when it is {@link AutoCloseable}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EmbedderContract {

    private static final List<String> SUBJECTS = List.of("The refund policy", "Our office cat", "The quarterly budget",
            "The mountain railway", "A vaccine trial", "The chess tournament", "The river flood", "The new compiler");
    private static final List<String> PREDICATES = List.of("was discussed at length by the board.",
            "surprised everyone in the village.", "depends on the weather in spring.",
            "needs more volunteers next year.", "made headlines across Europe.");

    /** 40 distinct texts: more than one internal batch of most adapters, of mixed lengths so sorting reorders them. */
    protected static final List<String> TEXTS = IntStream.range(0, SUBJECTS.size() * PREDICATES.size())
            .mapToObj(i -> (SUBJECTS.get(i % SUBJECTS.size()) + " " + PREDICATES.get(i / SUBJECTS.size()) + " ")
                    .repeat(i % 6 + 1).strip())
            .toList();

    private Embedder embedder;

    protected abstract Embedder openEmbedder();

    /**
     * How close (cosine) a text's vector in a batch must be to its vector alone. Exact adapters keep the
     * default; dynamically quantised models scale activations over the whole batch and need a looser bound.
     */
    protected double batchAgreement() {
        return 0.9999;
    }

    /** How far (per component) a repeated call may stray from the first; in-process models repeat exactly. */
    protected float repeatTolerance() {
        return 1e-6f;
    }

    @BeforeAll
    void open() {
        embedder = openEmbedder();
    }

    @AfterAll
    void closeEmbedder() throws Exception {
        if (embedder instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    protected Embedder embedder() {
        return embedder;
    }

    @Test
    void should_return_one_vector_of_model_dimensions_per_text_when_embedding_a_batch() {
        Embeddings embeddings = embedder.embed(TEXTS);

        assertThat(embeddings.vectors()).hasSize(TEXTS.size())
                .allSatisfy(v -> assertThat(v).hasSize(embedder.model().dimensions()));
    }

    @Test
    void should_return_unit_vectors_when_embedding() {
        for (float[] vector : embedder.embed(TEXTS).vectors()) {
            assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void should_keep_input_order_when_texts_differ_in_length() {
        List<float[]> batch = embedder.embed(TEXTS).vectors();

        for (int i = 0; i < TEXTS.size(); i++) {
            float[] alone = embedder.embed(TEXTS.get(i));
            assertThat(nearest(alone, batch)).as("nearest batch vector to text %d", i).isEqualTo(i);
        }
    }

    @Test
    void should_match_one_by_one_vectors_when_embedding_in_batch() {
        List<float[]> batch = embedder.embed(TEXTS).vectors();

        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(cosine(batch.get(i), embedder.embed(TEXTS.get(i))))
                    .as("text %d", i).isGreaterThan(batchAgreement());
        }
    }

    @Test
    void should_return_same_vectors_when_embedding_twice() {
        List<float[]> first = embedder.embed(TEXTS).vectors();
        List<float[]> second = embedder.embed(TEXTS).vectors();

        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)).containsExactly(first.get(i), within(repeatTolerance()));
        }
    }

    @Test
    void should_return_no_vectors_and_no_tokens_when_input_is_empty() {
        Embeddings embeddings = embedder.embed(List.of());

        assertThat(embeddings.vectors()).isEmpty();
        assertThat(embeddings.inputTokens()).isZero();
    }

    @Test
    void should_report_input_tokens_as_sum_of_single_calls_when_embedding_in_batch() {
        List<String> texts = TEXTS.subList(0, 5);
        long oneByOne = 0;
        for (String text : texts) {
            oneByOne += embedder.embed(List.of(text)).inputTokens();
        }

        assertThat(embedder.embed(texts).inputTokens()).isPositive().isEqualTo(oneByOne);
    }

    @Test
    void should_embed_without_failing_when_text_exceeds_input_limit() {
        String huge = "word ".repeat(embedder.model().maxInputTokens() * 4);

        float[] vector = embedder.embed(huge);

        assertThat(norm(vector)).isCloseTo(1.0, within(1e-4));
    }

    protected static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }

    protected static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    private static int nearest(float[] query, List<float[]> candidates) {
        List<Double> scores = new ArrayList<>();
        candidates.forEach(c -> scores.add(cosine(query, c)));
        return scores.indexOf(scores.stream().max(Double::compare).orElseThrow());
    }
}
