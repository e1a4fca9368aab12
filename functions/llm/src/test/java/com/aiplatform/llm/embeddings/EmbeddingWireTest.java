package com.aiplatform.llm.embeddings;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingWireTest {

    private final EmbeddingWire wire = new EmbeddingWire(2, 20);

    @Test
    void should_read_one_string_or_an_array_and_the_encoding_when_the_request_is_valid() {
        assertThat(wire.parse(Json.tree("{\"model\":\"m\",\"input\":\"hello\"}"), 384).inputs()).containsExactly("hello");
        EmbeddingCall call = wire.parse(Json.tree("{\"model\":\"m\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\","
                + "\"dimensions\":384}"), 384);
        assertThat(call.inputs()).containsExactly("a", "b");
        assertThat(call.base64()).isTrue();
    }

    @Test
    void should_refuse_token_arrays_too_many_inputs_and_other_dimensions_naming_the_field() {
        assertThatThrownBy(() -> wire.parse(Json.tree("{\"model\":\"m\",\"input\":[[1,2]]}"), 384))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().extensions())
                        .containsEntry("param", "input"));
        assertThatThrownBy(() -> wire.parse(Json.tree("{\"model\":\"m\",\"input\":[\"a\",\"b\",\"c\"]}"), 384))
                .hasMessageContaining("1 to 2");
        assertThatThrownBy(() -> wire.parse(Json.tree("{\"model\":\"m\",\"input\":\"" + "x".repeat(21) + "\"}"), 384))
                .hasMessageContaining("at most 20");
        assertThatThrownBy(() -> wire.parse(Json.tree("{\"model\":\"m\",\"input\":\"a\",\"dimensions\":256}"), 384))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().extensions())
                        .containsEntry("param", "dimensions"));
        assertThatThrownBy(() -> wire.parse(Json.tree("{\"input\":\"a\"}"), 384)).hasMessageContaining("model");
    }

    @Test
    void should_encode_base64_as_little_endian_float32_when_asked() {
        float[] vector = {0.5f, -1.25f, 3f};

        byte[] bytes = Base64.getDecoder().decode(EmbeddingView.base64(vector));

        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new float[]{buffer.getFloat(), buffer.getFloat(), buffer.getFloat()}).containsExactly(vector);
    }
}
