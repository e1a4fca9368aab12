package com.aiplatform.shared.embedding.background;

import com.aiplatform.shared.concurrent.Await;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.EmbeddingModel;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.text.TokenCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * An embedder whose model loads on a background thread started at construction, so that an app's composition,
 * and a first request that embeds nothing, do not wait for it. The first call that embeds or counts tokens waits
 * for what is left of the load; the model it names ({@link #model()}) is known before. A load that fails is
 * logged when it fails and thrown by every call, as the load itself would have thrown.
 */
public final class BackgroundEmbedder implements Embedder, TokenCounter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundEmbedder.class);

    private final EmbeddingModel model;
    private final CompletableFuture<Embedder> loading;

    private BackgroundEmbedder(EmbeddingModel model, CompletableFuture<Embedder> loading) {
        this.model = model;
        this.loading = loading;
    }

    /** Starts {@code load} on a daemon thread of its own; {@code model} is what it will load. */
    public static BackgroundEmbedder start(EmbeddingModel model, Supplier<? extends Embedder> load) {
        var loading = new CompletableFuture<Embedder>();
        Thread thread = new Thread(() -> {
            try {
                loading.complete(load.get());
            } catch (Throwable e) {
                LOG.error("Loading the embedding model {} failed", model.name(), e);
                loading.completeExceptionally(e);
            }
        }, "embedder-load-" + model.name());
        thread.setDaemon(true);
        thread.start();
        return new BackgroundEmbedder(model, loading);
    }

    @Override
    public EmbeddingModel model() {
        return model;
    }

    @Override
    public Embeddings embed(List<String> texts) {
        return loaded().embed(texts);
    }

    @Override
    public Embeddings embedQueries(List<String> queries) {
        return loaded().embedQueries(queries);
    }

    /** The loaded model's tokenizer, or the shared estimate for a model that has none. */
    @Override
    public int count(String text) {
        return loaded() instanceof TokenCounter counter ? counter.count(text) : TokenCounter.approximate().count(text);
    }

    /** Whether the load has finished (either way); for health and tests. */
    public boolean ready() {
        return loading.isDone();
    }

    /** Why the load failed, once it has; empty while it runs and after it succeeded. */
    public Optional<Throwable> failure() {
        if (!loading.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            loading.join();
            return Optional.empty();
        } catch (CompletionException e) {
            return Optional.of(e.getCause() == null ? e : e.getCause());
        }
    }

    /** Waits for the load, then closes the loaded model; a failed load has nothing to close. */
    @Override
    public void close() throws Exception {
        Embedder loaded;
        try {
            loaded = loading.join();
        } catch (CompletionException e) {
            return;
        }
        if (loaded instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private Embedder loaded() {
        return Await.result(loading);
    }
}
