package com.aiplatform.shared.table;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A row in a table. Property values are String, Long, Integer, Double, Boolean, byte[] or
 * java.time.Instant. {@code etag} is present on entities read from the store and is used for
 * optimistic concurrency.
 */
public record TableEntity(String partitionKey, String rowKey, Map<String, Object> properties, String etag) {

    public TableEntity {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(rowKey, "rowKey");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public static TableEntity of(String partitionKey, String rowKey, Map<String, Object> properties) {
        return new TableEntity(partitionKey, rowKey, properties, null);
    }

    public Optional<String> string(String name) {
        Object value = properties.get(name);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    public long longValue(String name, long defaultValue) {
        Object value = properties.get(name);
        return value instanceof Number n ? n.longValue() : defaultValue;
    }

    public TableEntity withProperties(Map<String, Object> newProperties) {
        return new TableEntity(partitionKey, rowKey, newProperties, etag);
    }
}
