package com.aiplatform.testing.contract;

import com.aiplatform.shared.table.ConcurrencyException;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableOperation;
import com.aiplatform.shared.table.TableStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link TableStore} adapter must do, including optimistic concurrency with ETags and
 * all-or-nothing batches. Each test uses a table of its own, so the store may be shared.
 */
public abstract class TableStoreContract {

    private TableStore store;
    private String table;

    protected abstract TableStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
        table = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static TableEntity entity(String partitionKey, String rowKey, Map<String, Object> properties) {
        return TableEntity.of(partitionKey, rowKey, properties);
    }

    @Test
    void should_keep_every_property_type_when_read_back() {
        Instant created = Instant.parse("2026-11-27T10:15:30.123Z");
        store.upsert(table, entity("acme", "doc-1", Map.of("title", "Refunds", "chunks", 42L, "pages", 7,
                "score", 0.75, "whole", 2.0, "indexed", true, "hash", new byte[]{1, 2, 3, (byte) 255},
                "createdAt", created)));

        TableEntity read = store.get(table, "acme", "doc-1").orElseThrow();

        assertThat(read.properties()).containsEntry("title", "Refunds").containsEntry("chunks", 42L)
                .containsEntry("pages", 7).containsEntry("score", 0.75).containsEntry("whole", 2.0)
                .containsEntry("indexed", true).containsEntry("createdAt", created)
                .containsOnlyKeys("title", "chunks", "pages", "score", "whole", "indexed", "hash", "createdAt");
        assertThat((byte[]) read.properties().get("hash")).containsExactly(1, 2, 3, 255);
        assertThat(read.etag()).isNotBlank();
    }

    @Test
    void should_return_empty_when_entity_absent() {
        assertThat(store.get(table, "acme", "nothing")).isEmpty();
        assertThat(store.list(table, "acme")).isEmpty();
    }

    @Test
    void should_replace_all_properties_and_change_etag_when_upserted() {
        TableEntity first = store.upsert(table, entity("acme", "r", Map.of("a", "1", "b", "2")));
        TableEntity second = store.upsert(table, entity("acme", "r", Map.of("a", "3")));

        assertThat(second.etag()).isNotBlank().isNotEqualTo(first.etag());
        TableEntity read = store.get(table, "acme", "r").orElseThrow();
        assertThat(read.properties()).containsOnlyKeys("a").containsEntry("a", "3");
        assertThat(read.etag()).isEqualTo(second.etag());
    }

    @Test
    void should_throw_concurrency_exception_when_inserting_existing_entity() {
        TableEntity inserted = store.insert(table, entity("acme", "r", Map.of("owner", "first")));
        assertThat(inserted.etag()).isNotBlank();

        assertThatThrownBy(() -> store.insert(table, entity("acme", "r", Map.of("owner", "second"))))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(store.get(table, "acme", "r").orElseThrow().properties()).containsEntry("owner", "first");
    }

    @Test
    void should_replace_when_etag_matches_and_refuse_stale_etag() {
        TableEntity read = store.insert(table, entity("acme", "r", Map.of("n", 1L)));
        TableEntity replaced = store.replace(table, read.withProperties(Map.of("n", 2L)));

        assertThat(replaced.etag()).isNotEqualTo(read.etag());
        assertThatThrownBy(() -> store.replace(table, read.withProperties(Map.of("n", 3L))))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(store.get(table, "acme", "r").orElseThrow().properties()).containsEntry("n", 2L);
        assertThat(store.replace(table, replaced.withProperties(Map.of("n", 4L))).properties()).containsEntry("n", 4L);
    }

    @Test
    void should_throw_concurrency_exception_when_replacing_deleted_entity() {
        TableEntity read = store.insert(table, entity("acme", "r", Map.of("n", 1L)));
        store.delete(table, "acme", "r");

        assertThatThrownBy(() -> store.replace(table, read.withProperties(Map.of("n", 2L))))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(store.get(table, "acme", "r")).isEmpty();
    }

