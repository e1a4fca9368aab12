package com.aiplatform.shared.vector.qdrant;

import io.grpc.Status;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.VectorInput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query API's {@code nearest} search, exact instead of approximate: filter first, then score.
 * Dense Cosine scores are dot products of normalised vectors (the cosine). Sparse scores are dot products
 * over shared dimensions, only for points sharing at least one, with each query weight multiplied by
 * {@code ln((N − n + 0.5) / (n + 0.5) + 1)} under the IDF modifier, where N counts the collection's points
 * having that sparse vector and n those with a non-zero value in the dimension — over the whole
 * collection, not the filtered points, as in Qdrant.
 */
final class FakeSearch {

    private FakeSearch() {
    }

    static List<ScoredPoint> query(FakeCollection collection, QueryPoints request) {
        if (request.getPrefetchCount() > 0 || !request.hasQuery() || !request.getQuery().hasNearest()) {
            throw Status.UNIMPLEMENTED.withDescription("The fake Qdrant only runs `nearest` queries without prefetch")
                    .asRuntimeException();
        }
        String using = request.hasUsing() ? request.getUsing() : "";
        VectorInput input = request.getQuery().getNearest();
        Map<String, Double> scores = new HashMap<>();
        List<FakeCollection.StoredPoint> candidates = collection.points().stream()
                .filter(p -> !request.hasFilter() || PayloadFilter.matches(request.getFilter(), p.id(), p.payload()))
                .toList();
        if (collection.denseConfig().containsKey(using)) {
            float[] query = denseQuery(collection.denseConfig().get(using), input);
            for (FakeCollection.StoredPoint point : candidates) {
                float[] stored = point.dense().get(using);
                if (stored != null) {
                    scores.put(FakeCollection.key(point.id()), dot(query, stored));
                }
            }
        } else if (collection.sparseConfig().containsKey(using)) {
            Map<Integer, Double> weights = sparseQuery(collection, using, input);
            for (FakeCollection.StoredPoint point : candidates) {
                Map<Integer, Float> stored = point.sparse().get(using);
                if (stored != null && weights.keySet().stream().anyMatch(stored::containsKey)) {
                    double score = 0;
                    for (Map.Entry<Integer, Double> weight : weights.entrySet()) {
                        score += weight.getValue() * stored.getOrDefault(weight.getKey(), 0f);
                    }
                    scores.put(FakeCollection.key(point.id()), score);
                }
            }
        } else {
            throw FakeCollection.invalid("Not existing vector name error: " + using);
        }
        long limit = request.hasLimit() ? request.getLimit() : 10;
        Map<String, FakeCollection.StoredPoint> byKey = new LinkedHashMap<>();
        candidates.forEach(p -> byKey.put(FakeCollection.key(p.id()), p));
        return scores.entrySet().stream()
                .filter(e -> !request.hasScoreThreshold() || e.getValue() >= request.getScoreThreshold())
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .skip(request.getOffset())
                .limit(limit)
                .map(e -> scored(byKey.get(e.getKey()), e.getValue(), request.getWithPayload()))
                .toList();
    }

    static float[] normalised(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        if (norm == 0) {
            return vector.clone();
        }
        float[] result = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            result[i] = (float) (vector[i] / Math.sqrt(norm));
        }
        return result;
    }

    private static float[] denseQuery(VectorParams params, VectorInput input) {
        if (!input.hasDense()) {
            throw FakeCollection.invalid("Conversion between sparse and regular vectors failed");
        }
        List<Float> data = input.getDense().getDataList();
        if (data.size() != params.getSize()) {
            throw FakeCollection.invalid("Vector dimension error: expected dim: " + params.getSize()
                    + ", got " + data.size());
        }
        if (params.getDistance() != Distance.Cosine && params.getDistance() != Distance.Dot) {
            throw Status.UNIMPLEMENTED.withDescription("The fake Qdrant scores only Cosine and Dot")
                    .asRuntimeException();
        }
        float[] query = new float[data.size()];
        for (int i = 0; i < query.length; i++) {
            query[i] = data.get(i);
        }
        return params.getDistance() == Distance.Cosine ? normalised(query) : query;
    }

    private static Map<Integer, Double> sparseQuery(FakeCollection collection, String using, VectorInput input) {
        if (!input.hasSparse()) {
            throw FakeCollection.invalid("Conversion between sparse and regular vectors failed");
        }
        SparseVector sparse = input.getSparse();
        if (sparse.getIndicesCount() != sparse.getValuesCount()) {
            throw FakeCollection.invalid("Validation error: indices and values must have the same length");
        }
        List<Map<Integer, Float>> documents = collection.points().stream()
                .map(p -> p.sparse().get(using)).filter(v -> v != null).toList();
        Map<Integer, Double> weights = new HashMap<>();
        for (int i = 0; i < sparse.getIndicesCount(); i++) {
            int index = sparse.getIndices(i);
            double weight = sparse.getValues(i);
            if (collection.usesIdf(using)) {
                long n = documents.stream().filter(d -> d.getOrDefault(index, 0f) != 0f).count();
                weight *= Math.log((documents.size() - n + 0.5) / (n + 0.5) + 1);
            }
            weights.merge(index, weight, Double::sum);
        }
        return weights;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static ScoredPoint scored(FakeCollection.StoredPoint point, double score, WithPayloadSelector selector) {
        ScoredPoint.Builder scored = ScoredPoint.newBuilder()
                .setId(point.id()).setScore((float) score).setVersion(point.version());
        Map<String, Value> payload = new LinkedHashMap<>(point.payload());
        switch (selector.getSelectorOptionsCase()) {
            case ENABLE:
                if (selector.getEnable()) {
                    scored.putAllPayload(payload);
                }
                break;
            case INCLUDE:
                List<String> fields = new ArrayList<>(selector.getInclude().getFieldsList());
                payload.keySet().retainAll(fields);
                scored.putAllPayload(payload);
                break;
            case EXCLUDE:
                payload.keySet().removeAll(selector.getExclude().getFieldsList());
                scored.putAllPayload(payload);
                break;
            default:
                break;
        }
        return scored.build();
    }
}
