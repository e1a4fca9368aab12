package com.aiplatform.platform.consumers;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableStore;
import com.fasterxml.jackson.core.type.TypeReference;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Consumers by tenant (partition) and id, and the key index by key hash. The index is partitioned by
 * the hash's first two hex digits, so a lookup is one point read and no partition grows hot.
 */
public final class ConsumerRepository {

    private static final TypeReference<List<StoredKey>> KEYS = new TypeReference<>() {
    };

    private final TableStore tables;
    private final String consumersTable;
    private final String keysTable;

    public ConsumerRepository(TableStore tables, String consumersTable, String keysTable) {
        this.tables = tables;
        this.consumersTable = consumersTable;
        this.keysTable = keysTable;
    }

    /** A key as stored on its consumer: the hash, never the key. */
    public record StoredKey(String keyId, String hash, Instant createdAt) {
    }

    /** A consumer as read, with its stored keys and the ETag for a conditional update. */
    public record Stored(Consumer consumer, List<StoredKey> keys, String etag) {
    }

    public Optional<Stored> get(String tenantId, String consumerId) {
        return tables.get(consumersTable, tenantId, consumerId).map(ConsumerRepository::fromEntity);
    }

    public List<Consumer> list(String tenantId) {
        return tables.list(consumersTable, tenantId).stream().map(e -> fromEntity(e).consumer()).toList();
    }

    /** @throws com.aiplatform.shared.table.ConcurrencyException if the consumer exists */
    public void insert(Consumer consumer, List<StoredKey> keys) {
        tables.insert(consumersTable, toEntity(consumer, keys, null));
    }

    /** @throws com.aiplatform.shared.table.ConcurrencyException if the consumer changed since {@code etag} */
    public void replaceKeys(Consumer consumer, List<StoredKey> keys, String etag) {
        tables.replace(consumersTable, toEntity(consumer, keys, etag));
    }

    public void index(StoredKey key, Consumer consumer) {
        tables.upsert(keysTable, TableEntity.of(key.hash().substring(0, 2), key.hash(), Map.of(
                "tenantId", consumer.tenantId(), "consumerId", consumer.consumerId(), "keyId", key.keyId())));
    }

    public void unindex(String hash) {
        tables.delete(keysTable, hash.substring(0, 2), hash);
    }

    /** The tenant and consumer a key hash belongs to, from the index. */
    public Optional<String[]> lookup(String hash) {
        return tables.get(keysTable, hash.substring(0, 2), hash)
                .map(e -> new String[] {e.string("tenantId").orElseThrow(), e.string("consumerId").orElseThrow()});
    }

    private static TableEntity toEntity(Consumer consumer, List<StoredKey> keys, String etag) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("product", consumer.product());
        properties.put("roles", String.join(",", consumer.roles()));
        properties.put("groups", String.join(",", consumer.groups()));
        properties.put("createdAt", consumer.createdAt());
        properties.put("keys", Json.write(keys));
        return new TableEntity(consumer.tenantId(), consumer.consumerId(), properties, etag);
    }

    private static Stored fromEntity(TableEntity entity) {
        List<StoredKey> keys = Json.mapper().convertValue(Json.tree(entity.string("keys").orElse("[]")), KEYS);
        Set<String> roles = names(entity, "roles");
        Object created = entity.properties().get("createdAt");
        var consumer = new Consumer(entity.rowKey(), entity.partitionKey(), entity.string("product").orElse(""), roles,
                names(entity, "groups"), created instanceof Instant instant ? instant : Instant.EPOCH,
                keys.stream().map(k -> new Consumer.KeyInfo(k.keyId(), k.createdAt())).toList());
        return new Stored(consumer, keys, entity.etag());
    }

    private static Set<String> names(TableEntity entity, String property) {
        return Arrays.stream(entity.string(property).orElse("").split(","))
                .map(String::trim).filter(r -> !r.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
