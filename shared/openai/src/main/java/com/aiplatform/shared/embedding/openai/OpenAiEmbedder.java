package com.aiplatform.shared.embedding.openai;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.EmbeddingModel;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.openai.OpenAiErrors;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;

import java.time.Clock;
import java.util.ArrayList;
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
        if (batchSize < 1 || batchSize > 2048) {
            throw new IllegalArgumentException("batchSize must lie between 1 and 2048 (the API's limit)");
        }
        this.batchSize = batchSize;
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
        List<float[]> vectors = new ArrayList<>(texts.size());
        long tokens = 0;
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
            CreateEmbeddingResponse response = call(batch);
            List<Embedding> data = response.data().stream().sorted(Comparator.comparingLong(Embedding::index)).toList();
            if (data.size() != batch.size()) {
                throw new LlmException("Embeddings on " + model.name() + " returned " + data.size() + " vectors for "
                        + batch.size() + " inputs", 200, false, null, null);
            }
            for (Embedding embedding : data) {
                vectors.add(normalised(embedding.embedding()));
            }
            tokens += response.usage().promptTokens();
        }
        return new Embeddings(vectors, tokens);
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

    private float[] normalised(List<Float> values) {
        if (values.size() != model.dimensions()) {
            throw new LlmException("Embeddings on " + model.name() + " returned " + values.size()
                    + " dimensions, not " + model.dimensions() + "; set " + OpenAiSettings.EMBEDDING_DIMENSIONS
                    + " to match the deployment", 200, false, null, null);
        }
        double norm = 0;
        for (Float value : values) {
            norm += value * value;
        }
        double scale = norm == 0 ? 1 : 1 / Math.sqrt(norm);
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (values.get(i) * scale);
        }
        return vector;
    }
}
