package com.aiplatform.shared.embedding.onnx;

import com.aiplatform.shared.embedding.EmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxEmbedderTest {

    private static final List<String> SENTENCES = List.of(
            "How do I reset my password?",
            "The mitochondria is the powerhouse of the cell.",
            "Refunds are issued within thirty days of purchase.",
            "A quick brown fox jumps over the lazy dog.");

    private static final String ASTRONOMY = "Astronomers observed distant galaxies, exploding stars and black holes "
            + "with a new space telescope, measuring how fast the universe expands and how planets form around "
            + "young stars in dusty nebulae far beyond the Milky Way.";

    private OnnxEmbedder fp32;
    private OnnxEmbedder int8;

    @BeforeAll
    void load() {
        fp32 = OnnxEmbedder.load(OnnxEmbedder.Variant.FP32);
        int8 = OnnxEmbedder.load(OnnxEmbedder.Variant.INT8);
    }

    @AfterAll
    void close() {
        fp32.close();
        int8.close();
    }

    @Test
    void should_name_variants_and_limits_when_asked_for_model() {
        assertThat(fp32.model()).isEqualTo(new EmbeddingModel("all-minilm-l6-v2", 384, 256));
        assertThat(int8.model()).isEqualTo(new EmbeddingModel("all-minilm-l6-v2-int8", 384, 256));
    }

    @Test
    void should_change_vector_when_tokens_beyond_128_differ() {
        String head = padToTokens("Pasta should be cooked in plenty of salted boiling water and stirred often.", 128);
        String full = head + " " + ASTRONOMY;
        assertThat(fp32.count(full)).isBetween(160, 256);

        double similarity = cosine(fp32.embed(full), fp32.embed(head));

        assertThat(similarity).as("a 128-token cut would make these identical").isLessThan(0.98);
        assertThat(cosine(fp32.embed(full), fp32.embed("stars and galaxies")))
                .isGreaterThan(cosine(fp32.embed(head), fp32.embed("stars and galaxies")));
    }

    @Test
    void should_ignore_tokens_beyond_256_when_texts_share_first_256() {
        String prefix = padToTokens("Pasta should be cooked in plenty of salted boiling water and stirred often.", 256);
        String apples = prefix + " apples and oranges are sold at the market";
        String rockets = prefix + " " + ASTRONOMY;
        assertThat(fp32.count(apples)).isGreaterThan(256);
        assertThat(fp32.count(rockets)).isGreaterThan(256);

        assertThat(fp32.embed(apples)).containsExactly(fp32.embed(rockets), within(1e-6f));
        assertThat(fp32.embed(List.of(apples)).inputTokens()).isEqualTo(256);
    }

    @Test
    void should_count_every_token_when_text_exceeds_input_limit() {
        assertThat(fp32.count("hello world")).isEqualTo(4);
        assertThat(fp32.count("word ".repeat(1000))).isEqualTo(1002);
    }

    @Test
    void should_match_langchain4j_vectors_when_sentences_are_short() {
        assertAgrees(fp32, new dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel());
    }

    @Test
    void should_place_paraphrases_closer_than_unrelated_sentences() {
        float[] question = fp32.embed("How can I change my password?");
        float[] paraphrase = fp32.embed("I forgot my password and need to reset it.");
        float[] unrelated = fp32.embed("The weather in Paris is sunny today.");

        assertThat(cosine(question, paraphrase)).isGreaterThan(cosine(question, unrelated) + 0.3);
    }

    @Test
    void should_stay_close_to_fp32_when_using_int8() {
        for (String sentence : SENTENCES) {
            assertThat(cosine(int8.embed(sentence), fp32.embed(sentence))).as(sentence).isGreaterThan(0.99);
        }
    }

    @Test
    void should_return_same_vectors_when_called_concurrently() throws Exception {
        List<float[]> expected = fp32.embed(SENTENCES).vectors();
        Callable<List<float[]>> call = () -> fp32.embed(SENTENCES).vectors();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<List<float[]>> future : pool.invokeAll(List.of(call, call, call, call, call, call))) {
                List<float[]> actual = future.get();
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(actual.get(i)).containsExactly(expected.get(i), within(1e-6f));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_give_same_vectors_when_batches_are_split_and_threaded_differently() {
        List<String> texts = SENTENCES.stream().flatMap(s -> List.of(s, s + " Really.", "Note: " + s).stream()).toList();
        OnnxEmbedderOptions other = OnnxEmbedderOptions.defaults(OnnxEmbedder.Variant.FP32)
                .withBatchSize(5).withIntraOpThreads(2).withParallelBatches(1).withSpinWait(true);
        List<float[]> expected = fp32.embed(texts).vectors();

        try (OnnxEmbedder differentlyBatched = OnnxEmbedder.load(other)) {
            List<float[]> actual = differentlyBatched.embed(texts).vectors();
            for (int i = 0; i < texts.size(); i++) {
                assertThat(cosine(actual.get(i), expected.get(i))).as(texts.get(i)).isGreaterThan(0.99999);
            }
        }
    }

    @Test
    void should_reject_options_when_a_count_is_below_one() {
        OnnxEmbedderOptions defaults = OnnxEmbedderOptions.defaults(OnnxEmbedder.Variant.INT8);

        assertThatThrownBy(() -> defaults.withBatchSize(0)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> defaults.withIntraOpThreads(0)).hasMessageContaining("intraOpThreads");
        assertThatThrownBy(() -> defaults.withParallelBatches(0)).hasMessageContaining("parallelBatches");
    }

    /** Appends single-token words until the text is exactly {@code tokens} long, [CLS] and [SEP] included. */
    private String padToTokens(String text, int tokens) {
        StringBuilder builder = new StringBuilder(text);
        while (fp32.count(builder.toString()) < tokens) {
            builder.append(" yes");
        }
        assertThat(fp32.count(builder.toString())).isEqualTo(tokens);
        return builder.toString();
    }

    private static void assertAgrees(OnnxEmbedder ours, dev.langchain4j.model.embedding.EmbeddingModel theirs) {
        for (String sentence : SENTENCES) {
            float[] reference = theirs.embed(sentence).content().vector();
            assertThat(cosine(ours.embed(sentence), reference)).as(sentence).isGreaterThan(0.999);
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
