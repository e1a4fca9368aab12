package com.aiplatform.testing.contract;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.vector.VectorMatch;
import com.aiplatform.shared.vector.VectorQuery;
import com.aiplatform.shared.vector.VectorRecord;
import com.aiplatform.shared.vector.VectorStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link VectorStore} adapter must do. An adapter's test extends this and says how to
 * open a fresh, empty store with 4-dimensional vectors.
 */
public abstract class VectorStoreContract {

    protected static final int DIMENSIONS = 4;
    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId GLOBEX = TenantId.of("globex");
    /** Readers of a tenant-wide chunk, and principals every caller of a tenant holds. */
    protected static final Set<String> TENANT_WIDE = Set.of("tenant");
    protected static final Set<String> ANYONE = Set.of("tenant", "user:anyone");

    private VectorStore store;

    /** A new, empty store for vectors of {@link #DIMENSIONS} dimensions. */
    protected abstract VectorStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected VectorStore store() {
        return store;
    }

    /** A tenant-wide record. */
    protected static VectorRecord record(TenantId tenant, String id, String documentId, String text, float[] vector,
                                         Map<String, String> metadata) {
        return new VectorRecord(tenant, id, documentId, text, vector, metadata, TENANT_WIDE);
    }

    protected static VectorRecord record(TenantId tenant, String id, String text, float[] vector, Set<String> readers) {
        return new VectorRecord(tenant, id, "doc-" + id, text, vector, Map.of(), readers);
    }

