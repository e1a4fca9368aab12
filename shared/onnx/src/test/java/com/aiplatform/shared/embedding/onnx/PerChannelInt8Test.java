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
    void should_leave_every_other_node_as_it_was() throws IOException {
        Map<String, Long> before = opTypes(fp32);
        Map<String, Long> after = opTypes(int8);
        before.remove("MatMul");
        after.remove("MatMul");
        after.remove("DynamicQuantizeMatMul");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void should_drop_the_fp32_copies_of_the_quantised_weights() {
        // 10.6 million weights (36 matrices) go from 4 bytes to 1: 32 MB less.
        assertThat(int8.length).isLessThan(fp32.length - 30_000_000);
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
