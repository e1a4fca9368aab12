package com.aiplatform.knowledge.ingestion;

import com.aiplatform.knowledge.KnowledgeTestKit;
import com.aiplatform.knowledge.LimitedUpserts;
import com.aiplatform.knowledge.documents.DocumentMetadata;
import com.aiplatform.knowledge.documents.DocumentUpload;
import com.aiplatform.knowledge.search.SearchMode;
import com.aiplatform.knowledge.search.SearchRequest;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.queue.QueueMessage;
import com.aiplatform.shared.vector.VectorRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.aiplatform.knowledge.KnowledgeTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestionServiceTest {

    private static final TenantId ACME = TenantId.of("acme");

    @TempDir
    Path index;
    private KnowledgeTestKit kit;
    private final AtomicInteger upsertsAllowed = new AtomicInteger(Integer.MAX_VALUE);

    @AfterEach
    void close() {
        if (kit != null) {
            kit.close();
        }
    }

    private KnowledgeTestKit kit() {
        kit = new KnowledgeTestKit(index, real -> new LimitedUpserts(real, upsertsAllowed), event -> { });
        return kit;
    }

    /** A handbook of distinct sections, large enough for more than one batch of 64 chunks. */
    private static String handbook(int sections) {
        return IntStream.range(0, sections).mapToObj(i -> "Section " + i + ". Warehouse " + i + " ships parcels to region "
                + i + " within " + (i % 9 + 1) + " days, and its returns desk answers questions about order " + i
                + " from Monday to Friday. Customers in region " + i + " pay a flat fee for express delivery. ")
                .collect(Collectors.joining("\n\n"));
    }

    private static DocumentUpload text(String id, String content) {
        return new DocumentUpload(content.getBytes(StandardCharsets.UTF_8), "text/plain", Optional.ofNullable(id),
                Optional.of("Handbook"), Optional.empty(), Map.of("team", "logistics"));
    }

    private QueueMessage nextJob() {
        List<QueueMessage> messages = kit.queue.receive(KnowledgeTestKit.INGESTION_QUEUE, 1, Duration.ofMinutes(5));
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private void run(QueueMessage message, long attempt) {
        kit.ingestions.run(IngestionJob.parse(message.body()), attempt, 5);
    }

    @Test
    void should_store_original_and_queue_a_job_without_indexing_when_submitted() {
        kit();
        Ingestion queued = kit.ingestions.submit(as("acme"), text("handbook", handbook(3)));

        assertThat(queued.state()).isEqualTo(IngestionState.QUEUED);
        assertThat(queued.documentId()).isEqualTo("handbook");
        assertThat(queued.progress().extracted()).isFalse();
        assertThat(kit.blobs.get(new BlobKey("knowledge-documents", ACME, queued.request().pendingPath()))).isPresent();
        assertThat(kit.vectors.count(ACME)).isZero();
        assertThat(kit.events).isEmpty();
        assertThat(IngestionJob.parse(nextJob().body()).ingestionId()).isEqualTo(queued.ingestionId());
    }

    @Test
    void should_index_report_progress_and_announce_once_when_the_job_runs() {
        kit();
        Ingestion queued = kit.ingestions.submit(as("acme"), text("handbook", handbook(400)));
        run(nextJob(), 1);

        Ingestion done = kit.ingestions.get(as("acme").caller(), queued.ingestionId());
        assertThat(done.state()).isEqualTo(IngestionState.DONE);
        assertThat(done.outcome()).isEqualTo("created");
        assertThat(done.progress().characters()).isGreaterThan(60_000);
        assertThat(done.progress().chunksTotal()).isGreaterThan(64);
        assertThat(done.progress().chunksEmbedded()).isEqualTo(done.progress().chunksTotal());
        assertThat(kit.vectors.count(ACME)).isEqualTo(done.progress().chunksTotal());
        assertThat(kit.documents.get(as("acme").caller(), "handbook").chunkCount()).isEqualTo(done.progress().chunksTotal());
        assertThat(kit.blobs.get(new BlobKey("knowledge-documents", ACME, queued.request().pendingPath()))).isEmpty();
        assertThat(kit.events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("AiPlatform.Knowledge.DocumentIngested");
            assertThat(event.data().get("documentId").asText()).isEqualTo("handbook");
        });
        assertThat(kit.search.search(as("acme"), new SearchRequest("which warehouse ships to region 77", 3,
                SearchMode.HYBRID, Map.of())).results()).first()
                .satisfies(hit -> assertThat(hit.text()).contains("region 77"));
    }

    @Test
    void should_write_no_duplicate_chunks_and_announce_once_when_the_job_is_redelivered() {
        kit();
        kit.ingestions.submit(as("acme"), text("handbook", handbook(10)));
        QueueMessage job = nextJob();
        run(job, 1);
        long chunks = kit.vectors.count(ACME);

        run(job, 2);

        assertThat(kit.vectors.count(ACME)).isEqualTo(chunks);
        assertThat(kit.events).hasSize(1);
    }

    @Test
    void should_remove_a_crashed_attempts_chunks_when_the_job_comes_back() {
        kit();
        Ingestion queued = kit.ingestions.submit(as("acme"), text("handbook", handbook(10)));
        kit.tables.replace(KnowledgeTestKit.INGESTIONS, kit.tables.get(KnowledgeTestKit.INGESTIONS, "acme",
                queued.ingestionId()).orElseThrow().withProperties(withGeneration(queued)));
        kit.vectors.upsert(List.of(new VectorRecord(ACME, "handbook:crashed:0", "handbook", "left over by a crash",
                unit(384), Map.of(DocumentMetadata.GENERATION, "crashed"), java.util.Set.of("tenant"))));

        run(nextJob(), 2);

        Ingestion done = kit.ingestions.get(as("acme").caller(), queued.ingestionId());
        assertThat(done.state()).isEqualTo(IngestionState.DONE);
        assertThat(kit.vectors.count(ACME)).isEqualTo(done.progress().chunksTotal());
    }

    private static float[] unit(int dimensions) {
        float[] vector = new float[dimensions];
        vector[0] = 1;
        return vector;
    }

    private Map<String, Object> withGeneration(Ingestion queued) {
        var properties = new java.util.HashMap<>(kit.tables.get(KnowledgeTestKit.INGESTIONS, "acme",
                queued.ingestionId()).orElseThrow().properties());
        properties.put("generation", "crashed");
        properties.put("state", "embedding");
        return properties;
    }

    @Test
    void should_leave_nothing_half_written_and_keep_the_original_for_replay_when_every_attempt_fails() {
        kit();
        Ingestion queued = kit.ingestions.submit(as("acme"), text("handbook", handbook(400)));
        QueueMessage job = nextJob();
        upsertsAllowed.set(1);

        for (long attempt = 1; attempt <= 2; attempt++) {
            long current = attempt;
            assertThatThrownBy(() -> kit.ingestions.run(IngestionJob.parse(job.body()), current, 2))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(kit.vectors.count(ACME)).isZero();
            assertThat(kit.ingestions.get(as("acme").caller(), queued.ingestionId()).state())
                    .isEqualTo(current < 2 ? IngestionState.EMBEDDING : IngestionState.FAILED);
        }

        Ingestion failed = kit.ingestions.get(as("acme").caller(), queued.ingestionId());
        assertThat(failed.state()).isEqualTo(IngestionState.FAILED);
        assertThat(failed.error()).containsEntry("status", 500);
        assertThat(kit.documents.list(as("acme").caller())).isEmpty();
        assertThat(kit.events).isEmpty();
        assertThat(kit.blobs.get(new BlobKey("knowledge-documents", ACME, queued.request().pendingPath()))).isPresent();

        upsertsAllowed.set(Integer.MAX_VALUE);
        run(job, 1);

        assertThat(kit.ingestions.get(as("acme").caller(), queued.ingestionId()).state()).isEqualTo(IngestionState.DONE);
        assertThat(kit.events).hasSize(1);
    }

    @Test
    void should_reject_without_retrying_when_the_document_has_no_text() {
        kit();
        Ingestion queued = kit.ingestions.submit(as("acme"), text("blank", "   \n\n   "));

        run(nextJob(), 1);

        Ingestion rejected = kit.ingestions.get(as("acme").caller(), queued.ingestionId());
        assertThat(rejected.state()).isEqualTo(IngestionState.REJECTED);
        assertThat(rejected.error()).containsEntry("status", 400);
        assertThat(kit.blobs.get(new BlobKey("knowledge-documents", ACME, queued.request().pendingPath()))).isEmpty();
    }

    @Test
    void should_answer_not_found_when_another_tenant_reads_the_status() {
        kit();
        Ingestion queued = kit.ingestions.submit(as("acme"), text("handbook", handbook(2)));

        assertThatThrownBy(() -> kit.ingestions.get(as("globex").caller(), queued.ingestionId()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> kit.ingestions.get(as("acme").caller(), "../" + queued.ingestionId()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void should_queue_nothing_when_one_document_of_a_batch_is_invalid() {
        kit();
        var png = new DocumentUpload(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13}, "image/png",
                Optional.of("logo"), Optional.empty(), Optional.empty(), Map.of());

        assertThatThrownBy(() -> kit.ingestions.submitAll(as("acme"), List.of(text("handbook", handbook(2)), png)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(415));
        assertThat(kit.queue.depth(KnowledgeTestKit.INGESTION_QUEUE)).isZero();
        assertThat(kit.blobs.list("knowledge-documents", ACME, "ingestions/")).isEmpty();
    }

    @Test
    void should_give_each_document_of_a_batch_its_own_ingestion_when_submitted_together() {
        kit();
        List<Ingestion> queued = kit.ingestions.submitAll(as("acme"), List.of(text("a", "Alpha ships on Monday."),
                text("b", "Beta ships on Tuesday.")));

        assertThat(queued).extracting(Ingestion::documentId).containsExactly("a", "b");
        assertThat(queued).extracting(Ingestion::ingestionId).doesNotHaveDuplicates();
        run(nextJob(), 1);
        run(nextJob(), 1);
        assertThat(queued).allSatisfy(ingestion -> assertThat(kit.ingestions.get(as("acme").caller(), ingestion.ingestionId()).state())
                .isEqualTo(IngestionState.DONE));
        assertThat(kit.documents.list(as("acme").caller())).hasSize(2);
    }

    @Test
    void should_queue_large_documents_and_those_asked_for_when_deciding() {
        kit();
        byte[] small = new byte[(int) KnowledgeTestKit.SYNCHRONOUS_MAX_BYTES];
        byte[] large = new byte[small.length + 1];
        var upload = (java.util.function.Function<byte[], DocumentUpload>) bytes -> new DocumentUpload(bytes,
                "text/plain", Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

        assertThat(kit.ingestions.queues(upload.apply(small), null)).isFalse();
        assertThat(kit.ingestions.queues(upload.apply(large), null)).isTrue();
        assertThat(kit.ingestions.queues(upload.apply(small), "wait=10, respond-async")).isTrue();
        assertThat(kit.ingestions.queues(upload.apply(small), "return=minimal")).isFalse();
    }
}
