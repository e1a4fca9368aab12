package com.aiplatform.shared.vector.qdrant;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.vector.VectorMatch;
import com.aiplatform.shared.vector.VectorQuery;
import com.aiplatform.shared.vector.VectorRecord;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.RepeatedStrings;
import io.qdrant.client.grpc.JsonWithInt.ListValue;
import io.qdrant.client.grpc.JsonWithInt.Struct;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.NamedVectors;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.Vectors;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How a record is laid out in Qdrant, and the filters over that layout. Payload: {@code tenant}, {@code id},
 * {@code documentId}, {@code text}, {@code meta} (the metadata as an object, filtered as {@code meta.<key>}),
 * {@code readers} (the reader principals as a list of keywords; absent when there are none).
 */
final class PointCodec {

    static final String DENSE = "dense";
    static final String SPARSE = "bm25";
    static final String TENANT = "tenant";
    static final String ID = "id";
    static final String DOCUMENT_ID = "documentId";
    static final String TEXT = "text";
    static final String META = "meta";
    static final String READERS = "readers";
    /** What searches read back. */
    static final List<String> RETURNED_FIELDS = List.of(ID, DOCUMENT_ID, TEXT, META);

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private PointCodec() {
    }

    /** The same tenant and id always give the same point, so upserting again replaces it. */
    static PointId pointId(TenantId tenant, String id) {
        UUID uuid = UUID.nameUUIDFromBytes((tenant.value() + "/" + id).getBytes(StandardCharsets.UTF_8));
        return PointId.newBuilder().setUuid(uuid.toString()).build();
    }

    static PointStruct point(VectorRecord record, Bm25Encoder.Encoded keywords) {
        NamedVectors.Builder vectors = NamedVectors.newBuilder()
                .putVectors(DENSE, Vector.newBuilder().setDense(dense(record.vector())).build());
        // Qdrant lets a point lack a named vector; text with no terms could never match a keyword search.
        if (!keywords.isEmpty()) {
            vectors.putVectors(SPARSE, Vector.newBuilder().setSparse(sparse(keywords)).build());
        }
        Struct.Builder meta = Struct.newBuilder();
        record.metadata().forEach((key, value) -> meta.putFields(key, string(value)));
        PointStruct.Builder point = PointStruct.newBuilder();
        if (!record.readers().isEmpty()) {
            ListValue.Builder readers = ListValue.newBuilder();
            record.readers().stream().sorted().forEach(reader -> readers.addValues(string(reader)));
            point.putPayload(READERS, Value.newBuilder().setListValue(readers).build());
        }
        return point
                .setId(pointId(record.tenant(), record.id()))
                .setVectors(Vectors.newBuilder().setVectors(vectors))
                .putPayload(TENANT, string(record.tenant().value()))
                .putPayload(ID, string(record.id()))
                .putPayload(DOCUMENT_ID, string(record.documentId()))
                .putPayload(TEXT, string(record.text()))
                .putPayload(META, Value.newBuilder().setStructValue(meta).build())
                .build();
    }

    static DenseVector dense(float[] vector) {
        DenseVector.Builder dense = DenseVector.newBuilder();
        for (float v : vector) {
            dense.addData(v);
        }
        return dense.build();
    }

    static SparseVector sparse(Bm25Encoder.Encoded keywords) {
        return SparseVector.newBuilder().addAllIndices(keywords.indices()).addAllValues(keywords.values()).build();
    }

    /** Every read and delete starts from this: the tenant, then the metadata filter. */
    static Filter.Builder tenantFilter(TenantId tenant, Map<String, String> metadata) {
        Filter.Builder filter = Filter.newBuilder().addMust(keyword(TENANT, tenant.value()));
        metadata.forEach((key, value) -> filter.addMust(keyword(metaKey(key), value)));
        return filter;
    }

    /**
     * A search's filter: the tenant, the metadata, and one of the query's principals among the point's readers
     * (a {@code match any} on the {@code readers} keywords, which a point without readers never satisfies).
     */
    static Filter.Builder searchFilter(VectorQuery query) {
        return tenantFilter(query.tenant(), query.filter()).addMust(Condition.newBuilder().setField(
                FieldCondition.newBuilder().setKey(READERS).setMatch(Match.newBuilder().setKeywords(
                        RepeatedStrings.newBuilder().addAllStrings(query.principals().stream().sorted().toList()))))
                .build());
    }

    static Filter documentFilter(TenantId tenant, String documentId, Map<String, String> metadata) {
        return tenantFilter(tenant, metadata).addMust(keyword(DOCUMENT_ID, documentId)).build();
    }

    static VectorMatch match(ScoredPoint point) {
        Map<String, Value> payload = point.getPayloadMap();
        Map<String, String> metadata = new HashMap<>();
        payload.getOrDefault(META, Value.getDefaultInstance()).getStructValue().getFieldsMap()
                .forEach((key, value) -> metadata.put(key, value.getStringValue()));
        return new VectorMatch(text(payload, ID), text(payload, DOCUMENT_ID), text(payload, TEXT), point.getScore(),
                Map.copyOf(metadata));
    }

    /** Qdrant reads a dot as nesting; other keys are quoted so that they stay one key. */
    static String metaKey(String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return META + "." + key;
        }
        if (key.contains("\"")) {
            throw new IllegalArgumentException("A metadata filter key cannot contain a double quote: " + key);
        }
        return META + ".\"" + key + "\"";
    }

    private static String text(Map<String, Value> payload, String field) {
        return payload.getOrDefault(field, Value.getDefaultInstance()).getStringValue();
    }

    private static Condition keyword(String key, String value) {
        return Condition.newBuilder().setField(FieldCondition.newBuilder()
                .setKey(key).setMatch(Match.newBuilder().setKeyword(value))).build();
    }

    private static Value string(String value) {
        return Value.newBuilder().setStringValue(value).build();
    }
}
