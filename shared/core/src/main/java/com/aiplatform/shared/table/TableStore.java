package com.aiplatform.shared.table;

import java.util.List;
import java.util.Optional;

/**
 * Entities by partition and row key (Table storage in Azure, Azurite locally). Callers use the
 * tenant as (the start of) the partition key; there is no unpartitioned query.
 */
public interface TableStore {

    Optional<TableEntity> get(String table, String partitionKey, String rowKey);

    /** Creates or replaces the entity unconditionally; returns it with its new ETag. */
    TableEntity upsert(String table, TableEntity entity);

    /** Creates the entity; {@link ConcurrencyException} if it already exists. */
    TableEntity insert(String table, TableEntity entity);

    /** Replaces the entity if its ETag still matches {@code entity.etag()}; {@link ConcurrencyException} if not. */
    TableEntity replace(String table, TableEntity entity);

    /** Every entity of one partition, ordered by row key. */
    List<TableEntity> list(String table, String partitionKey);

    /** Deletes the entity; succeeds if it is already absent. */
    void delete(String table, String partitionKey, String rowKey);

    /** Applies every operation or none. All must share one partition key; at most 100. */
    void transact(String table, List<TableOperation> operations);
}
