package com.aiplatform.knowledge.documents;

import com.aiplatform.knowledge.KnowledgeTestKit;
import com.aiplatform.knowledge.LimitedUpserts;
import com.aiplatform.knowledge.search.SearchMode;
import com.aiplatform.knowledge.search.SearchRequest;
import com.aiplatform.knowledge.search.SearchHit;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static com.aiplatform.knowledge.KnowledgeTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentServiceTest {

    private static final String RETURNS = "Items can be returned within 30 days of delivery. "
            + "Refunds are paid to the original card within five business days.";

    @TempDir
    Path index;
    private KnowledgeTestKit kit;

    @AfterEach
    void close() {
        if (kit != null) {
            kit.close();
        }
    }

    private static DocumentUpload text(String id, String content, Map<String, String> metadata) {
        return new DocumentUpload(content.getBytes(StandardCharsets.UTF_8), "text/plain", Optional.ofNullable(id),
                Optional.of("Returns policy"), Optional.empty(), metadata);
    }

    private List<SearchHit> search(String tenant, String query) {
        return kit.search.search(as(tenant), new SearchRequest(query, 10, SearchMode.HYBRID, Map.of())).results();
    }

    @Test
    void should_store_original_index_chunks_and_announce_when_ingested() {
        kit = new KnowledgeTestKit(index);
        IngestResult result = kit.documents.ingest(as("acme"), text("returns", RETURNS, Map.of("team", "support")));

        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.CREATED);
        DocumentRecord record = result.document();
        assertThat(record.version()).isEqualTo(1);
        assertThat(record.chunkCount()).isEqualTo(1);
        assertThat(record.contentHash()).hasSize(64);
        assertThat(record.embeddingModel()).isEqualTo("all-minilm-l6-v2-int8");
        assertThat(record.eventPending()).isFalse();
        assertThat(kit.blobs.get(new com.aiplatform.shared.blob.BlobKey("knowledge-documents", TenantId.of("acme"),
                record.blobPath()))).get().extracting(b -> new String(b.content(), StandardCharsets.UTF_8)).isEqualTo(RETURNS);
        assertThat(search("acme", "how long until my refund arrives")).first()
                .satisfies(hit -> {
                    assertThat(hit.documentId()).isEqualTo("returns");
                    assertThat(hit.text()).contains("five business days");
                    assertThat(hit.title()).isEqualTo("Returns policy");
                });
        assertThat(kit.events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("AiPlatform.Knowledge.DocumentIngested");
            assertThat(event.data().get("documentId").asText()).isEqualTo("returns");
            assertThat(event.data().get("tenantId").asText()).isEqualTo("acme");
            assertThat(event.data().get("version").asLong()).isEqualTo(1);
            assertThat(event.data().get("chunkCount").asInt()).isEqualTo(1);
            assertThat(event.data().get("contentHash").asText()).isEqualTo(record.contentHash());
            assertThat(event.data().get("embeddingModel").asText()).isEqualTo("all-minilm-l6-v2-int8");
            assertThat(event.data().get("readers").get("tenantWide").asBoolean()).isFalse();
            assertThat(event.data().get("readers").get("users")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                    .containsExactlyElementsOf(record.readers().users()).isNotEmpty();
            assertThat(event.data().get("readers").get("groups")).isEmpty();
            assertThat(event.traceparent()).startsWith("00-0af7651916cd43dd8448eb211c80319c");
        });
        assertThat(kit.usageRecords.records()).anySatisfy(usage -> {
            assertThat(usage.operation()).isEqualTo("embed-document");
            assertThat(usage.tenantId()).isEqualTo("acme");
            assertThat(usage.inputTokens()).isPositive();
            assertThat(usage.costUsd()).isPositive();
        });
    }

    @Test
    void should_do_no_work_when_same_content_is_ingested_again() {
        kit = new KnowledgeTestKit(index);
        kit.documents.ingest(as("acme"), text(null, RETURNS, Map.of()));
        int usageBefore = kit.usageRecords.records().size();

        IngestResult again = kit.documents.ingest(as("acme"), text(null, RETURNS, Map.of()));

        assertThat(again.outcome()).isEqualTo(IngestResult.Outcome.UNCHANGED);
        assertThat(again.document().documentId()).startsWith("doc-");
        assertThat(kit.usageRecords.records()).hasSize(usageBefore);
        assertThat(kit.events).hasSize(1);
        assertThat(kit.vectors.count(TenantId.of("acme"))).isEqualTo(1);
    }

    @Test
    void should_replace_chunks_and_original_when_content_changes() {
        kit = new KnowledgeTestKit(index);
        DocumentRecord first = kit.documents.ingest(as("acme"), text("returns", RETURNS, Map.of())).document();

        IngestResult second = kit.documents.ingest(as("acme"),
                text("returns", "Returns are no longer accepted after 14 days.", Map.of()));

        assertThat(second.outcome()).isEqualTo(IngestResult.Outcome.UPDATED);
        assertThat(second.document().version()).isEqualTo(2);
        assertThat(second.document().createdAt()).isEqualTo(first.createdAt());
        assertThat(kit.vectors.count(TenantId.of("acme"))).isEqualTo(1);
        assertThat(search("acme", "refund card business days")).extracting(SearchHit::text)
                .noneMatch(t -> t.contains("five business days"));
        assertThat(kit.blobs.list("knowledge-documents", TenantId.of("acme"), "documents/returns/")).hasSize(1);
        assertThat(kit.events).hasSize(2);
    }

    @Test
    void should_leave_nothing_behind_when_indexing_fails_halfway() {
        AtomicInteger upsertsAllowed = new AtomicInteger(Integer.MAX_VALUE);
        kit = new KnowledgeTestKit(index, real -> new LimitedUpserts(real, upsertsAllowed), event -> { });
        kit.documents.ingest(as("acme"), text("returns", RETURNS, Map.of()));
        upsertsAllowed.set(0);

        assertThatThrownBy(() -> kit.documents.ingest(as("acme"), text("returns", "A new text that fails.", Map.of())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> kit.documents.ingest(as("acme"), text("fresh", "Another document.", Map.of())))
                .isInstanceOf(IllegalStateException.class);

        assertThat(kit.documents.get(as("acme").caller(), "returns").version()).isEqualTo(1);
        assertThatThrownBy(() -> kit.documents.get(as("acme").caller(), "fresh")).isInstanceOf(ProblemException.class);
        assertThat(kit.blobs.list("knowledge-documents", TenantId.of("acme"), "documents/")).hasSize(1);
        assertThat(kit.vectors.count(TenantId.of("acme"))).isEqualTo(1);
        assertThat(search("acme", "refund business days")).first()
                .satisfies(hit -> assertThat(hit.text()).contains("five business days"));
    }

    @Test
    void should_publish_held_back_event_when_retried_after_broker_outage() {
        AtomicBoolean brokerDown = new AtomicBoolean(true);
        kit = new KnowledgeTestKit(index, store -> store, event -> {
            if (brokerDown.get()) {
                throw new IllegalStateException("Event Grid unavailable");
            }
        });
        IngestResult first = kit.documents.ingest(as("acme"), text("returns", RETURNS, Map.of()));
        assertThat(first.document().eventPending()).isTrue();
        assertThat(kit.events).isEmpty();

        brokerDown.set(false);
        IngestResult retry = kit.documents.ingest(as("acme"), text("returns", RETURNS, Map.of()));

        assertThat(retry.outcome()).isEqualTo(IngestResult.Outcome.UNCHANGED);
        assertThat(retry.document().eventPending()).isFalse();
        assertThat(kit.events).singleElement().extracting(e -> e.data().get("documentId").asText()).isEqualTo("returns");
        assertThat(kit.documents.get(as("acme").caller(), "returns").eventPending()).isFalse();
    }

    @Test
    void should_remove_record_originals_and_chunks_when_deleted() {
        kit = new KnowledgeTestKit(index);
        kit.documents.ingest(as("acme"), text("returns", RETURNS, Map.of()));
        kit.documents.ingest(as("acme"), text("other", "Shipping to Norway takes a week.", Map.of()));

        kit.documents.delete(as("acme"), "returns");

        assertThatThrownBy(() -> kit.documents.get(as("acme").caller(), "returns"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(kit.blobs.list("knowledge-documents", TenantId.of("acme"), "documents/returns/")).isEmpty();
        assertThat(search("acme", "refund")).extracting(SearchHit::documentId).doesNotContain("returns");
        assertThat(kit.vectors.count(TenantId.of("acme"))).isEqualTo(1);
        assertThat(kit.events).last().satisfies(e -> assertThat(e.type()).isEqualTo("AiPlatform.Knowledge.DocumentDeleted"));
        assertThatThrownBy(() -> kit.documents.delete(as("acme"), "returns"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void should_keep_tenants_apart() {
        kit = new KnowledgeTestKit(index);
        kit.documents.ingest(as("acme"), text("returns", RETURNS, Map.of()));

        assertThat(search("globex", "refund business days")).isEmpty();
        assertThat(kit.documents.list(as("globex").caller())).isEmpty();
        assertThatThrownBy(() -> kit.documents.get(as("globex").caller(), "returns"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> kit.documents.delete(as("globex"), "returns"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(kit.documents.list(as("acme").caller())).hasSize(1);
    }

    @Test
    void should_refuse_with_400_ids_that_storage_cannot_hold() {
        kit = new KnowledgeTestKit(index);
        for (String id : List.of("a/b", "a#b", "what?", "back\\slash", "", "-leading")) {
            assertThatThrownBy(() -> kit.documents.get(as("acme").caller(), id)).as(id)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
            assertThatThrownBy(() -> kit.documents.delete(as("acme"), id)).as(id)
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> kit.documents.ingest(as("acme"), text("a#b", RETURNS, Map.of())))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(kit.documents.list(as("acme").caller())).isEmpty();
    }

    @Test
    void should_refuse_reserved_or_malformed_metadata() {
        kit = new KnowledgeTestKit(index);
        assertThatThrownBy(() -> kit.documents.ingest(as("acme"), text("x", RETURNS, Map.of("version", "9"))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> kit.documents.ingest(as("acme"), text("x", RETURNS, Map.of("bad key", "v"))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(kit.documents.list(as("acme").caller())).isEmpty();
    }
}
