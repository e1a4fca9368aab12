package com.aiplatform.shared.vector.lucene;

import com.aiplatform.shared.vector.VectorStore;
import com.aiplatform.testing.contract.VectorStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The contract again with int8 scalar-quantised vectors. */
class LuceneQuantizedVectorStoreTest extends VectorStoreContract {

    @TempDir
    Path directory;

    @Override
    protected VectorStore openStore() {
        return LuceneVectorStore.open(directory, LuceneVectorStoreOptions.defaults(DIMENSIONS).withQuantized(true));
    }
}
