package com.aiplatform.shared.embedding.openai;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.EmbeddingModel;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.openai.OpenAiEmbeddingBatches;
import com.aiplatform.shared.llm.openai.OpenAiErrors;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Embeddings from Azure OpenAI or an OpenAI-compatible endpoint, in batches. {@code dimensions} is sent
 * only when configured (text-embedding-ada-002 refuses it); otherwise the model must return
 * {@value OpenAiSettings#DEFAULT_EMBEDDING_DIMENSIONS} values. Vectors are L2-normalised here as well, because
 * the {@link Embedder} port promises it and OpenAI-compatible servers do not all do it. Failures are
 * {@link LlmException}s, mapped like chat failures.
 */
public final class OpenAiEmbedder implements Embedder {

    /** Azure OpenAI's limit for one input to its embedding models. */
    public static final int MAX_INPUT_TOKENS = 8191;
    public static final int DEFAULT_BATCH_SIZE = 64;

    private final OpenAIClient client;
    private final EmbeddingModel model;
    private final boolean sendDimensions;
    private final int batchSize;
    private final Clock clock;

    public OpenAiEmbedder(OpenAIClient client, String deployment, OptionalInt dimensions, int batchSize, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.model = new EmbeddingModel(Objects.requireNonNull(deployment, "deployment"),
                dimensions.orElse(OpenAiSettings.DEFAULT_EMBEDDING_DIMENSIONS), MAX_INPUT_TOKENS);
        this.sendDimensions = dimensions.isPresent();
        this.batchSize = OpenAiEmbeddingBatches.checkedBatchSize(batchSize);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static OpenAiEmbedder create(OpenAIClient client, OpenAiSettings settings) {
        return new OpenAiEmbedder(client, settings.requireEmbeddingDeployment(), settings.embeddingDimensions(),
                DEFAULT_BATCH_SIZE, Clock.systemUTC());
    }

    @Override
    public EmbeddingModel model() {
        return model;
    }

    @Override
    public Embeddings embed(List<String> texts) {
        return OpenAiEmbeddingBatches.embed(model, texts, batchSize, batch -> {
            CreateEmbeddingResponse response = call(batch);
            return new OpenAiEmbeddingBatches.Batch(response.data().stream()
                    .sorted(Comparator.comparingLong(Embedding::index))
                    .map(embedding -> embedding.embedding().stream().mapToDouble(Float::doubleValue).toArray())
                    .toList(), response.usage().promptTokens());
        });
    }

    private CreateEmbeddingResponse call(List<String> batch) {
        EmbeddingCreateParams.Builder params = EmbeddingCreateParams.builder()
                .model(model.name())
                .inputOfArrayOfStrings(batch)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT);
        if (sendDimensions) {
            params.dimensions(model.dimensions());
        }
        try {
            return client.embeddings().create(params.build());
        } catch (OpenAIException e) {
            throw OpenAiErrors.translate(e, "Embeddings on " + model.name(), clock);
        }
    }
}
