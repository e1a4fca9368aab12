package com.aiplatform.shared.vector.qdrant;

import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.DenseVector;
import io.qdrant.client.grpc.Points.NamedVectors;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorInput;
import io.qdrant.client.grpc.Points.Vectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The fake's own behaviour, checked against what Qdrant documents, through the real client. */
class FakeQdrantTest {

    private FakeQdrant qdrant;
    private QdrantClient client;

    @BeforeEach
    void start() throws Exception {
        qdrant = FakeQdrant.start();
        client = new QdrantClient(QdrantGrpcClient.newBuilder(qdrant.channel(), true, false).build());
        client.createCollectionAsync(CreateCollection.newBuilder().setCollectionName("c")
                .setVectorsConfig(VectorsConfig.newBuilder().setParamsMap(VectorParamsMap.newBuilder()
                        .putMap("dense", VectorParams.newBuilder().setSize(2).setDistance(Distance.Cosine).build())))
                .setSparseVectorsConfig(SparseVectorConfig.newBuilder()
                        .putMap("bm25", SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
                .build()).get();
        upsert(point(1, new float[] {3, 4}, new int[] {7, 8}, new float[] {1, 2}),
                point(2, new float[] {1, 0}, new int[] {7}, new float[] {1}),
                point(3, new float[] {0, 1}, new int[] {9}, new float[] {5}));
    }

    @AfterEach
    void stop() {
        client.close();
        qdrant.close();
    }

    @Test
    void should_weight_sparse_query_by_documented_idf_when_modifier_is_idf() throws Exception {
        List<ScoredPoint> result = query(VectorInput.newBuilder().setSparse(SparseVector.newBuilder()
                .addIndices(7).addValues(1).addIndices(8).addValues(1)).build(), "bm25");

        double idf7 = Math.log((3 - 2 + 0.5) / (2 + 0.5) + 1);
        double idf8 = Math.log((3 - 1 + 0.5) / (1 + 0.5) + 1);
        assertThat(result).extracting(p -> p.getId().getNum()).containsExactly(1L, 2L);
        assertThat((double) result.get(0).getScore()).isCloseTo(idf7 * 1 + idf8 * 2, within(1e-5));
        assertThat((double) result.get(1).getScore()).isCloseTo(idf7, within(1e-5));
    }

    @Test
    void should_score_cosine_of_normalised_vectors_and_return_no_payload_unless_asked() throws Exception {
        List<ScoredPoint> result = query(VectorInput.newBuilder().setDense(DenseVector.newBuilder()
                .addData(2).addData(0)).build(), "dense");

        assertThat(result).extracting(p -> p.getId().getNum()).containsExactly(2L, 1L, 3L);
        assertThat((double) result.get(1).getScore()).isCloseTo(0.6, within(1e-6));
        assertThat(result).allSatisfy(p -> assertThat(p.getPayloadMap()).isEmpty());
    }

    @Test
    void should_reject_vector_of_wrong_size_and_unknown_collection_as_qdrant_does() {
        assertThatThrownBy(() -> upsert(point(4, new float[] {1, 2, 3}, new int[] {1}, new float[] {1})))
                .hasCauseInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("INVALID_ARGUMENT: Wrong input: Vector dimension error: expected dim: 2, got 3");
        assertThatThrownBy(() -> client.countAsync("missing").get())
                .hasMessageContaining("NOT_FOUND: Not found: Collection `missing` doesn't exist!");
    }

    private List<ScoredPoint> query(VectorInput input, String using) throws Exception {
        return client.queryAsync(QueryPoints.newBuilder().setCollectionName("c").setUsing(using)
                .setQuery(Query.newBuilder().setNearest(input)).build()).get();
    }

    private void upsert(PointStruct... points) throws ExecutionException, InterruptedException {
        client.upsertAsync(UpsertPoints.newBuilder().setCollectionName("c").setWait(true)
                .addAllPoints(List.of(points)).build()).get();
    }

    private static PointStruct point(long id, float[] dense, int[] indices, float[] values) {
        DenseVector.Builder denseVector = DenseVector.newBuilder();
        for (float v : dense) {
            denseVector.addData(v);
        }
        SparseVector.Builder sparse = SparseVector.newBuilder();
        for (int i = 0; i < indices.length; i++) {
            sparse.addIndices(indices[i]).addValues(values[i]);
        }
        return PointStruct.newBuilder()
                .setId(PointId.newBuilder().setNum(id))
                .setVectors(Vectors.newBuilder().setVectors(NamedVectors.newBuilder()
                        .putVectors("dense", Vector.newBuilder().setDense(denseVector).build())
                        .putVectors("bm25", Vector.newBuilder().setSparse(sparse).build())))
                .putPayload("n", Value.newBuilder().setIntegerValue(id).build())
                .build();
    }
}