    @Test
    void should_let_exactly_one_writer_win_when_replacing_with_same_etag_concurrently() throws Exception {
        TableEntity read = store.insert(table, entity("acme", "counter", Map.of("value", 0L)));
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 1; i <= writers; i++) {
                long value = i;
                Callable<Boolean> write = () -> {
                    start.await();
                    try {
                        store.replace(table, read.withProperties(Map.of("value", value)));
                        return true;
                    } catch (ConcurrencyException e) {
                        return false;
                    }
                };
                results.add(pool.submit(write));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(store.get(table, "acme", "counter").orElseThrow().longValue("value", 0)).isBetween(1L, 6L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_list_one_partition_in_row_key_order() {
        store.upsert(table, entity("acme", "b", Map.of()));
        store.upsert(table, entity("acme", "a", Map.of()));
        store.upsert(table, entity("acme", "c", Map.of()));
        store.upsert(table, entity("acme-eu", "a", Map.of()));
        store.upsert(table, entity("acm", "z", Map.of()));

        assertThat(store.list(table, "acme")).extracting(TableEntity::rowKey).containsExactly("a", "b", "c");
        assertThat(store.list(table, "acme")).allSatisfy(e -> assertThat(e.etag()).isNotBlank());
    }

    @Test
    void should_list_only_the_first_rows_of_a_prefix_when_a_range_is_asked() {
        for (String rowKey : List.of("s-b-3", "s-a-2", "s-a-1", "s-a-3", "s-", "s-b", "s-a", "t-a-1", "s-a-0")) {
            store.upsert(table, entity("acme", rowKey, Map.of("n", rowKey)));
        }
        store.upsert(table, entity("acme-eu", "s-a-0", Map.of()));
        store.upsert(table, entity("acm", "s-a-0", Map.of()));

        assertThat(store.list(table, "acme", "s-a-", 3)).extracting(TableEntity::rowKey)
                .containsExactly("s-a-0", "s-a-1", "s-a-2");
        assertThat(store.list(table, "acme", "s-a", 100)).extracting(TableEntity::rowKey)
                .containsExactly("s-a", "s-a-0", "s-a-1", "s-a-2", "s-a-3");
        assertThat(store.list(table, "acme", "s-a-", 3)).allSatisfy(e -> assertThat(e.etag()).isNotBlank())
                .extracting(e -> e.string("n").orElseThrow()).containsExactly("s-a-0", "s-a-1", "s-a-2");
        assertThat(store.list(table, "acme", "u", 10)).isEmpty();
        assertThatThrownBy(() -> store.list(table, "acme", "", 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(table, "acme", "s-", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_succeed_when_deleting_absent_entity() {
        store.upsert(table, entity("acme", "r", Map.of()));
        store.delete(table, "acme", "r");
        store.delete(table, "acme", "r");
        assertThat(store.get(table, "acme", "r")).isEmpty();
    }

    @Test
    void should_apply_every_operation_when_batch_succeeds() {
        store.upsert(table, entity("acme", "old", Map.of()));
        store.transact(table, List.of(
                new TableOperation.Upsert(entity("acme", "task", Map.of("phase", "done"))),
                new TableOperation.Upsert(entity("acme", "step-1", Map.of("state", "done"))),
                new TableOperation.Delete("acme", "old"),
                new TableOperation.Delete("acme", "never-existed")));

        assertThat(store.list(table, "acme")).extracting(TableEntity::rowKey).containsExactly("step-1", "task");
    }

    @Test
    void should_apply_nothing_when_one_operation_of_batch_is_invalid() {
        store.upsert(table, entity("acme", "keep", Map.of("v", "original")));

        assertThatThrownBy(() -> store.transact(table, List.of(
                new TableOperation.Upsert(entity("acme", "keep", Map.of("v", "changed"))),
                new TableOperation.Upsert(entity("acme", "new", Map.of())),
                new TableOperation.Upsert(entity("acme", "bad/key", Map.of())))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.list(table, "acme")).extracting(TableEntity::rowKey).containsExactly("keep");
        assertThat(store.get(table, "acme", "keep").orElseThrow().properties()).containsEntry("v", "original");
    }

    @Test
    void should_refuse_batch_that_spans_partitions() {
        assertThatThrownBy(() -> store.transact(table, List.of(
                new TableOperation.Upsert(entity("acme", "a", Map.of())),
                new TableOperation.Upsert(entity("globex", "b", Map.of())))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.get(table, "acme", "a")).isEmpty();
    }

    @Test
    void should_refuse_property_of_unsupported_type() {
        assertThatThrownBy(() -> store.upsert(table, entity("acme", "r", Map.of("when", new java.util.Date()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("when");
    }
}
