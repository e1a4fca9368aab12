package com.aiplatform.shared.vector.qdrant;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.vector.VectorQuery;
import com.aiplatform.shared.vector.VectorRecord;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the adapter sends to Qdrant, read from the requests the in-process server received. */
class QdrantVectorStoreRequestsTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final float[] VECTOR = {1, 0, 0, 0};

    private FakeQdrant qdrant;
    private QdrantVectorStore store;

    @BeforeEach
    void open() {
        qdrant = FakeQdrant.start();
        store = QdrantVectorStore.open(qdrant.channel(), QdrantVectorStoreContractTest.options());
    }

    @AfterEach
    void close() {
        store.close();
        qdrant.close();
    }

    @Test
    void should_create_named_dense_cosine_and_idf_sparse_vectors_when_opened() {
        assertThat(qdrant.requests(CreateCollection.class)).singleElement().satisfies(create -> {
            assertThat(create.getCollectionName()).isEqualTo("chunks");
            VectorParams dense = create.getVectorsConfig().getParamsMap().getMapOrThrow("dense");
            assertThat(dense.getSize()).isEqualTo(4);
            assertThat(dense.getDistance()).isEqualTo(Distance.Cosine);
            assertThat(create.getSparseVectorsConfig().getMapOrThrow("bm25").getModifier()).isEqualTo(Modifier.Idf);
        });
    }

    @Test
    void should_index_tenant_as_is_tenant_keyword_and_document_id_and_readers_as_keywords_when_opened() {
        Map<String, CreateFieldIndexCollection> indexes = new HashMap<>();
        qdrant.requests(CreateFieldIndexCollection.class).forEach(index -> indexes.put(index.getFieldName(), index));
        assertThat(indexes).containsOnlyKeys("tenant", "documentId", "readers");
        assertThat(indexes.values()).allSatisfy(index -> {
            assertThat(index.getFieldType()).isEqualTo(FieldType.FieldTypeKeyword);
            assertThat(index.getWait()).isTrue();
        });
        assertThat(indexes.get("tenant").getFieldIndexParams().getKeywordIndexParams().getIsTenant()).isTrue();
        assertThat(indexes.get("documentId").getFieldIndexParams().getKeywordIndexParams().getIsTenant()).isFalse();
    }

    @Test
    void should_neither_create_nor_index_again_when_opened_on_existing_collection() {
        qdrant.clearRequests();
        QdrantVectorStore.open(qdrant.channel(), QdrantVectorStoreContractTest.options()).close();
        assertThat(qdrant.requests(CreateCollection.class)).isEmpty();
        assertThat(qdrant.requests(CreateFieldIndexCollection.class)).isEmpty();
    }

    @Test
    void should_send_payload_and_both_vectors_with_wait_when_upserting() {
        store.upsert(List.of(new VectorRecord(ACME, "a1", "doc-a", "Refund policies for returns",
                VECTOR, Map.of("lang", "en"), java.util.Set.of("group:hr", "user:bob"))));

        UpsertPoints upsert = qdrant.requests(UpsertPoints.class).get(0);
        assertThat(upsert.getWait()).isTrue();
        PointStruct point = upsert.getPoints(0);
        UUID expectedId = UUID.nameUUIDFromBytes("acme/a1".getBytes(StandardCharsets.UTF_8));
        assertThat(point.getId().getUuid()).isEqualTo(expectedId.toString());
        assertThat(point.getPayloadMap().get("tenant").getStringValue()).isEqualTo("acme");
        assertThat(point.getPayloadMap().get("id").getStringValue()).isEqualTo("a1");
        assertThat(point.getPayloadMap().get("documentId").getStringValue()).isEqualTo("doc-a");
        assertThat(point.getPayloadMap().get("text").getStringValue()).isEqualTo("Refund policies for returns");
        assertThat(point.getPayloadMap().get("meta").getStructValue().getFieldsOrThrow("lang").getStringValue())
                .isEqualTo("en");
        assertThat(point.getPayloadMap().get("readers").getListValue().getValuesList())
                .extracting(io.qdrant.client.grpc.JsonWithInt.Value::getStringValue).containsExactly("group:hr", "user:bob");
        assertThat(point.getPayloadMap()).containsOnlyKeys("tenant", "id", "documentId", "text", "meta", "readers");
        Map<String, Vector> vectors = point.getVectors().getVectors().getVectorsMap();
        assertThat(vectors.get("dense").getDense().getDataList()).containsExactly(1f, 0f, 0f, 0f);
        assertThat(vectors.get("bm25").getSparse().getIndicesList()).hasSize(3)
                .contains(Bm25Encoder.index("refund"), Bm25Encoder.index("policy"), Bm25Encoder.index("return"));
        assertThat(vectors.get("bm25").getSparse().getValuesList()).allSatisfy(v -> assertThat(v).isPositive());
    }

    @Test
    void should_derive_point_id_from_tenant_and_id_when_upserting() {
        store.upsert(List.of(new VectorRecord(ACME, "a1", "d", "x", VECTOR, Map.of(), java.util.Set.of("tenant"))));
        store.upsert(List.of(new VectorRecord(ACME, "a1", "d", "y", VECTOR, Map.of(), java.util.Set.of("tenant"))));
        store.upsert(List.of(new VectorRecord(TenantId.of("globex"), "a1", "d", "x", VECTOR, Map.of(), java.util.Set.of("tenant"))));

        List<String> ids = qdrant.requests(UpsertPoints.class).stream()
                .map(upsert -> upsert.getPoints(0).getId().getUuid()).toList();
        assertThat(ids.get(0)).isEqualTo(ids.get(1)).isNotEqualTo(ids.get(2));
    }

    @Test
    void should_query_dense_vector_within_tenant_and_metadata_when_searching_dense() {
        store.search(VectorQuery.dense(ACME, java.util.Set.of("tenant"), VECTOR, 7, Map.of("lang", "en")));

        QueryPoints query = qdrant.requests(QueryPoints.class).get(0);
        assertThat(query.getUsing()).isEqualTo("dense");
        assertThat(query.getQuery().getNearest().getDense().getDataList()).containsExactly(1f, 0f, 0f, 0f);
        assertThat(query.getLimit()).isEqualTo(7);
        assertThat(query.getWithPayload().getInclude().getFieldsList()).contains("text");
        assertThat(mustKeywords(query.getFilter())).containsEntry("tenant", "acme").containsEntry("meta.lang", "en");
        assertThat(readersCondition(query.getFilter())).containsExactly("tenant");
    }

    @Test
    void should_send_no_query_when_the_query_holds_no_principals() {
        assertThat(store.search(VectorQuery.dense(ACME, java.util.Set.of(), VECTOR, 3, Map.of()))).isEmpty();
        assertThat(qdrant.requests(QueryPoints.class)).isEmpty();
    }

    @Test
    void should_query_sparse_terms_within_tenant_when_searching_keywords() {
        store.search(VectorQuery.keyword(ACME, java.util.Set.of("tenant"), "the refund policy for returns", 5, Map.of()));

        QueryPoints query = qdrant.requests(QueryPoints.class).get(0);
        assertThat(query.getUsing()).isEqualTo("bm25");
        assertThat(query.getQuery().getNearest().getSparse().getValuesList()).containsExactly(1f, 1f, 1f);
        assertThat(mustKeywords(query.getFilter())).containsExactly(Map.entry("tenant", "acme"));
        assertThat(readersCondition(query.getFilter())).containsExactly("tenant");
        assertThat(query.getFilter().hasMinShould()).isFalse();
        assertThat(query.getQuery().getNearest().getSparse().getIndicesList())
                .containsExactlyInAnyOrder(Bm25Encoder.index("refund"), Bm25Encoder.index("policy"), Bm25Encoder.index("return"));
    }

    @Test
    void should_send_no_query_when_keywords_are_all_stop_words() {
        assertThat(store.search(VectorQuery.keyword(ACME, java.util.Set.of("tenant"), "what is the", 5, Map.of()))).isEmpty();
        assertThat(qdrant.requests(QueryPoints.class)).isEmpty();
    }

    @Test
    void should_count_exactly_within_tenant_when_counting() {
        store.count(ACME);

        CountPoints count = qdrant.requests(CountPoints.class).get(0);
        assertThat(count.getExact()).isTrue();
        assertThat(mustKeywords(count.getFilter())).containsExactly(Map.entry("tenant", "acme"));
    }

    @Test
    void should_delete_by_tenant_and_document_filter_with_wait_when_deleting_document() {
        store.deleteDocument(ACME, "doc-a");

        DeletePoints delete = qdrant.requests(DeletePoints.class).get(0);
        assertThat(delete.getWait()).isTrue();
        assertThat(mustKeywords(delete.getPoints().getFilter()))
                .containsOnly(Map.entry("tenant", "acme"), Map.entry("documentId", "doc-a"));
    }

    @Test
    void should_add_metadata_to_tenant_and_document_filter_when_deleting_by_metadata() {
        store.deleteDocument(ACME, "doc-v", Map.of("version", "1"));

        assertThat(mustKeywords(qdrant.requests(DeletePoints.class).get(0).getPoints().getFilter())).containsOnly(
                Map.entry("tenant", "acme"), Map.entry("meta.version", "1"), Map.entry("documentId", "doc-v"));
    }

    @Test
    void should_filter_every_read_and_delete_on_tenant() {
        store.upsert(List.of(new VectorRecord(ACME, "a1", "doc-a", "refund policy", VECTOR, Map.of("k", "v"), java.util.Set.of("tenant"))));
        store.search(VectorQuery.dense(ACME, java.util.Set.of("tenant"), VECTOR, 3, Map.of()));
        store.search(VectorQuery.keyword(ACME, java.util.Set.of("tenant"), "refund", 3, Map.of("k", "v")));
        store.count(ACME);
        store.deleteDocument(ACME, "doc-a");

        List<Filter> filters = new ArrayList<>();
        qdrant.requests(QueryPoints.class).forEach(q -> filters.add(q.getFilter()));
        qdrant.requests(CountPoints.class).forEach(c -> filters.add(c.getFilter()));
        qdrant.requests(DeletePoints.class).forEach(d -> filters.add(d.getPoints().getFilter()));
        assertThat(filters).hasSize(4).allSatisfy(filter ->
                assertThat(mustKeywords(filter)).containsEntry("tenant", "acme"));
    }

    @Test
    void should_find_record_when_metadata_key_contains_a_dot() {
        store.upsert(List.of(new VectorRecord(ACME, "a1", "doc-a", "x", VECTOR, Map.of("source.kind", "pdf"), java.util.Set.of("tenant"))));

        assertThat(store.search(VectorQuery.dense(ACME, java.util.Set.of("tenant"), VECTOR, 3, Map.of("source.kind", "pdf")))).hasSize(1);
        assertThat(store.search(VectorQuery.dense(ACME, java.util.Set.of("tenant"), VECTOR, 3, Map.of("source.kind", "html")))).isEmpty();
        assertThat(mustKeywords(qdrant.requests(QueryPoints.class).get(0).getFilter()))
                .containsEntry("meta.\"source.kind\"", "pdf");
    }

    private static Map<String, String> mustKeywords(Filter filter) {
        Map<String, String> keywords = new LinkedHashMap<>();
        for (Condition condition : filter.getMustList()) {
            if (condition.getField().getMatch().hasKeyword()) {
                keywords.put(condition.getField().getKey(), condition.getField().getMatch().getKeyword());
            }
        }
        return keywords;
    }

    /** The principals of the one {@code must} condition on the readers, a match-any over keywords. */
    private static List<String> readersCondition(Filter filter) {
        List<Condition> readers = filter.getMustList().stream()
                .filter(c -> c.getField().getKey().equals("readers")).toList();
        assertThat(readers).hasSize(1);
        return readers.get(0).getField().getMatch().getKeywords().getStringsList();
    }
}
