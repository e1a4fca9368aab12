package com.aiplatform.knowledge.ingestion;

import com.aiplatform.shared.identity.Readers;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Ingestion records in Table storage: the tenant is the partition key, the ingestion id the row key. */
public final class IngestionRepository {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final TableStore tables;
    private final String table;

    public IngestionRepository(TableStore tables, String table) {
        this.tables = tables;
        this.table = table;
    }

    public Optional<Ingestion> get(TenantId tenant, String ingestionId) {
        return tables.get(table, tenant.value(), ingestionId).map(IngestionRepository::fromEntity);
    }

    public Ingestion insert(Ingestion ingestion) {
        return fromEntity(tables.insert(table, toEntity(ingestion)));
    }

    /** Replaces the record only if it is unchanged since it was read (a ConcurrencyException otherwise). */
    public Ingestion replace(Ingestion ingestion) {
        return fromEntity(tables.replace(table, toEntity(ingestion)));
    }

    private static TableEntity toEntity(Ingestion ingestion) {
        Map<String, Object> properties = new HashMap<>();
        Ingestion.Request request = ingestion.request();
        properties.put("documentId", ingestion.documentId());
        properties.put("consumerId", ingestion.consumerId());
        properties.put("state", ingestion.state().wire());
        properties.put("contentType", request.contentType());
        request.title().ifPresent(title -> properties.put("title", title));
        request.fileName().ifPresent(name -> properties.put("fileName", name));
        properties.put("metadata", Json.write(request.metadata()));
        properties.put("sizeBytes", request.sizeBytes());
        properties.put("pendingPath", request.pendingPath());
        properties.put("readers", Json.write(request.readers().principals().stream().sorted().toList()));
        properties.put("submitterGroups", Json.write(request.submitterGroups().stream().sorted().toList()));
        properties.put("characters", (long) ingestion.progress().characters());
        properties.put("chunksEmbedded", (long) ingestion.progress().chunksEmbedded());
        properties.put("chunksTotal", (long) ingestion.progress().chunksTotal());
        if (ingestion.generation() != null) {
            properties.put("generation", ingestion.generation());
        }
        if (ingestion.outcome() != null) {
            properties.put("outcome", ingestion.outcome());
        }
        if (ingestion.error() != null) {
            properties.put("error", Json.write(ingestion.error()));
        }
        properties.put("createdAt", ingestion.createdAt());
        properties.put("updatedAt", ingestion.updatedAt());
        return new TableEntity(ingestion.tenantId(), ingestion.ingestionId(), properties, ingestion.etag());
    }

    private static Ingestion fromEntity(TableEntity entity) {
        var request = new Ingestion.Request(entity.string("contentType").orElse(""), entity.string("title"),
                entity.string("fileName"), read(entity, "metadata", STRING_MAP).orElse(Map.of()),
                entity.longValue("sizeBytes", 0), entity.string("pendingPath").orElse(""),
                Readers.fromPrincipals(read(entity, "readers", STRINGS).orElse(List.of())),
                Set.copyOf(read(entity, "submitterGroups", STRINGS).orElse(List.of())));
        var progress = new Ingestion.Progress((int) entity.longValue("characters", -1),
                (int) entity.longValue("chunksEmbedded", 0), (int) entity.longValue("chunksTotal", 0));
        return new Ingestion(entity.partitionKey(), entity.rowKey(), entity.string("documentId").orElse(""),
                entity.string("consumerId").orElse(""), IngestionState.fromWire(entity.string("state").orElse("queued")),
                request, progress, entity.string("generation").orElse(null), entity.string("outcome").orElse(null),
                read(entity, "error", OBJECT_MAP).orElse(null), instant(entity, "createdAt"),
                instant(entity, "updatedAt"), entity.etag());
    }

    private static <T> Optional<T> read(TableEntity entity, String name, TypeReference<T> type) {
        Optional<String> json = entity.string(name);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(json.get(), type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Ingestion " + entity.rowKey() + " has a corrupt " + name, e);
        }
    }

    private static Instant instant(TableEntity entity, String name) {
        Object value = entity.properties().get(name);
        if (value instanceof Instant instant) {
            return instant;
        }
        return value == null ? Instant.EPOCH : Instant.parse(value.toString());
    }
}
