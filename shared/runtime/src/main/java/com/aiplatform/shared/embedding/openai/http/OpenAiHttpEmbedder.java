package com.aiplatform.shared.embedding.openai.http;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.EmbeddingModel;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.llm.openai.http.OpenAiHttpEndpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Embeddings from Azure OpenAI's v1 API or any OpenAI-compatible endpoint (the llm app among them) over the JDK's
 * HttpClient, for the apps that do not carry openai-java: the request and checks of the openai-java
 * {@code OpenAiEmbedder} (batches, {@code dimensions} only when configured, vectors in input order, each
 * L2-normalised here because not every compatible server does it) and the failures of {@link OpenAiHttpEndpoint}.
 * The port truncates long inputs, and these servers refuse them instead (Azure OpenAI over 8191 tokens, the llm
 * app over {@value #MAX_INPUT_CHARACTERS} characters), so each input is cut to {@value #MAX_INPUT_CHARACTERS}
 * characters first: about 8000 tokens of English text.
 */
public final class OpenAiHttpEmbedder implements Embedder {

    /** Azure OpenAI's limit for one input to its embedding models. */
    public static final int MAX_INPUT_TOKENS = 8191;
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final int MAX_INPUT_CHARACTERS = 32_000;

    private final OpenAiHttpEndpoint endpoint;
    private final EmbeddingModel model;
    private final boolean sendDimensions;
    private final int batchSize;

    public OpenAiHttpEmbedder(OpenAiHttpEndpoint endpoint, String deployment, OptionalInt dimensions, int batchSize) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.model = new EmbeddingModel(Objects.requireNonNull(deployment, "deployment"),
                dimensions.orElse(OpenAiSettings.DEFAULT_EMBEDDING_DIMENSIONS), MAX_INPUT_TOKENS);
        this.sendDimensions = dimensions.isPresent();
        if (batchSize < 1 || batchSize > 2048) {
            throw new IllegalArgumentException("batchSize must lie between 1 and 2048 (the API's limit)");
        }
        this.batchSize = batchSize;
    }

    public static OpenAiHttpEmbedder create(OpenAiHttpEndpoint endpoint, OpenAiSettings settings) {
        return new OpenAiHttpEmbedder(endpoint, settings.requireEmbeddingDeployment(), settings.embeddingDimensions(),
                DEFAULT_BATCH_SIZE);
    }

    @Override
    public EmbeddingModel model() {
        return model;
    }

    @Override
    public Embeddings embed(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        long tokens = 0;
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
            JsonNode response = endpoint.post("/embeddings", body(batch), "Embeddings on " + model.name());
            List<JsonNode> data = new ArrayList<>();
            response.path("data").forEach(data::add);
            data.sort(Comparator.comparingLong(item -> item.path("index").asLong()));
            if (data.size() != batch.size()) {
                throw new LlmException("Embeddings on " + model.name() + " returned " + data.size() + " vectors for "
                        + batch.size() + " inputs", 200, false, null, null);
            }
            for (JsonNode item : data) {
                vectors.add(normalised(item.path("embedding")));
            }
            tokens += response.path("usage").path("prompt_tokens").asLong();
        }
        return new Embeddings(vectors, tokens);
    }

    private ObjectNode body(List<String> batch) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", model.name());
        body.put("encoding_format", "float");
        ArrayNode input = body.putArray("input");
        for (String text : batch) {
            input.add(cut(text));
        }
        if (sendDimensions) {
            body.put("dimensions", model.dimensions());
        }
        return body;
    }

    private static String cut(String text) {
        if (text.length() <= MAX_INPUT_CHARACTERS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_INPUT_CHARACTERS - 1)) ? MAX_INPUT_CHARACTERS - 1
                : MAX_INPUT_CHARACTERS;
        return text.substring(0, end);
    }

    private float[] normalised(JsonNode values) {
        if (!values.isArray() || values.size() != model.dimensions()) {
            throw new LlmException("Embeddings on " + model.name() + " returned " + values.size()
                    + " dimensions, not " + model.dimensions() + "; set " + OpenAiSettings.EMBEDDING_DIMENSIONS
                    + " to match the deployment", 200, false, null, null);
        }
        double norm = 0;
        for (JsonNode value : values) {
            norm += value.asDouble() * value.asDouble();
        }
        double scale = norm == 0 ? 1 : 1 / Math.sqrt(norm);
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (values.get(i).asDouble() * scale);
        }
        return vector;
    }
}
