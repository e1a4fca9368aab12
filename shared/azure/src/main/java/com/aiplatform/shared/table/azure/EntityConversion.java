package com.aiplatform.shared.table.azure;

import com.aiplatform.shared.table.TableEntity;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Our {@link TableEntity} to and from the SDK's, keeping property types and ETags intact. */
final class EntityConversion {

    private static final Set<String> SYSTEM_PROPERTIES = Set.of("PartitionKey", "RowKey", "Timestamp");
    private static final String ETAG = "odata.etag";
    private static final String TYPE_ANNOTATION = "@odata.type";

    private EntityConversion() {
    }

    static com.azure.data.tables.models.TableEntity toAzure(TableEntity entity, boolean withETag) {
        var azure = new com.azure.data.tables.models.TableEntity(entity.partitionKey(), entity.rowKey());
        entity.properties().forEach((name, value) -> {
            azure.addProperty(name, toAzureValue(name, value));
            if (value instanceof Double) {
                // Without the annotation Azure stores a whole number such as 2.0 as Int32.
                azure.addProperty(name + TYPE_ANNOTATION, "Edm.Double");
            }
        });
        if (withETag) {
            azure.addProperty(ETAG, entity.etag());
        }
        return azure;
    }

    private static Object toAzureValue(String name, Object value) {
        if (value instanceof Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (value instanceof String || value instanceof Long || value instanceof Integer || value instanceof Double
                || value instanceof Boolean || value instanceof byte[]) {
            return value;
        }
        throw new IllegalArgumentException("Property " + name + " has unsupported type "
                + (value == null ? "null" : value.getClass().getName())
                + "; use String, Long, Integer, Double, Boolean, byte[] or Instant");
    }

    static TableEntity fromAzure(com.azure.data.tables.models.TableEntity azure) {
        Map<String, Object> properties = new HashMap<>();
        azure.getProperties().forEach((name, value) -> {
            if (!SYSTEM_PROPERTIES.contains(name) && !name.startsWith("odata.") && !name.endsWith(TYPE_ANNOTATION)
                    && value != null) {
                properties.put(name, value instanceof OffsetDateTime time ? time.toInstant() : value);
            }
        });
        return new TableEntity(azure.getPartitionKey(), azure.getRowKey(), properties, azure.getETag());
    }

    static TableEntity withETag(TableEntity entity, Response<Void> response) {
        String etag = response.getHeaders().getValue(HttpHeaderName.ETAG);
        if (etag != null && etag.startsWith("W/\"") && !etag.endsWith("\"")) {
            // Azurite 3.37 drops the closing quote of a table write's ETag header; Azure does not.
            etag = etag + "\"";
        }
        return new TableEntity(entity.partitionKey(), entity.rowKey(), entity.properties(), etag);
    }
}
