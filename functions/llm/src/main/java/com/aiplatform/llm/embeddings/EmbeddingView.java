package com.aiplatform.llm.embeddings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The embeddings answer in OpenAI's wire format; base64 is the little-endian float32 bytes OpenAI sends. */
public final class EmbeddingView {

    private EmbeddingView() {
    }

    public static Map<String, Object> of(String model, EmbeddingService.Result result, boolean base64) {
        List<Map<String, Object>> data = new ArrayList<>();
        List<float[]> vectors = result.embeddings().vectors();
        for (int i = 0; i < vectors.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("object", "embedding");
            entry.put("index", i);
            entry.put("embedding", base64 ? base64(vectors.get(i)) : vectors.get(i));
            data.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data);
        body.put("model", model);
        long tokens = result.embeddings().inputTokens();
        body.put("usage", Map.of("prompt_tokens", tokens, "total_tokens", tokens));
        return body;
    }

    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
