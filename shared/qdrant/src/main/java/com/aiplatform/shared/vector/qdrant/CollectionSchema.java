package com.aiplatform.shared.vector.qdrant;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.KeywordIndexParams;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.FieldType;

import java.time.Duration;
import java.util.Map;

/**
 * Creates the collection the store needs, or checks that an existing one fits: a named cosine vector
 * {@code dense}, a sparse vector {@code bm25} with the IDF modifier, and keyword payload indexes. The
 * tenant index is marked {@code is_tenant}, so Qdrant co-locates each tenant's points and plans
 * tenant-filtered searches from it. Safe to run from many instances at once.
 */
final class CollectionSchema {

    private final QdrantClient client;
    private final QdrantOptions options;

    CollectionSchema(QdrantClient client, QdrantOptions options) {
        this.client = client;
        this.options = options;
    }

    void ensure() {
        String name = options.collection();
        Duration timeout = options.writeTimeout();
        if (!QdrantCalls.await(client.collectionExistsAsync(name, timeout), "check collection " + name)) {
            create();
        }
        CollectionInfo info = QdrantCalls.await(client.getCollectionInfoAsync(name, timeout),
                "read collection " + name);
        verify(info.getConfig().getParams());
        ensureKeywordIndex(info, PointCodec.TENANT, KeywordIndexParams.newBuilder().setIsTenant(true).build());
        ensureKeywordIndex(info, PointCodec.DOCUMENT_ID, KeywordIndexParams.getDefaultInstance());
        ensureKeywordIndex(info, PointCodec.READERS, KeywordIndexParams.getDefaultInstance());
    }

    private void create() {
        String name = options.collection();
        CreateCollection request = CreateCollection.newBuilder()
                .setCollectionName(name)
                .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder()
                        .putMap(PointCodec.DENSE, VectorParams.newBuilder()
                                .setSize(options.dimensions()).setDistance(Distance.Cosine).build())))
                .setSparseVectorsConfig(SparseVectorConfig.newBuilder()
                        .putMap(PointCodec.SPARSE, SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
                .build();
        try {
            QdrantCalls.await(client.createCollectionAsync(request, options.writeTimeout()), "create collection " + name);
        } catch (QdrantStoreException e) {
            // Another instance may have created it between our check and our create ("already exists").
            if (!QdrantCalls.await(client.collectionExistsAsync(name, options.writeTimeout()),
                    "check collection " + name)) {
                throw e;
            }
        }
    }

    private void verify(CollectionParams params) {
        VectorParams dense = params.getVectorsConfig().getParamsMap().getMapMap().get(PointCodec.DENSE);
        SparseVectorParams sparse = params.getSparseVectorsConfig().getMapMap().get(PointCodec.SPARSE);
        boolean fits = dense != null && dense.getSize() == options.dimensions() && dense.getDistance() == Distance.Cosine
                && sparse != null && sparse.getModifier() == Modifier.Idf;
        if (!fits) {
            throw new QdrantStoreException("Qdrant collection " + options.collection() + " exists but does not fit: "
                    + "it needs a " + options.dimensions() + "-dimensional Cosine vector '" + PointCodec.DENSE
                    + "' and a sparse vector '" + PointCodec.SPARSE + "' with the IDF modifier, and has "
                    + params.getVectorsConfig() + params.getSparseVectorsConfig()
                    + ". Use another collection name or delete this one.", "FAILED_PRECONDITION", false, null);
        }
    }

    private void ensureKeywordIndex(CollectionInfo info, String field, KeywordIndexParams params) {
        Map<String, PayloadSchemaInfo> schema = info.getPayloadSchemaMap();
        PayloadSchemaInfo existing = schema.get(field);
        if (existing != null && existing.getDataType() == PayloadSchemaType.Keyword
                && existing.getParams().getKeywordIndexParams().getIsTenant() == params.getIsTenant()) {
            return;
        }
        CreateFieldIndexCollection request = CreateFieldIndexCollection.newBuilder()
                .setCollectionName(options.collection())
                .setWait(true)
                .setFieldName(field)
                .setFieldType(FieldType.FieldTypeKeyword)
                .setFieldIndexParams(PayloadIndexParams.newBuilder().setKeywordIndexParams(params))
                .build();
        QdrantCalls.await(client.createPayloadIndexAsync(request, options.writeTimeout()),
                "index payload field " + field + " of " + options.collection());
    }
}
