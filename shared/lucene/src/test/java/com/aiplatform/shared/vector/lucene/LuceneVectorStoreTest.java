package com.aiplatform.shared.vector.lucene;

import com.aiplatform.shared.vector.VectorStore;
import com.aiplatform.testing.contract.VectorStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class LuceneVectorStoreTest extends VectorStoreContract {

    @TempDir
    Path directory;

    @Override
    protected VectorStore openStore() {
        return LuceneVectorStore.open(directory, LuceneVectorStoreOptions.defaults(DIMENSIONS));
    }
}
