package com.aiplatform.assistant.files;

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

/** File records in Table storage: the tenant is the partition key, the file id the row key. */
public final class FileRepository {

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };

    private final TableStore tables;
    private final String table;

    public FileRepository(TableStore tables, String table) {
        this.tables = tables;
        this.table = table;
    }

    public Optional<FileRecord> get(TenantId tenant, String fileId) {
        return tables.get(table, tenant.value(), fileId).map(FileRepository::fromEntity);
    }

    public List<FileRecord> list(TenantId tenant) {
        return tables.list(table, tenant.value()).stream().map(FileRepository::fromEntity).toList();
    }

    /** Inserts a new record; {@code ConcurrencyException} if one with the same id exists. */
    public FileRecord insert(FileRecord record) {
        return fromEntity(tables.insert(table, toEntity(record)));
    }

    /** Replaces the record if unchanged since it was read; {@code ConcurrencyException} if not. */
    public FileRecord replace(FileRecord record) {
        return fromEntity(tables.replace(table, toEntity(record)));
    }

    public void delete(TenantId tenant, String fileId) {
        tables.delete(table, tenant.value(), fileId);
    }

    private static TableEntity toEntity(FileRecord record) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("fileName", record.fileName());
        properties.put("declaredType", record.declaredType());
        if (record.mediaType() != null) {
            properties.put("mediaType", record.mediaType());
        }
        properties.put("sizeBytes", record.sizeBytes());
        if (record.sha256() != null) {
            properties.put("sha256", record.sha256());
        }
        properties.put("blobPath", record.blobPath());
        properties.put("status", record.status().wire());
        if (record.error() != null) {
            properties.put("error", Json.write(record.error()));
        }
        properties.put("source", record.source().name());
        properties.put("consumerId", record.consumerId());
        properties.put("createdAt", record.createdAt());
        properties.put("updatedAt", record.updatedAt());
        return new TableEntity(record.tenantId(), record.fileId(), properties, record.etag());
    }

    private static FileRecord fromEntity(TableEntity entity) {
        return new FileRecord(entity.partitionKey(), entity.rowKey(), entity.string("fileName").orElse(""),
                entity.string("declaredType").orElse(""), entity.string("mediaType").orElse(null),
                entity.longValue("sizeBytes", 0), entity.string("sha256").orElse(null),
                entity.string("blobPath").orElse(""), FileStatus.parse(entity.string("status").orElse("queued")),
                entity.string("error").map(FileRepository::problem).orElse(null),
                FileRecord.FileSource.valueOf(entity.string("source").orElse("UPLOAD")),
                entity.string("consumerId").orElse(""), instant(entity, "createdAt"), instant(entity, "updatedAt"),
                entity.etag());
    }

    private static Map<String, Object> problem(String json) {
        try {
            return Json.mapper().readValue(json, OBJECT_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A file record holds a corrupt error", e);
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
