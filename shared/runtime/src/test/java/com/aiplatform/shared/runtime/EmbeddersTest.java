package com.aiplatform.shared.runtime;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.onnx.OnnxEmbedder;
import com.aiplatform.shared.embedding.onnx.OnnxModel;
import com.aiplatform.shared.embedding.openai.OpenAiEmbedder;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedder choice with the real bundled model and the real OpenAI adapter (built, never called). */
class EmbeddersTest {

    private final AppParts parts = new AppParts("test");

    @AfterEach
    void close() {
        parts.close();
    }

    @Test
    void should_load_the_bundled_model_in_the_variant_named_when_the_provider_is_onnx() {
        Embedder embedder = Embedders.fromSettings(Settings.of(Map.of("EMBEDDING_PROVIDER", "onnx",
                "ONNX_EMBEDDING_VARIANT", "int8")), parts);

        assertThat(embedder).isInstanceOf(ModelLease.class);
        assertThat(embedder.model().name()).isEqualTo("all-minilm-l6-v2-int8");
        assertThat(embedder.model().dimensions()).isEqualTo(384);
        assertThat(embedder.embed("refund policy")).hasSize(384);
        try (var loaded = OnnxEmbedder.load(OnnxModel.ALL_MINILM_L6_V2, OnnxEmbedder.Variant.INT8)) {
            assertThat(embedder.model()).isEqualTo(loaded.model());
        }
    }

    @Test
    void should_build_the_openai_embedder_when_the_provider_is_azure_openai() {
        Embedder embedder = Embedders.fromSettings(Settings.of(Map.of("EMBEDDING_PROVIDER", "azure_openai",
                "OPENAI_BASE_URL", "http://127.0.0.1:9/v1", "AZURE_OPENAI_EMBEDDING_DEPLOYMENT", "text-embedding-3-small",
                "AZURE_OPENAI_EMBEDDING_DIMENSIONS", "1536")), parts);

        assertThat(embedder).isInstanceOf(OpenAiEmbedder.class);
        assertThat(embedder.model().dimensions()).isEqualTo(1536);
    }

    @Test
    void should_name_the_problem_when_the_provider_is_unknown() {
        assertThatThrownBy(() -> Embedders.fromSettings(Settings.of(Map.of("EMBEDDING_PROVIDER", "word2vec")), parts))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("EMBEDDING_PROVIDER must be one of [ONNX, AZURE_OPENAI], not 'word2vec'"));
    }

    @Test
    void should_take_the_app_default_variant_when_onnx_embedding_variant_is_unset() {
        assertThat(BundledEmbedders.read(Settings.of(Map.of()).reader(), "int8"))
                .isEqualTo(new BundledEmbedders.Choice(OnnxModel.ALL_MINILM_L6_V2,
                        OnnxEmbedder.Variant.INT8));
        assertThat(BundledEmbedders.read(Settings.of(Map.of("ONNX_EMBEDDING_VARIANT", "FP32",
                "ONNX_EMBEDDING_MODEL", "bge-small-en-v1.5")).reader(), "int8"))
                .isEqualTo(new BundledEmbedders.Choice(OnnxModel.BGE_SMALL_EN_V15,
                        OnnxEmbedder.Variant.FP32));
    }

    @Test
    void should_name_both_problems_when_the_bundled_model_and_variant_are_unknown() {
        assertThatThrownBy(() -> BundledEmbedders.shared(Settings.of(Map.of("ONNX_EMBEDDING_VARIANT", "fp16",
                "ONNX_EMBEDDING_MODEL", "word2vec")), "int8", parts))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems()).hasSize(2)
                        .contains("ONNX_EMBEDDING_VARIANT must be fp32 or int8, not 'fp16'")
                        .anyMatch(p -> p.startsWith("ONNX_EMBEDDING_MODEL must be one of [all-minilm-l6-v2, ")
                                && p.endsWith("not 'word2vec'")));
    }
}
