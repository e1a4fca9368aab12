package com.aiplatform.shared.table.azure;

import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.table.TableStore;
import com.aiplatform.shared.azurite.Azurite;
import com.aiplatform.testing.azurite.AzuriteExtension;
import com.aiplatform.testing.contract.TableStoreContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AzuriteExtension.class)
class AzureTableStoreTest extends TableStoreContract {

    private final TableStore store;

    AzureTableStoreTest(Azurite azurite) {
        store = AzureStorageClients.fromConnectionString(azurite.connectionString()).tableStore();
    }

    @Override
    protected TableStore openStore() {
        return store;
    }
}
