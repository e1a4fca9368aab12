package com.aiplatform.shared.blob.azure;

import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.azurite.Azurite;
import com.aiplatform.testing.azurite.AzuriteExtension;
import com.aiplatform.testing.contract.BlobStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AzuriteExtension.class)
class AzureBlobStoreTest extends BlobStoreContract {

    private final BlobStore store;

    AzureBlobStoreTest(Azurite azurite) {
        store = AzureStorageClients.fromConnectionString(azurite.connectionString()).blobStore();
    }

    @Override
    protected BlobStore openStore() {
        return store;
    }
}
