package com.aiplatform.shared.runtime;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.EmbeddingModel;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.embedding.background.BackgroundEmbedder;
import com.aiplatform.shared.text.TokenCounter;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One app's use of a bundled model that {@link LoadedModels} loads once per JVM: it embeds and counts tokens through
 * the model; closing it gives the lease back, and the last lease closes the model.
 */
public final class ModelLease implements Embedder, TokenCounter, AutoCloseable {

    private final BundledEmbedders.Choice choice;
    private final BackgroundEmbedder embedder;
    private final AtomicBoolean closed = new AtomicBoolean();

    ModelLease(BundledEmbedders.Choice choice, BackgroundEmbedder embedder) {
        this.choice = choice;
        this.embedder = embedder;
    }

    @Override
    public EmbeddingModel model() {
        return embedder.model();
    }

    @Override
    public Embeddings embed(List<String> texts) {
        return embedder.embed(texts);
    }

    @Override
    public Embeddings embedQueries(List<String> queries) {
        return embedder.embedQueries(queries);
    }

    @Override
    public int count(String text) {
        return embedder.count(text);
    }

    /** Whether the model's load has finished (either way). */
    boolean ready() {
        return embedder.ready();
    }

    /** Why the model's load failed, once it has. */
    Optional<Throwable> failure() {
        return embedder.failure();
    }

    /** Gives the lease back once; the last lease closes the model. */
    @Override
    public void close() throws Exception {
        if (closed.compareAndSet(false, true)) {
            LoadedModels.release(choice, embedder);
        }
    }
}
