package com.aiplatform.shared.vector.qdrant;

import com.aiplatform.shared.vector.VectorStore;
import com.aiplatform.testing.contract.VectorStoreContract;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** The port contract against the real client talking gRPC to the in-process Qdrant. */
class QdrantVectorStoreContractTest extends VectorStoreContract {

    private final List<FakeQdrant> servers = new ArrayList<>();

    @Override
    protected VectorStore openStore() {
        FakeQdrant qdrant = FakeQdrant.start();
        servers.add(qdrant);
        return QdrantVectorStore.open(qdrant.channel(), options());
    }

    static QdrantOptions options() {
        return new QdrantOptions("in-process", 6334, false, null, "chunks", DIMENSIONS,
                QdrantOptions.DEFAULT_READ_TIMEOUT, QdrantOptions.DEFAULT_WRITE_TIMEOUT);
    }

    @AfterEach
    void stopServers() {
        servers.forEach(FakeQdrant::close);
    }
}
