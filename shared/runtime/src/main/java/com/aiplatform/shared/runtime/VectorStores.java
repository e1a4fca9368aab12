package com.aiplatform.shared.runtime;

import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.settings.SettingsGroup;
import com.aiplatform.shared.vector.VectorStore;
import com.aiplatform.shared.vector.lucene.LuceneVectorStore;
import com.aiplatform.shared.vector.lucene.LuceneVectorStoreOptions;
import com.aiplatform.shared.vector.qdrant.QdrantOptions;
import com.aiplatform.shared.vector.qdrant.QdrantVectorStore;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The vector store of an app that indexes (knowledge): {@code VECTOR_STORE} {@code lucene} (default: an embedded
 * index on disk, {@code LUCENE_INDEX_DIR}, by default {@code DATA_DIR/<app>/index}) or {@code qdrant}
 * ({@code QDRANT_ENDPOINT}, {@code QDRANT_API_KEY}, {@code QDRANT_COLLECTION}, by default {@code <app>-chunks}).
 * Apart from {@link SharedAdapters} so that only such an app reads these settings; it depends on shared-lucene and
 * shared-qdrant itself (optional here, to keep Lucene and gRPC out of the others). The in-memory store is no
 * choice here: it keeps nothing, and serves the services' unit tests.
 */
public final class VectorStores {

    public enum Backend { LUCENE, QDRANT }

    static final String LUCENE_ADAPTER = "com.aiplatform.shared.vector.lucene.LuceneVectorStore";
    static final String QDRANT_ADAPTER = "com.aiplatform.shared.vector.qdrant.QdrantVectorStore";

    /** What the settings choose; {@link #open} makes the store once the embedder's dimensions are known. */
    public record Choice(Backend backend, Path luceneIndexDir, Optional<URI> qdrantEndpoint,
                         Optional<String> qdrantApiKey, String qdrantCollection) {

        /** The backend as {@code VECTOR_STORE} spells it. */
        public String label() {
            return backend.name().toLowerCase(Locale.ROOT);
        }
    }

    private VectorStores() {
    }

    /** These settings as a group of {@code app}'s validating pass ({@link AppSettings#check}). */
    public static SettingsGroup settings(String app) {
        return read -> read(read, app);
    }

    /** The choice the settings name; throws naming every problem of these settings. */
    public static Choice choose(Settings settings, String app) {
        Settings.Reader read = settings.reader();
        Choice choice = read(read, app);
        read.validate();
        return choice;
    }

    /**
     * Reads these settings into {@code read}, which collects their problems: a package without the chosen adapter
     * and a malformed endpoint are named here, at start, with the others.
     */
    public static Choice read(Settings.Reader read, String app) {
        Path dataDir = Path.of(read.string("DATA_DIR", ".data"));
        Backend backend = read.choice("VECTOR_STORE", Backend.class, Backend.LUCENE);
        Path index = Path.of(read.string("LUCENE_INDEX_DIR", dataDir.resolve(app).resolve("index").toString()));
        Optional<String> endpoint = backend == Backend.QDRANT ? Optional.of(read.required("QDRANT_ENDPOINT"))
                .filter(value -> !value.isEmpty()) : read.optional("QDRANT_ENDPOINT");
        Optional<String> apiKey = read.optional("QDRANT_API_KEY");
        String collection = read.string("QDRANT_COLLECTION", app + "-chunks");
        String adapter = backend == Backend.QDRANT ? QDRANT_ADAPTER : LUCENE_ADAPTER;
        if (!ModelClients.present(adapter)) {
            read.problem("VECTOR_STORE=" + backend.name().toLowerCase(Locale.ROOT) + " needs shared-"
                    + backend.name().toLowerCase(Locale.ROOT) + ", which this app's package does not carry");
            return new Choice(backend, index, Optional.empty(), apiKey, collection);
        }
        Optional<URI> uri = Optional.empty();
        if (backend == Backend.QDRANT && endpoint.isPresent()) {
            uri = qdrantEndpoint(read, endpoint.get(), collection);
        }
        return new Choice(backend, index, uri, apiKey, collection);
    }

    /** The store the choice names, for vectors of {@code dimensions}; the caller closes it. */
    public static VectorStore open(Choice choice, int dimensions) {
        if (choice.backend() == Backend.QDRANT) {
            return QdrantVectorStore.open(QdrantOptions.fromEndpoint(choice.qdrantEndpoint().orElseThrow(),
                    choice.qdrantApiKey().orElse(null), choice.qdrantCollection(), dimensions));
        }
        return LuceneVectorStore.open(choice.luceneIndexDir(), LuceneVectorStoreOptions.defaults(dimensions));
    }

    /** Apart, so that only a package that carries shared-qdrant resolves its classes. */
    private static Optional<URI> qdrantEndpoint(Settings.Reader read, String endpoint, String collection) {
        try {
            URI uri = URI.create(endpoint);
            QdrantOptions.fromEndpoint(uri, null, collection, 1);
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            read.problem("QDRANT_ENDPOINT: " + e.getMessage());
            return Optional.empty();
        }
    }
}
