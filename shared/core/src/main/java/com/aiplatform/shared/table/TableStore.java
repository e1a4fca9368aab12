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

    /**
     * The first {@code limit} entities of one partition whose row key starts with {@code rowKeyPrefix}, ordered by
     * row key: a range query, so that only those rows are read.
     */
    List<TableEntity> list(String table, String partitionKey, String rowKeyPrefix, int limit);

    /**
     * The first row key after every key that starts with {@code rowKeyPrefix} (its last character incremented), the
     * exclusive end of the range {@link #list(String, String, String, int)} reads; checks the prefix and the limit.
     */
    static String rangeEnd(String rowKeyPrefix, int limit) {
        if (rowKeyPrefix == null || rowKeyPrefix.isEmpty() || limit < 1) {
            throw new IllegalArgumentException("A row key range needs a prefix and a positive limit");
        }
        char last = rowKeyPrefix.charAt(rowKeyPrefix.length() - 1);
        if (last == Character.MAX_VALUE) {
            throw new IllegalArgumentException("A row key prefix may not end with U+FFFF");
        }
        return rowKeyPrefix.substring(0, rowKeyPrefix.length() - 1) + (char) (last + 1);
    }

    /** Deletes the entity; succeeds if it is already absent. */
    void delete(String table, String partitionKey, String rowKey);

    /** Applies every operation or none. All must share one partition key; at most 100. */
    void transact(String table, List<TableOperation> operations);
}
