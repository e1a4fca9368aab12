package com.aiplatform.testing.memory;

import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.blob.memory.InMemoryBlobStore;
import com.aiplatform.testing.contract.BlobStoreContract;

class InMemoryBlobStoreTest extends BlobStoreContract {

    @Override
    protected BlobStore openStore() {
        return new InMemoryBlobStore();
    }
}
