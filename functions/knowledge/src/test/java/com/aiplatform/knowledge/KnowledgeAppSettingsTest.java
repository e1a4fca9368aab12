package com.aiplatform.knowledge;

import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnowledgeAppSettingsTest {

    @Test
    void should_name_every_wrong_setting_in_one_start_when_several_groups_are_misconfigured() {
        Settings settings = Settings.of(Map.of(
                "KNOWLEDGE_CHUNK_TOKENS", "many",
                "VECTOR_STORE", "qdrant",
                "ONNX_EMBEDDING_MODEL", "word2vec",
                "LLM_PROVIDER", "azure_openai"));

        assertThatThrownBy(() -> KnowledgeApp.create(settings, HostServices.azure()))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems())
                        .contains("KNOWLEDGE_CHUNK_TOKENS must be an integer, not 'many'", "QDRANT_ENDPOINT is missing",
                                "AZURE_OPENAI_ENDPOINT is missing")
                        .anyMatch(p -> p.startsWith("ONNX_EMBEDDING_MODEL must be one of"))
                        .anyMatch(p -> p.startsWith("AzureWebJobsStorage is missing"))
                        .hasSize(5));
    }

    @Test
    void should_name_a_fusion_that_ranks_nothing_with_the_other_problems_when_weights_are_wrong() {
        Settings settings = Settings.of(Map.of(
                "KNOWLEDGE_HYBRID_DENSE_WEIGHT", "-2",
                "KNOWLEDGE_CHUNK_TOKENS", "many"));

        assertThatThrownBy(() -> KnowledgeSettings.from(settings))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.problems())
                        .contains("KNOWLEDGE_CHUNK_TOKENS must be an integer, not 'many'")
                        .anyMatch(p -> p.startsWith("KNOWLEDGE_HYBRID_RRF_K and KNOWLEDGE_HYBRID_DENSE_WEIGHT:")
                                && p.contains("-2"))
                        .hasSize(2));
    }

    @Test
    void should_fuse_with_the_weights_set_when_they_are_valid() {
        KnowledgeSettings read = KnowledgeSettings.from(Settings.of(Map.of(
                "KNOWLEDGE_HYBRID_DENSE_WEIGHT", "2.5", "KNOWLEDGE_HYBRID_RRF_K", "30")));

        assertThat(read.hybridFusion()).isEqualTo(new com.aiplatform.knowledge.search.Fusion(30, 2.5, 1));
    }
}
