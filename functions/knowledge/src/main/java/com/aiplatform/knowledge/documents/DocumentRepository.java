package com.aiplatform.knowledge.documents;

import com.aiplatform.shared.identity.Readers;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableStore;
import com.fasterxml.jackson.core.type.TypeReference;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Document records in Table storage: the tenant is the partition key, the document id the row key. */
public final class DocumentRepository {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final TableStore tables;
    private final String table;

    public DocumentRepository(TableStore tables, String table) {
        this.tables = tables;
        this.table = table;
    }

    public Optional<DocumentRecord> get(TenantId tenant, String documentId) {
        return tables.get(table, tenant.value(), documentId).map(DocumentRepository::fromEntity);
    }

    public List<DocumentRecord> list(TenantId tenant) {
        return tables.list(table, tenant.value()).stream().map(DocumentRepository::fromEntity).toList();
    }

    /**
     * Saves the record: inserts it when {@code record.etag()} is null, otherwise replaces it only if
     * the stored row is unchanged since it was read (a ConcurrencyException otherwise).
     */
    public DocumentRecord save(DocumentRecord record) {
        TableEntity entity = toEntity(record);
        TableEntity saved = record.etag() == null ? tables.insert(table, entity) : tables.replace(table, entity);
        return fromEntity(saved);
    }

    public void delete(TenantId tenant, String documentId) {
        tables.delete(table, tenant.value(), documentId);
    }

    private static TableEntity toEntity(DocumentRecord record) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("title", record.title());
        properties.put("contentType", record.contentType());
        properties.put("contentHash", record.contentHash());
        properties.put("version", record.version());
        properties.put("chunkCount", (long) record.chunkCount());
        properties.put("sizeBytes", record.sizeBytes());
        properties.put("blobPath", record.blobPath());
        properties.put("metadata", Json.write(record.metadata()));
        properties.put("readers", Json.write(record.readers().principals().stream().sorted().toList()));
        properties.put("embeddingModel", record.embeddingModel());
        properties.put("createdAt", record.createdAt());
        properties.put("updatedAt", record.updatedAt());
        properties.put("eventPending", record.eventPending());
        return new TableEntity(record.tenantId(), record.documentId(), properties, record.etag());
    }

    private static DocumentRecord fromEntity(TableEntity entity) {
        Map<String, String> metadata;
        try {
            metadata = Json.mapper().readValue(entity.string("metadata").orElse("{}"), STRING_MAP);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Document record " + entity.rowKey() + " has corrupt metadata", e);
        }
        return new DocumentRecord(entity.partitionKey(), entity.rowKey(), entity.string("title").orElse(""),
                entity.string("contentType").orElse(""), entity.string("contentHash").orElse(""),
                entity.longValue("version", 0), (int) entity.longValue("chunkCount", 0),
                entity.longValue("sizeBytes", 0), entity.string("blobPath").orElse(""), metadata, readers(entity),
                entity.string("embeddingModel").orElse(""), instant(entity, "createdAt"),
                instant(entity, "updatedAt"), Boolean.TRUE.equals(entity.properties().get("eventPending")),
                entity.etag());
    }

    /** What {@link #toEntity} wrote; a record from before readers existed has none, so nobody reads it. */
    private static Readers readers(TableEntity entity) {
        try {
            return Readers.fromPrincipals(Json.mapper().readValue(entity.string("readers").orElse("[]"), STRINGS));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Document record " + entity.rowKey() + " has corrupt readers", e);
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