    protected static float[] unit(float... values) {
        double norm = 0;
        for (float v : values) {
            norm += v * v;
        }
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (float) (values[i] / Math.sqrt(norm));
        }
        return result;
    }

    private void seed() {
        store.upsert(List.of(
                record(ACME, "a1", "doc-a", "The refund policy allows returns within thirty days",
                        unit(1, 0, 0, 0), Map.of("lang", "en", "source", "policy.md")),
                record(ACME, "a2", "doc-a", "Shipping takes five business days to Europe",
                        unit(0, 1, 0, 0), Map.of("lang", "en", "source", "policy.md")),
                record(ACME, "b1", "doc-b", "Die Rückgabe ist innerhalb von dreißig Tagen möglich",
                        unit(0.9f, 0.1f, 0, 0), Map.of("lang", "de", "source", "richtlinie.md")),
                record(GLOBEX, "g1", "doc-g", "Refund policy of another tenant: returns within thirty days",
                        unit(1, 0, 0, 0), Map.of("lang", "en", "source", "other.md"))));
    }

    @Test
    void should_rank_nearest_vector_first_when_searching_dense() {
        seed();
        List<VectorMatch> matches = store.search(VectorQuery.dense(ACME, ANYONE, unit(1, 0.05f, 0, 0), 3, Map.of()));
        assertThat(matches).extracting(VectorMatch::id).containsExactly("a1", "b1", "a2");
        assertThat(matches.get(0).score()).isGreaterThan(matches.get(1).score());
        assertThat(matches.get(0).documentId()).isEqualTo("doc-a");
        assertThat(matches.get(0).text()).isEqualTo("The refund policy allows returns within thirty days");
        assertThat(matches.get(0).metadata()).containsEntry("source", "policy.md");
    }

    @Test
    void should_rank_by_terms_when_searching_keywords() {
        seed();
        List<VectorMatch> matches = store.search(VectorQuery.keyword(ACME, ANYONE, "shipping to Europe", 10, Map.of()));
        assertThat(matches).isNotEmpty();
        assertThat(matches.get(0).id()).isEqualTo("a2");
        assertThat(matches).extracting(VectorMatch::id).doesNotContain("g1");
    }

    @Test
    void should_never_return_another_tenants_records() {
        seed();
        assertThat(store.search(VectorQuery.dense(GLOBEX, ANYONE, unit(1, 0, 0, 0), 10, Map.of())))
                .extracting(VectorMatch::id).containsExactly("g1");
        assertThat(store.search(VectorQuery.keyword(GLOBEX, ANYONE, "refund policy returns", 10, Map.of())))
                .extracting(VectorMatch::id).containsExactly("g1");
        assertThat(store.search(VectorQuery.dense(TenantId.of("initech"), ANYONE, unit(1, 0, 0, 0), 10, Map.of()))).isEmpty();
    }

    @Test
    void should_keep_only_matching_metadata_when_filtered() {
        seed();
        assertThat(store.search(VectorQuery.dense(ACME, ANYONE, unit(1, 0, 0, 0), 10, Map.of("lang", "de"))))
                .extracting(VectorMatch::id).containsExactly("b1");
        assertThat(store.search(VectorQuery.keyword(ACME, ANYONE, "refund policy", 10, Map.of("lang", "en"))))
                .extracting(VectorMatch::id).containsExactly("a1");
        assertThat(store.search(VectorQuery.dense(ACME, ANYONE, unit(1, 0, 0, 0), 10,
                Map.of("lang", "en", "source", "nowhere.md")))).isEmpty();
    }

    @Test
    void should_replace_record_when_upserted_again_with_same_id() {
        seed();
        store.upsert(List.of(record(ACME, "a1", "doc-a", "Updated text about warranties",
                unit(0, 0, 1, 0), Map.of("lang", "en"))));
        assertThat(store.count(ACME)).isEqualTo(3);
        List<VectorMatch> matches = store.search(VectorQuery.dense(ACME, ANYONE, unit(0, 0, 1, 0), 1, Map.of()));
        assertThat(matches).extracting(VectorMatch::id).containsExactly("a1");
        assertThat(matches.get(0).text()).isEqualTo("Updated text about warranties");
        assertThat(store.search(VectorQuery.keyword(ACME, ANYONE, "refund policy", 10, Map.of())))
                .extracting(VectorMatch::id).doesNotContain("a1");
    }

    @Test
    void should_remove_all_chunks_of_document_and_only_that_tenants_when_deleted() {
        seed();
        store.upsert(List.of(record(GLOBEX, "g2", "doc-a", "Same document id, other tenant",
                unit(0, 0, 0, 1), Map.of())));
        store.deleteDocument(ACME, "doc-a");
        assertThat(store.count(ACME)).isEqualTo(1);
        assertThat(store.search(VectorQuery.dense(ACME, ANYONE, unit(1, 0, 0, 0), 10, Map.of())))
                .extracting(VectorMatch::id).containsExactly("b1");
        assertThat(store.count(GLOBEX)).isEqualTo(2);
        store.deleteDocument(ACME, "doc-a");
        store.deleteDocument(ACME, "never-existed");
        assertThat(store.count(ACME)).isEqualTo(1);
    }

    @Test
    void should_remove_only_matching_chunks_when_deleting_by_metadata() {
        store.upsert(List.of(
                record(ACME, "v1-0", "doc-v", "first version text", unit(1, 0, 0, 0), Map.of("version", "1")),
                record(ACME, "v2-0", "doc-v", "second version text", unit(0, 1, 0, 0), Map.of("version", "2")),
                record(ACME, "w1-0", "doc-w", "other document text", unit(0, 0, 1, 0), Map.of("version", "1"))));
        store.deleteDocument(ACME, "doc-v", Map.of("version", "1"));
        assertThat(store.count(ACME)).isEqualTo(2);
        assertThat(store.search(VectorQuery.keyword(ACME, ANYONE, "version", 10, Map.of())))
                .extracting(VectorMatch::id).containsExactly("v2-0");
        store.deleteDocument(ACME, "doc-v", Map.of());
        assertThat(store.count(ACME)).isEqualTo(1);
    }

    private void seedReaders() {
        store.upsert(List.of(
                record(ACME, "hr", "Salary bands for the next year", unit(1, 0, 0, 0), Set.of("group:hr")),
                record(ACME, "finance", "Salary budget of the finance plan", unit(0.9f, 0.1f, 0, 0),
                        Set.of("group:finance", "user:carol")),
                record(ACME, "wide", "Salary payment dates for everyone", unit(0.8f, 0.2f, 0, 0), TENANT_WIDE),
                record(ACME, "alice", "Salary review notes of alice", unit(0.7f, 0.3f, 0, 0), Set.of("user:alice")),
                record(ACME, "nobody", "Salary table with no readers", unit(1, 0.01f, 0, 0), Set.of()),
                record(GLOBEX, "other", "Salary bands of another tenant", unit(1, 0, 0, 0), Set.of("group:hr"))));
    }

    @Test
    void should_return_only_chunks_whose_readers_meet_the_callers_principals() {
        seedReaders();
        Set<String> hrMember = Set.of("tenant", "user:bob", "group:hr");
        Set<String> alice = Set.of("tenant", "user:alice");
        Set<String> carol = Set.of("tenant", "user:carol");

        assertThat(store.search(VectorQuery.dense(ACME, hrMember, unit(1, 0, 0, 0), 10, Map.of())))
                .extracting(VectorMatch::id).containsExactlyInAnyOrder("hr", "wide");
        assertThat(store.search(VectorQuery.keyword(ACME, hrMember, "salary", 10, Map.of())))
                .extracting(VectorMatch::id).containsExactlyInAnyOrder("hr", "wide");
        assertThat(store.search(VectorQuery.dense(ACME, alice, unit(1, 0, 0, 0), 10, Map.of())))
                .extracting(VectorMatch::id).containsExactlyInAnyOrder("alice", "wide");
        assertThat(store.search(VectorQuery.keyword(ACME, carol, "salary", 10, Map.of())))
                .extracting(VectorMatch::id).containsExactlyInAnyOrder("finance", "wide");
    }

    @Test
    void should_never_return_a_chunk_without_readers_nor_anything_to_a_query_without_principals() {
        seedReaders();
        Set<String> everyPrincipal = Set.of("tenant", "user:alice", "user:carol", "group:hr", "group:finance", "");

        assertThat(store.search(VectorQuery.dense(ACME, everyPrincipal, unit(1, 0.01f, 0, 0), 10, Map.of())))
                .extracting(VectorMatch::id).doesNotContain("nobody").contains("hr", "finance", "wide", "alice");
        assertThat(store.search(VectorQuery.keyword(ACME, everyPrincipal, "readers table", 10, Map.of())))
                .extracting(VectorMatch::id).doesNotContain("nobody");
        assertThat(store.search(VectorQuery.dense(ACME, Set.of(), unit(1, 0, 0, 0), 10, Map.of()))).isEmpty();
        assertThat(store.search(VectorQuery.keyword(ACME, Set.of(), "salary", 10, Map.of()))).isEmpty();
        assertThatThrownBy(() -> VectorQuery.dense(ACME, null, unit(1, 0, 0, 0), 10, Map.of()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void should_apply_readers_after_the_tenant_so_a_group_of_another_tenant_sees_nothing_here() {
        seedReaders();
        assertThat(store.search(VectorQuery.dense(GLOBEX, Set.of("group:finance"), unit(1, 0, 0, 0), 10, Map.of())))
                .isEmpty();
        assertThat(store.search(VectorQuery.dense(GLOBEX, Set.of("group:hr"), unit(1, 0, 0, 0), 10, Map.of())))
                .extracting(VectorMatch::id).containsExactly("other");
    }

    @Test
    void should_keep_readers_when_upserted_again_and_apply_the_new_ones() {
        seedReaders();
        store.upsert(List.of(record(ACME, "hr", "Salary bands for the next year", unit(1, 0, 0, 0),
                Set.of("group:finance"))));
        assertThat(store.search(VectorQuery.dense(ACME, Set.of("group:hr"), unit(1, 0, 0, 0), 10, Map.of()))).isEmpty();
        assertThat(store.search(VectorQuery.dense(ACME, Set.of("group:finance"), unit(1, 0, 0, 0), 10, Map.of())))
                .extracting(VectorMatch::id).containsExactlyInAnyOrder("hr", "finance");
    }

    @Test
    void should_return_at_most_top_k() {
        seed();
        assertThat(store.search(VectorQuery.dense(ACME, ANYONE, unit(1, 1, 1, 1), 2, Map.of()))).hasSize(2);
    }

    @Test
    void should_report_up_when_healthy() {
        assertThat(store.health().up()).isTrue();
    }

    @Test
    void should_find_nothing_when_empty() {
        assertThat(store.search(VectorQuery.dense(ACME, ANYONE, unit(1, 0, 0, 0), 5, Map.of()))).isEmpty();
        assertThat(store.search(VectorQuery.keyword(ACME, ANYONE, "anything", 5, Map.of()))).isEmpty();
        assertThat(store.count(ACME)).isZero();
    }
}
