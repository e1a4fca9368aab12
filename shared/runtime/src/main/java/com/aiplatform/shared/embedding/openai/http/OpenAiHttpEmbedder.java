package com.aiplatform.shared.embedding.openai.http;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.EmbeddingModel;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.openai.OpenAiEmbeddingBatches;
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
        this.batchSize = OpenAiEmbeddingBatches.checkedBatchSize(batchSize);
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
        return OpenAiEmbeddingBatches.embed(model, texts, batchSize, batch -> {
            JsonNode response = endpoint.post("/embeddings", body(batch), "Embeddings on " + model.name());
            List<JsonNode> data = new ArrayList<>();
            response.path("data").forEach(data::add);
            data.sort(Comparator.comparingLong(item -> item.path("index").asLong()));
            return new OpenAiEmbeddingBatches.Batch(data.stream().map(item -> values(item.path("embedding"))).toList(),
                    response.path("usage").path("prompt_tokens").asLong());
        });
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

    /** The numbers of a JSON array; anything else has none (and so not the model's dimensions). */
    private static double[] values(JsonNode array) {
        double[] values = new double[array.isArray() ? array.size() : 0];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
