package com.aiplatform.shared.vector.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.Vectors;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One collection of the fake Qdrant: its configuration, payload indexes and points, with Qdrant's
 * validation of what is written. Searching lives in {@link FakeSearch}. Callers synchronise on it.
 */
final class FakeCollection {

    /** A stored point. Dense vectors of a Cosine collection are stored normalised, as Qdrant does. */
    record StoredPoint(PointId id, Map<String, Value> payload, Map<String, float[]> dense,
                       Map<String, Map<Integer, Float>> sparse, long version) {
    }

    private final String name;
    private final Map<String, VectorParams> denseConfig;
    private final Map<String, SparseVectorParams> sparseConfig;
    private final Map<String, PayloadSchemaInfo> payloadSchema = new LinkedHashMap<>();
    private final Map<String, StoredPoint> points = new LinkedHashMap<>();
    private long version;

    FakeCollection(CreateCollection request) {
        this.name = request.getCollectionName();
        this.denseConfig = request.getVectorsConfig().hasParams()
                ? Map.of("", request.getVectorsConfig().getParams())
                : Map.copyOf(request.getVectorsConfig().getParamsMap().getMapMap());
        this.sparseConfig = Map.copyOf(request.getSparseVectorsConfig().getMapMap());
    }

    /** How Qdrant compares point ids: a UUID in any spelling, or a number. */
    static String key(PointId id) {
        switch (id.getPointIdOptionsCase()) {
            case UUID:
                try {
                    return "uuid:" + UUID.fromString(id.getUuid());
                } catch (IllegalArgumentException e) {
                    throw invalid("Unable to parse UUID: " + id.getUuid());
                }
            case NUM:
                return "num:" + id.getNum();
            default:
                throw invalid("point id is missing");
        }
    }

    static StatusRuntimeException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription("Wrong input: " + description).asRuntimeException();
    }

    String name() {
        return name;
    }

    Map<String, VectorParams> denseConfig() {
        return denseConfig;
    }

    Map<String, SparseVectorParams> sparseConfig() {
        return sparseConfig;
    }

    Map<String, PayloadSchemaInfo> payloadSchema() {
        return payloadSchema;
    }

    List<StoredPoint> points() {
        return List.copyOf(points.values());
    }

    long nextVersion() {
        return ++version;
    }

    /**
     * All points are validated before any is written, as one Qdrant upsert is applied whole or not at all.
     * Returns the operation id, which becomes the points' version.
     */
    long upsert(List<PointStruct> batch) {
        long operation = nextVersion();
        List<StoredPoint> stored = batch.stream().map(p -> toStored(p, operation)).toList();
        stored.forEach(point -> points.put(key(point.id()), point));
        return operation;
    }

    void delete(Filter filter) {
        points.values().removeIf(point -> PayloadFilter.matches(filter, point.id(), point.payload()));
    }

    void delete(List<PointId> ids) {
        ids.forEach(id -> points.remove(key(id)));
    }

    long count(Filter filter) {
        return points.values().stream()
                .filter(point -> PayloadFilter.matches(filter, point.id(), point.payload())).count();
    }

    CollectionInfo info() {
        CollectionParams.Builder params = CollectionParams.newBuilder().setShardNumber(1);
        if (denseConfig.containsKey("") && denseConfig.size() == 1) {
            params.getVectorsConfigBuilder().setParams(denseConfig.get(""));
        } else {
            params.getVectorsConfigBuilder().getParamsMapBuilder().putAllMap(denseConfig);
        }
        params.getSparseVectorsConfigBuilder().putAllMap(sparseConfig);
        return CollectionInfo.newBuilder()
                .setStatus(CollectionStatus.Green)
                .setSegmentsCount(1)
                .setPointsCount(points.size())
                .setConfig(CollectionConfig.newBuilder().setParams(params))
                .putAllPayloadSchema(payloadSchema)
                .build();
    }

    private StoredPoint toStored(PointStruct point, long operation) {
        Map<String, Vector> vectors = named(point.getVectors());
        Map<String, float[]> dense = new HashMap<>();
        Map<String, Map<Integer, Float>> sparse = new HashMap<>();
        vectors.forEach((vectorName, vector) -> {
            if (denseConfig.containsKey(vectorName)) {
                dense.put(vectorName, denseVector(vectorName, vector));
            } else if (sparseConfig.containsKey(vectorName)) {
                sparse.put(vectorName, sparseVector(vector));
            } else {
                throw invalid("Not existing vector name error: " + vectorName);
            }
        });
        return new StoredPoint(PointId.newBuilder(point.getId()).build(), Map.copyOf(point.getPayloadMap()),
                dense, sparse, operation);
    }

    private static Map<String, Vector> named(Vectors vectors) {
        switch (vectors.getVectorsOptionsCase()) {
            case VECTOR:
                return Map.of("", vectors.getVector());
            case VECTORS:
                return vectors.getVectors().getVectorsMap();
            default:
                return Map.of();
        }
    }

    private float[] denseVector(String vectorName, Vector vector) {
        List<Float> data;
        if (vector.hasDense()) {
            data = vector.getDense().getDataList();
        } else if (vector.getVectorCase() == Vector.VectorCase.VECTOR_NOT_SET && !vector.hasIndices()) {
            data = vector.getDataList();
        } else {
            throw invalid("Conversion between sparse and regular vectors failed");
        }
        VectorParams params = denseConfig.get(vectorName);
        if (data.size() != params.getSize()) {
            throw invalid("Vector dimension error: expected dim: " + params.getSize() + ", got " + data.size());
        }
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i);
        }
        return params.getDistance() == Distance.Cosine ? FakeSearch.normalised(values) : values;
    }

    private static Map<Integer, Float> sparseVector(Vector vector) {
        List<Integer> indices;
        List<Float> values;
        if (vector.hasSparse()) {
            indices = vector.getSparse().getIndicesList();
            values = vector.getSparse().getValuesList();
        } else if (vector.hasIndices()) {
            indices = vector.getIndices().getDataList();
            values = vector.getDataList();
        } else {
            throw invalid("Conversion between sparse and regular vectors failed");
        }
        if (indices.size() != values.size()) {
            throw invalid("Validation error: indices and values must have the same length");
        }
        Map<Integer, Float> sparse = new HashMap<>();
        for (int i = 0; i < indices.size(); i++) {
            if (sparse.put(indices.get(i), values.get(i)) != null) {
                throw invalid("Validation error: indices must be unique");
            }
        }
        return sparse;
    }

    boolean usesIdf(String sparseName) {
        return sparseConfig.get(sparseName).getModifier() == Modifier.Idf;
    }
}
