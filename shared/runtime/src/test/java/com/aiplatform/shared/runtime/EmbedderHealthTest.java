package com.aiplatform.shared.runtime;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.EmbeddingModel;
import com.aiplatform.shared.embedding.onnx.OnnxEmbedder;
import com.aiplatform.shared.embedding.onnx.OnnxModel;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Health says whether the bundled model is loading, loaded, or failed to load, and never waits for it. */
class EmbedderHealthTest {

    private static final BundledEmbedders.Choice BGE_FP32 =
            new BundledEmbedders.Choice(OnnxModel.BGE_SMALL_EN_V15, OnnxEmbedder.Variant.FP32);
    private static final EmbeddingModel MODEL = OnnxEmbedder.modelOf(OnnxModel.BGE_SMALL_EN_V15,
            OnnxEmbedder.Variant.FP32);

    @Test
    void should_name_the_loaded_model_and_its_dimensions() throws Exception {
        AppParts parts = new AppParts("test");
        ModelLease lease = BundledEmbedders.shared(Settings.of(Map.of("ONNX_EMBEDDING_VARIANT", "int8")), "fp32",
                parts);
        lease.embed("warm up");

        assertThat(EmbedderHealth.check(lease).probe().run()).isEqualTo("all-minilm-l6-v2-int8 (384 dimensions)");
        parts.close();
    }

    @Test
    void should_say_loading_without_waiting_for_the_load() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ModelLease lease = LoadedModels.lease(BGE_FP32, MODEL, () -> {
            waitFor(release);
            throw new IllegalStateException("never loaded");
        })) {
            assertThat(EmbedderHealth.check(lease).probe().run()).isEqualTo(MODEL.name() + " (384 dimensions), loading");
            release.countDown();
        }
    }

    @Test
    void should_fail_with_the_reason_when_the_load_failed() throws Exception {
        try (ModelLease lease = LoadedModels.lease(BGE_FP32, MODEL, () -> {
            throw new IllegalStateException("the model jar is not on the class path");
        })) {
            for (int i = 0; i < 200 && !lease.ready(); i++) {
                Thread.sleep(50);
            }
            assertThat(lease.ready()).isTrue();

            assertThatThrownBy(() -> EmbedderHealth.check(lease).probe().run())
                    .hasMessageContaining("Loading " + MODEL.name()).hasMessageContaining("failed")
                    .hasMessageContaining("the model jar is not on the class path");
        }
    }

    @Test
    void should_name_a_model_that_is_not_bundled() {
        Embedder remote = new Embedder() {
            @Override
            public EmbeddingModel model() {
                return new EmbeddingModel("text-embedding-3-small", 1536, 8191);
            }

            @Override
            public com.aiplatform.shared.embedding.Embeddings embed(java.util.List<String> texts) {
                throw new UnsupportedOperationException();
            }
        };

        assertThat(EmbedderHealth.check(remote).probe().run()).isEqualTo("text-embedding-3-small (1536 dimensions)");
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
