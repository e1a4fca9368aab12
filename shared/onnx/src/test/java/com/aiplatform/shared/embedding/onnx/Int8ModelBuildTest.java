package com.aiplatform.shared.embedding.onnx;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The int8 MiniLM the build made and put in this module's classes is the run-time rewrite of the fp32 model. */
class Int8ModelBuildTest {

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = Int8ModelBuildTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void should_ship_the_rewrite_of_the_fp32_model_byte_for_byte_when_the_build_prepared_it() throws IOException {
        OnnxModel model = OnnxModel.ALL_MINILM_L6_V2;

        byte[] prepared = read(model.int8Resource());

        assertThat(prepared).isEqualTo(PerChannelInt8.quantize(read(model.modelResource())));
        assertThat(OnnxEmbedder.Variant.INT8.modelBytes(model)).isEqualTo(prepared);
    }
}
