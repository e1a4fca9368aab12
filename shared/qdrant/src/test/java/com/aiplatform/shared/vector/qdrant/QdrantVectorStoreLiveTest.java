package com.aiplatform.shared.vector.qdrant;

import com.aiplatform.shared.vector.VectorStore;
import com.aiplatform.testing.contract.VectorStoreContract;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The port contract against a real Qdrant, when {@code QDRANT_ENDPOINT} names its gRPC endpoint (for
 * example {@code http://localhost:6334}; {@code QDRANT_API_KEY} if it needs one). Each test gets its own
 * randomly named collection, deleted afterwards. Skipped when the variable is not set.
 */
class QdrantVectorStoreLiveTest extends VectorStoreContract {

    private static QdrantOptions base;
    private static QdrantClient admin;
    private final List<String> collections = new ArrayList<>();

    @BeforeAll
    static void connect() {
        String endpoint = System.getenv("QDRANT_ENDPOINT");
        assumeTrue(endpoint != null && !endpoint.isBlank(), "QDRANT_ENDPOINT is not set; no live Qdrant to test");
        base = QdrantOptions.fromEndpoint(URI.create(endpoint), System.getenv("QDRANT_API_KEY"), "unused", DIMENSIONS);
        QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(base.host(), base.port(), base.tls(), false);
        if (base.apiKey() != null) {
            builder.withApiKey(base.apiKey());
        }
        admin = new QdrantClient(builder.build());
    }

    @AfterAll
    static void disconnect() {
        if (admin != null) {
            admin.close();
        }
    }

    @Override
    protected VectorStore openStore() {
        String collection = "contract_" + UUID.randomUUID().toString().replace("-", "");
        collections.add(collection);
        return QdrantVectorStore.open(base.withCollection(collection));
    }

    @AfterEach
    void deleteCollections() throws Exception {
        for (String collection : collections) {
            admin.deleteCollectionAsync(collection, Duration.ofSeconds(30)).get();
        }
    }
}
