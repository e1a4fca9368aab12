package com.aiplatform.testing.contract;

import com.aiplatform.shared.vector.VectorStore;
import com.aiplatform.shared.vector.memory.InMemoryVectorStore;

class InMemoryVectorStoreTest extends VectorStoreContract {

    @Override
    protected VectorStore openStore() {
        return new InMemoryVectorStore(DIMENSIONS);
    }
}
