package com.aiplatform.shared.runtime;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.EmbeddingModel;
import com.aiplatform.shared.embedding.background.BackgroundEmbedder;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The bundled models loaded in this JVM: one copy of each model and variant, shared by every app that asks for it
 * and closed when the last of them closes. In Azure an app is alone in its worker JVM and holds the only lease; the
 * one-process local platform and the acceptance suite host four apps that embed with the same model, which then
 * load it once instead of four times on the same cores (a loaded model is immutable and takes calls from any
 * number of threads).
 */
final class LoadedModels {

    private static final Map<BundledEmbedders.Choice, Loaded> LOADED = new HashMap<>();

    private LoadedModels() {
    }

    /** A lease on the model {@code choice} names, loading it in the background ({@code load}) if none is loaded. */
    static ModelLease lease(BundledEmbedders.Choice choice, EmbeddingModel model, Supplier<? extends Embedder> load) {
        synchronized (LOADED) {
            Loaded loaded = LOADED.computeIfAbsent(choice, c -> new Loaded(BackgroundEmbedder.start(model, load)));
            loaded.leases++;
            return new ModelLease(choice, loaded.embedder);
        }
    }

    /** How many apps hold a lease on {@code choice}'s model; for tests. */
    static int leases(BundledEmbedders.Choice choice) {
        synchronized (LOADED) {
            Loaded loaded = LOADED.get(choice);
            return loaded == null ? 0 : loaded.leases;
        }
    }

    static void release(BundledEmbedders.Choice choice, BackgroundEmbedder embedder) throws Exception {
        synchronized (LOADED) {
            Loaded loaded = LOADED.get(choice);
            if (loaded == null || loaded.embedder != embedder || --loaded.leases > 0) {
                return;
            }
            LOADED.remove(choice);
        }
        embedder.close();
    }

    private static final class Loaded {
        private final BackgroundEmbedder embedder;
        private int leases;

        private Loaded(BackgroundEmbedder embedder) {
            this.embedder = embedder;
        }
    }
}
