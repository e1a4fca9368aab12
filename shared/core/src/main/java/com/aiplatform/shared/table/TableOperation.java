package com.aiplatform.shared.table;

/** One step of an atomic batch on a single partition. */
public sealed interface TableOperation {

    record Upsert(TableEntity entity) implements TableOperation {
    }

    record Delete(String partitionKey, String rowKey) implements TableOperation {
    }
}
