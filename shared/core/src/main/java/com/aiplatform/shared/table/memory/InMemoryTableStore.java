package com.aiplatform.shared.table.memory;

import com.aiplatform.shared.table.ConcurrencyException;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableOperation;
import com.aiplatform.shared.table.TableStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A {@link TableStore} in memory with Table storage's rules: ETags change on every write, a stale
 * ETag or an existing row is a {@link ConcurrencyException}, a batch applies all or nothing, and
 * table names, keys and property types are checked as Azure checks them. One lock guards all tables,
 * which is plenty for unit tests and makes batches trivially atomic.
 */
public final class InMemoryTableStore implements TableStore {

    static final int MAX_BATCH = 100;
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");
    private static final Pattern FORBIDDEN_KEY_CHARS = Pattern.compile("[/\\\\#?\\u0000-\\u001f\\u007f-\\u009f]");
    private static final Set<Class<?>> PROPERTY_TYPES = Set.of(String.class, Long.class, Integer.class,
            Double.class, Boolean.class, byte[].class, Instant.class);

    private final Map<String, NavigableMap<Key, TableEntity>> tables = new HashMap<>();
    private long version;

    @Override
    public synchronized Optional<TableEntity> get(String table, String partitionKey, String rowKey) {
        return Optional.ofNullable(rows(table).get(new Key(partitionKey, rowKey))).map(InMemoryTableStore::copy);
    }

    @Override
    public synchronized TableEntity upsert(String table, TableEntity entity) {
        validate(table, entity);
        return store(table, entity);
    }

    @Override
    public synchronized TableEntity insert(String table, TableEntity entity) {
        validate(table, entity);
        if (rows(table).containsKey(key(entity))) {
            throw new ConcurrencyException("Entity " + key(entity) + " already exists in table " + table, null);
        }
        return store(table, entity);
    }

    @Override
    public synchronized TableEntity replace(String table, TableEntity entity) {
        validate(table, entity);
        if (entity.etag() == null) {
            throw new IllegalArgumentException("replace needs the ETag of the entity as read; use upsert to overwrite");
        }
        TableEntity current = rows(table).get(key(entity));
        if (current == null || !current.etag().equals(entity.etag())) {
            throw new ConcurrencyException("Entity " + key(entity) + " in table " + table
                    + (current == null ? " was deleted" : " changed since it was read"), null);
        }
        return store(table, entity);
    }

    @Override
    public synchronized List<TableEntity> list(String table, String partitionKey) {
        return rows(table).subMap(new Key(partitionKey, ""), true, new Key(partitionKey + "\0", ""), false)
                .values().stream().map(InMemoryTableStore::copy).toList();
    }

    @Override
    public synchronized List<TableEntity> list(String table, String partitionKey, String rowKeyPrefix, int limit) {
        String end = TableStore.rangeEnd(rowKeyPrefix, limit);
        return rows(table).subMap(new Key(partitionKey, rowKeyPrefix), true, new Key(partitionKey, end), false)
                .values().stream().limit(limit).map(InMemoryTableStore::copy).toList();
    }

    @Override
    public synchronized void delete(String table, String partitionKey, String rowKey) {
        rows(table).remove(new Key(partitionKey, rowKey));
    }

    @Override
    public synchronized void transact(String table, List<TableOperation> operations) {
        validateBatch(table, operations);
        for (TableOperation operation : operations) {
            if (operation instanceof TableOperation.Upsert upsert) {
                store(table, upsert.entity());
            } else if (operation instanceof TableOperation.Delete delete) {
                rows(table).remove(new Key(delete.partitionKey(), delete.rowKey()));
            }
        }
    }

    private void validateBatch(String table, List<TableOperation> operations) {
        if (operations.isEmpty() || operations.size() > MAX_BATCH) {
            throw new IllegalArgumentException("A batch holds 1 to " + MAX_BATCH + " operations, not " + operations.size());
        }
        Set<String> partitions = new HashSet<>();
        Set<Key> seen = new HashSet<>();
        for (TableOperation operation : operations) {
            Key key;
            if (operation instanceof TableOperation.Upsert upsert) {
                validate(table, upsert.entity());
                key = key(upsert.entity());
            } else {
                TableOperation.Delete delete = (TableOperation.Delete) operation;
                validateKeys(delete.partitionKey(), delete.rowKey());
                key = new Key(delete.partitionKey(), delete.rowKey());
            }
            partitions.add(key.partitionKey());
            if (!seen.add(key)) {
                throw new IllegalArgumentException("A batch may change each entity once; " + key + " appears twice");
            }
        }
        if (partitions.size() > 1) {
            throw new IllegalArgumentException("A batch must stay in one partition, not " + partitions);
        }
    }

    private TableEntity store(String table, TableEntity entity) {
        TableEntity stored = new TableEntity(entity.partitionKey(), entity.rowKey(), copyValues(entity.properties()),
                "W/\"" + (++version) + "\"");
        tables.computeIfAbsent(table, t -> new TreeMap<>()).put(key(entity), stored);
        return copy(stored);
    }

    private NavigableMap<Key, TableEntity> rows(String table) {
        validateTable(table);
        return tables.getOrDefault(table, new TreeMap<>());
    }

    private static void validate(String table, TableEntity entity) {
        validateTable(table);
        validateKeys(entity.partitionKey(), entity.rowKey());
        entity.properties().forEach((name, value) -> {
            if (value == null || !PROPERTY_TYPES.contains(value.getClass())) {
                throw new IllegalArgumentException("Property " + name + " has unsupported type "
                        + (value == null ? "null" : value.getClass().getName())
                        + "; use String, Long, Integer, Double, Boolean, byte[] or Instant");
            }
        });
    }

    private static void validateTable(String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Table name must be 3-63 letters or digits, starting with a letter: " + table);
        }
    }

    private static void validateKeys(String partitionKey, String rowKey) {
        for (String key : List.of(partitionKey, rowKey)) {
            if (FORBIDDEN_KEY_CHARS.matcher(key).find() || key.length() > 512) {
                throw new IllegalArgumentException("Partition and row keys may not contain / \\ # ? or control "
                        + "characters and must stay under 1 KiB: " + key);
            }
        }
    }

    private static TableEntity copy(TableEntity entity) {
        return new TableEntity(entity.partitionKey(), entity.rowKey(), copyValues(entity.properties()), entity.etag());
    }

    private static Map<String, Object> copyValues(Map<String, Object> properties) {
        Map<String, Object> copy = new HashMap<>(properties);
        copy.replaceAll((name, value) -> value instanceof byte[] bytes ? bytes.clone() : value);
        return copy;
    }

    private static Key key(TableEntity entity) {
        return new Key(entity.partitionKey(), entity.rowKey());
    }

    private record Key(String partitionKey, String rowKey) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byPartition = partitionKey.compareTo(other.partitionKey);
            return byPartition != 0 ? byPartition : rowKey.compareTo(other.rowKey);
        }

        @Override
        public String toString() {
            return "(" + partitionKey + ", " + rowKey + ")";
        }
    }
}
