package com.aiplatform.shared.embedding.onnx;

import com.aiplatform.shared.embedding.EmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.FloatBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BgeEmbedderTest {

    private static final String INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private static final List<String> PASSAGES = List.of(
            "Vitamin D deficiency is associated with a higher risk of bone fractures in older adults.",
            "The central bank raised interest rates to slow inflation in the housing market.",
            "Mitochondria produce most of the chemical energy that powers the cell's reactions.",
            "The midfielder scored twice in the second half to win the cup final.");

    private static final List<String> QUERIES = List.of(
            "does low vitamin D cause broken bones in the elderly",
            "why did borrowing costs go up",
            "which organelle makes ATP",
            "who won the football match");

    private OnnxEmbedder fp32;
    private OnnxEmbedder int8;

    @BeforeAll
    void load() {
        fp32 = OnnxEmbedder.load(OnnxModel.BGE_SMALL_EN_V15, OnnxEmbedder.Variant.FP32);
        int8 = OnnxEmbedder.load(OnnxModel.BGE_SMALL_EN_V15, OnnxEmbedder.Variant.INT8);
    }

    @AfterAll
    void close() {
        fp32.close();
        int8.close();
    }

    @Test
    void should_name_model_and_512_token_limit_when_asked_for_model() {
        assertThat(fp32.model()).isEqualTo(new EmbeddingModel("bge-small-en-v1.5", 384, 512));
        assertThat(int8.model()).isEqualTo(new EmbeddingModel("bge-small-en-v1.5-int8", 384, 512));
    }

    @Test
    void should_prefix_instruction_when_embedding_queries_only() {
        String query = QUERIES.get(0);

        float[] asQuery = fp32.embedQueries(List.of(query)).vectors().get(0);

        assertThat(asQuery).containsExactly(fp32.embed(INSTRUCTION + query), within(1e-6f));
        assertThat(cosine(asQuery, fp32.embed(query))).as("a passage embedding of the same text").isLessThan(0.99);
        assertThat(fp32.embedQueries(List.of(query)).inputTokens())
                .isEqualTo(fp32.embed(List.of(INSTRUCTION + query)).inputTokens());
    }

    @Test
    void should_rank_each_queries_passage_first_when_fp32_or_int8() {
        for (OnnxEmbedder embedder : List.of(fp32, int8)) {
            List<float[]> passages = embedder.embed(PASSAGES).vectors();
            List<float[]> queries = embedder.embedQueries(QUERIES).vectors();
            for (int q = 0; q < QUERIES.size(); q++) {
                int best = 0;
                for (int p = 1; p < PASSAGES.size(); p++) {
                    if (cosine(queries.get(q), passages.get(p)) > cosine(queries.get(q), passages.get(best))) {
                        best = p;
                    }
                }
                assertThat(best).as(embedder.model().name() + ": " + QUERIES.get(q)).isEqualTo(q);
            }
        }
    }

    @Test
    void should_stay_close_to_fp32_when_int8() {
        List<float[]> exact = fp32.embed(PASSAGES).vectors();
        List<float[]> quantised = int8.embed(PASSAGES).vectors();
        for (int i = 0; i < PASSAGES.size(); i++) {
            assertThat(cosine(exact.get(i), quantised.get(i))).isGreaterThan(0.97);
        }
        assertThat(cosine(exact.get(0), quantised.get(1))).as("different passages").isLessThan(0.9);
    }

    @Test
    void should_take_first_token_state_when_cls_pooling() {
        FloatBuffer hidden = FloatBuffer.wrap(new float[] {3, 4, 1, 0, 0, 1, 0, 2, 9, 9, 5, 5});

        float[][] pooled = MeanPooling.first(hidden, 2, 3, 2);

        assertThat(pooled[0]).containsExactly(new float[] {0.6f, 0.8f}, within(1e-6f));
        assertThat(pooled[1]).containsExactly(new float[] {0f, 1f}, within(1e-6f));
        float[][] mean = MeanPooling.pool(hidden, new int[] {3, 3}, 3, 2);
        assertThat(mean[0]).as("mean pooling differs").isNotEqualTo(pooled[0]);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
