package com.aiplatform.shared.vector.qdrant;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.vector.VectorMatch;
import com.aiplatform.shared.vector.VectorQuery;
import com.aiplatform.shared.vector.VectorRecord;
import com.aiplatform.shared.vector.VectorStore;
import io.grpc.ManagedChannel;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.PayloadIncludeSelector;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.VectorInput;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link VectorStore} on a Qdrant collection over gRPC. Tenants share the collection and are kept apart by
 * a {@code must} filter on the {@code tenant} payload field in every search, count and delete; every search also
 * must match one of the query's principals in the {@code readers} payload field, so a point without readers (or a
 * query without principals) finds nothing. Dense search
 * runs the query API on the named vector {@code dense}; keyword search on the sparse vector {@code bm25},
 * which Qdrant weights by IDF (see {@link Bm25Encoder}). Writes wait until they are applied, so a search
 * right after an upsert sees it. Failures surface as {@link QdrantStoreException}.
 */
public final class QdrantVectorStore implements VectorStore {

    /** Keeps each upsert request well under gRPC's default 4 MB message limit with 1,536-dimensional vectors. */
    private static final int UPSERT_BATCH = 128;

    private final QdrantClient client;
    private final QdrantOptions options;

    private QdrantVectorStore(QdrantClient client, QdrantOptions options) {
        this.client = client;
        this.options = options;
    }

    /** Connects to {@code options.host():options.port()} and makes sure the collection exists. */
    public static QdrantVectorStore open(QdrantOptions options) {
        // The client's version check would make a blocking call without a deadline; health() reports the version.
        QdrantGrpcClient.Builder builder =
                QdrantGrpcClient.newBuilder(options.host(), options.port(), options.tls(), false);
        return open(builder, options);
    }

    /**
     * Uses an existing channel (in-process or custom transport); host, port and TLS in the options are
     * ignored. The store shuts the channel down on {@link #close()}.
     */
    public static QdrantVectorStore open(ManagedChannel channel, QdrantOptions options) {
        return open(QdrantGrpcClient.newBuilder(channel, true, false), options);
    }

    private static QdrantVectorStore open(QdrantGrpcClient.Builder builder, QdrantOptions options) {
        if (options.apiKey() != null) {
            builder.withApiKey(options.apiKey());
        }
        QdrantClient client = new QdrantClient(builder.build());
        try {
            new CollectionSchema(client, options).ensure();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new QdrantVectorStore(client, options);
    }

    @Override
    public void upsert(List<VectorRecord> records) {
        List<PointStruct> points = new ArrayList<>(records.size());
        for (VectorRecord record : records) {
            if (record.vector().length != options.dimensions()) {
                throw new IllegalArgumentException("Record " + record.id() + " has " + record.vector().length
                        + " dimensions; the store expects " + options.dimensions());
            }
            points.add(PointCodec.point(record, Bm25Encoder.document(record.text())));
        }
        for (int from = 0; from < points.size(); from += UPSERT_BATCH) {
            UpsertPoints request = UpsertPoints.newBuilder()
                    .setCollectionName(options.collection())
                    .setWait(true)
                    .addAllPoints(points.subList(from, Math.min(points.size(), from + UPSERT_BATCH)))
                    .build();
            QdrantCalls.await(client.upsertAsync(request, options.writeTimeout()),
                    "upsert " + request.getPointsCount() + " points into " + options.collection());
        }
    }

    @Override
    public List<VectorMatch> search(VectorQuery query) {
        if (query.principals().isEmpty()) {
            return List.of();
        }
        Filter.Builder filter = PointCodec.searchFilter(query);
        QueryPoints.Builder request = QueryPoints.newBuilder()
                .setCollectionName(options.collection())
                .setLimit(query.topK())
                .setWithPayload(WithPayloadSelector.newBuilder()
                        .setInclude(PayloadIncludeSelector.newBuilder().addAllFields(PointCodec.RETURNED_FIELDS)));
        if (query.mode() == VectorQuery.Mode.DENSE) {
            if (query.vector().length != options.dimensions()) {
                throw new IllegalArgumentException("The query vector has " + query.vector().length
                        + " dimensions; the store expects " + options.dimensions());
            }
            request.setUsing(PointCodec.DENSE)
                    .setQuery(Query.newBuilder().setNearest(VectorInput.newBuilder()
                            .setDense(PointCodec.dense(query.vector()))));
        } else {
            Bm25Encoder.Encoded terms = Bm25Encoder.query(query.text());
            if (terms.isEmpty()) {
                return List.of();
            }
            request.setUsing(PointCodec.SPARSE)
                    .setQuery(Query.newBuilder().setNearest(VectorInput.newBuilder()
                            .setSparse(PointCodec.sparse(terms))));
        }
        request.setFilter(filter);
        return QdrantCalls.await(client.queryAsync(request.build(), options.readTimeout()),
                        "search " + options.collection())
                .stream().map(PointCodec::match).toList();
    }

    @Override
    public void deleteDocument(TenantId tenant, String documentId) {
        deleteDocument(tenant, documentId, Map.of());
    }

    @Override
    public void deleteDocument(TenantId tenant, String documentId, Map<String, String> metadata) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(documentId, "documentId");
        Filter filter = PointCodec.documentFilter(tenant, documentId, metadata == null ? Map.of() : metadata);
        DeletePoints request = DeletePoints.newBuilder()
                .setCollectionName(options.collection())
                .setWait(true)
                .setPoints(PointsSelector.newBuilder().setFilter(filter))
                .build();
        QdrantCalls.await(client.deleteAsync(request, options.writeTimeout()),
                "delete document " + documentId + " from " + options.collection());
    }

    @Override
    public long count(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        Filter filter = PointCodec.tenantFilter(tenant, Map.of()).build();
        return QdrantCalls.await(client.countAsync(options.collection(), filter, true, options.readTimeout()),
                "count points in " + options.collection());
    }

    @Override
    public HealthStatus health() {
        try {
            HealthCheckReply reply = QdrantCalls.await(client.healthCheckAsync(options.readTimeout()),
                    "answer a health check");
            return new HealthStatus(true, "Qdrant " + reply.getVersion() + ", collection " + options.collection());
        } catch (QdrantStoreException e) {
            return new HealthStatus(false, e.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
