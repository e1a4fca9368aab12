package com.aiplatform.shared.runtime;

import com.aiplatform.shared.embedding.onnx.OnnxEmbedder;
import com.aiplatform.shared.embedding.onnx.OnnxModel;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.settings.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One load of the real bundled model per JVM, however many apps ask for it, and closed with the last of them. */
class LoadedModelsTest {

    private static final BundledEmbedders.Choice INT8 =
            new BundledEmbedders.Choice(OnnxModel.ALL_MINILM_L6_V2, OnnxEmbedder.Variant.INT8);
    private static final Settings SETTINGS = Settings.of(Map.of("ONNX_EMBEDDING_VARIANT", "int8"));

    @Test
    void should_share_one_loaded_model_between_apps_and_close_it_with_the_last() throws Exception {
        AppParts knowledge = new AppParts("knowledge");
        AppParts agent = new AppParts("agent");
        ModelLease first = BundledEmbedders.shared(SETTINGS, "fp32", knowledge);
        ModelLease second = BundledEmbedders.shared(SETTINGS, "fp32", agent);
        float[] vector = first.embed("refund policy for damaged items");

        assertThat(LoadedModels.leases(INT8)).isEqualTo(2);
        assertThat(second.embed("refund policy for damaged items")).containsExactly(vector);

        knowledge.close();
        assertThat(LoadedModels.leases(INT8)).isEqualTo(1);
        assertThat(second.embed("refund policy for damaged items")).containsExactly(vector);
        assertThat(second.count("refund policy")).isPositive();

        first.close(); // a second close of the same lease gives nothing back twice
        assertThat(LoadedModels.leases(INT8)).isEqualTo(1);
        agent.close();
        assertThat(LoadedModels.leases(INT8)).isZero();
    }

    @Test
    void should_load_the_model_again_after_the_last_lease_was_given_back() throws Exception {
        try (ModelLease lease = BundledEmbedders.shared(SETTINGS, "fp32", new AppParts("a"))) {
            lease.embed("warm up");
        }
        try (ModelLease again = BundledEmbedders.shared(SETTINGS, "fp32", new AppParts("b"))) {
            assertThat(LoadedModels.leases(INT8)).isEqualTo(1);
            assertThat(again.embed("refund policy")).hasSize(384);
        }
        assertThat(LoadedModels.leases(INT8)).isZero();
    }

    @Test
    void should_load_each_variant_apart() throws Exception {
        try (ModelLease int8 = BundledEmbedders.shared(SETTINGS, "fp32", new AppParts("a"));
             ModelLease fp32 = BundledEmbedders.shared(Settings.of(Map.of()), "fp32", new AppParts("b"))) {
            assertThat(int8.model().name()).isEqualTo("all-minilm-l6-v2-int8");
            assertThat(fp32.model().name()).isEqualTo("all-minilm-l6-v2");
            assertThat(LoadedModels.leases(INT8)).isEqualTo(1);
            assertThat(int8.embed("refund policy")).isNotEqualTo(fp32.embed("refund policy"));
        }
    }
}
