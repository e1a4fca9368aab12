package com.aiplatform.testing.memory;

import com.aiplatform.shared.table.TableStore;
import com.aiplatform.shared.table.memory.InMemoryTableStore;
import com.aiplatform.testing.contract.TableStoreContract;

class InMemoryTableStoreTest extends TableStoreContract {

    @Override
    protected TableStore openStore() {
        return new InMemoryTableStore();
    }
}
