package com.aiplatform.shared.embedding.onnx;

import com.google.protobuf.WireFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerChannelInt8Test {

    private byte[] fp32;
    private byte[] int8;

    @BeforeAll
    void quantize() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            fp32 = in.readAllBytes();
        }
        int8 = PerChannelInt8.quantize(fp32);
    }

    @Test
    void should_quantise_every_matmul_with_a_weight_matrix() throws IOException {
        Map<String, Long> before = opTypes(fp32);
        Map<String, Long> after = opTypes(int8);
        // 6 layers: query, key, value, attention output, feed-forward in and out become int8 (36);
        // the attention score and context products (12) multiply activations and stay fp32.
        assertThat(before.get("MatMul")).isEqualTo(48);
        assertThat(after.get("DynamicQuantizeMatMul")).isEqualTo(36);
        assertThat(after.get("MatMul")).isEqualTo(12);
        assertThat(nodes(int8)).filteredOn(node -> node.opType().equals("MatMul"))
                .allSatisfy(node -> assertThat(node.name()).contains("/attention/self/MatMul"));
    }

    @Test
    void should_read_the_word_embeddings_as_int8_rows_times_their_scale() throws IOException {
        Map<String, Long> before = opTypes(fp32);
        Map<String, Long> after = opTypes(int8);
        // one Gather of the word-embedding table becomes Gather (int8 rows), Cast, Gather (scales), Mul
        assertThat(after.get("Gather")).isEqualTo(before.get("Gather") + 1);
        assertThat(after.get("Cast")).isEqualTo(before.getOrDefault("Cast", 0L) + 1);
        assertThat(after.get("Mul")).isEqualTo(before.get("Mul") + 1);
        assertThat(nodes(int8)).filteredOn(node -> node.opType().equals("Gather"))
                .filteredOn(node -> node.inputs().get(0).endsWith("_rows_int8")).hasSize(1);
        assertThat(nodes(int8)).filteredOn(node -> node.opType().equals("Gather"))
                .filteredOn(node -> node.inputs().get(0).endsWith("_row_scale")).hasSize(1);
    }

    @Test
    void should_leave_every_other_node_as_it_was() throws IOException {
        Map<String, Long> before = opTypes(fp32);
        Map<String, Long> after = opTypes(int8);
        for (String changed : List.of("MatMul", "DynamicQuantizeMatMul", "Gather", "Cast", "Mul")) {
            before.remove(changed);
            after.remove(changed);
        }
        assertThat(after).isEqualTo(before);
    }

    @Test
    void should_drop_the_fp32_copies_of_the_quantised_weights_and_word_embeddings() {
        // 10.6 million MatMul weights and 11.7 million word-embedding values go from 4 bytes to 1 (+ 0.1 MB of
        // row scales): 90 MB to about 23 MB.
        assertThat(int8.length).isLessThan(fp32.length - 64_000_000).isLessThan(25_000_000);
    }

    @Test
    void should_embed_within_a_cosine_of_0_985_of_the_fp32_model_when_the_word_embeddings_are_int8() {
        // Int8Agreement on 500 SciFact texts: median 0.994, lowest 0.988 (MatMul-only int8: 0.994, 0.990).
        List<String> texts = List.of("Express delivery takes two working days.",
                "Mitochondria are the powerhouse of the cell.", "The invoice is due within thirty days of receipt.",
                "Vitamin D deficiency is associated with an increased risk of fractures in older adults.",
                "Reset your password from the account settings page.", "zxqv unfamiliar tokens: 4f9a-ß-ø 12345");
        try (OnnxEmbedder reference = OnnxEmbedder.load(OnnxModel.ALL_MINILM_L6_V2, OnnxEmbedder.Variant.FP32);
             OnnxEmbedder quantised = OnnxEmbedder.load(OnnxModel.ALL_MINILM_L6_V2, OnnxEmbedder.Variant.INT8)) {
            for (String text : texts) {
                float[] a = reference.embed(text);
                float[] b = quantised.embed(text);
                double dot = 0;
                for (int i = 0; i < a.length; i++) {
                    dot += a[i] * b[i];
                }
                assertThat(dot).as(text).isGreaterThan(0.985);
            }
        }
    }

    private static Map<String, Long> opTypes(byte[] model) throws IOException {
        return nodes(model).stream().collect(Collectors.groupingBy(OnnxWire.Node::opType, Collectors.counting()));
    }

    private static List<OnnxWire.Node> nodes(byte[] model) throws IOException {
        List<OnnxWire.Node> nodes = new ArrayList<>();
        OnnxWire.forEachField(model, (tag, in) -> {
            if (WireFormat.getTagFieldNumber(tag) == 7) {
                OnnxWire.forEachField(in.readByteArray(), (graphTag, graph) -> {
                    if (WireFormat.getTagFieldNumber(graphTag) == 1) {
                        nodes.add(OnnxWire.Node.parse(graph.readByteArray()));
                    } else {
                        graph.skipField(graphTag);
                    }
                });
            } else {
                in.skipField(tag);
            }
        });
        return nodes;
    }
}
