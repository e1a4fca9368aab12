package com.aiplatform.shared.llm.openai;

import com.aiplatform.shared.embedding.EmbeddingModel;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.llm.LlmException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What both OpenAI embedding adapters (over openai-java and over the JDK's HttpClient) do around their calls: the
 * texts in batches of at most the API's {@value #MAX_BATCH_SIZE}, one vector per input in the order of the inputs
 * and of the model's dimensions, each L2-normalised (the {@code Embedder} port promises it and OpenAI-compatible
 * servers do not all do it), and the prompt tokens summed. A reply that breaks either promise is an
 * {@link LlmException}.
 */
public final class OpenAiEmbeddingBatches {

    /** The API's limit of inputs in one embeddings call. */
    public static final int MAX_BATCH_SIZE = 2048;

    /** One call's answer: the vectors as returned, in input order, and its prompt tokens. */
    public record Batch(List<double[]> vectors, long promptTokens) {
    }

    private OpenAiEmbeddingBatches() {
    }

    /** {@code batchSize} when it lies within the API's limit. */
    public static int checkedBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must lie between 1 and " + MAX_BATCH_SIZE
                    + " (the API's limit)");
        }
        return batchSize;
    }

    /** Embeds {@code texts} through {@code call}, one call per batch. */
    public static Embeddings embed(EmbeddingModel model, List<String> texts, int batchSize,
                                   Function<List<String>, Batch> call) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        long tokens = 0;
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
            Batch answer = call.apply(batch);
            if (answer.vectors().size() != batch.size()) {
                throw new LlmException("Embeddings on " + model.name() + " returned " + answer.vectors().size()
                        + " vectors for " + batch.size() + " inputs", 200, false, null, null);
            }
            for (double[] values : answer.vectors()) {
                vectors.add(normalised(model, values));
            }
            tokens += answer.promptTokens();
        }
        return new Embeddings(vectors, tokens);
    }

    private static float[] normalised(EmbeddingModel model, double[] values) {
        if (values.length != model.dimensions()) {
            throw new LlmException("Embeddings on " + model.name() + " returned " + values.length
                    + " dimensions, not " + model.dimensions() + "; set " + OpenAiSettings.EMBEDDING_DIMENSIONS
                    + " to match the deployment", 200, false, null, null);
        }
        double norm = 0;
        for (double value : values) {
            norm += value * value;
        }
        double scale = norm == 0 ? 1 : 1 / Math.sqrt(norm);
        float[] vector = new float[values.length];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (values[i] * scale);
        }
        return vector;
    }
}
