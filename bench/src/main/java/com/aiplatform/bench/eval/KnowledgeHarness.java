package com.aiplatform.bench.eval;

import com.aiplatform.knowledge.KnowledgeApp;
import com.aiplatform.knowledge.documents.DocumentUpload;
import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.usage.CallContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local platform with only the knowledge app, in memory, for evaluation and benchmarks: they
 * run the same ingest and search code as the HTTP functions, in process or through HTTP.
 */
final class KnowledgeHarness implements AutoCloseable {

    static final CallContext CALLER = new CallContext(
            new Caller("evaluation", TenantId.of("evaluation"), Set.of()), "knowledge", "evaluation", null);

    private final RunningPlatform platform;
    private final KnowledgeApp app;

    KnowledgeHarness(Map<String, String> settings) {
        this.platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of(KnowledgeApp.NAME))
                .settings(settings).build().start();
        this.app = platform.apps().stream().filter(a -> a.name().equals(KnowledgeApp.NAME))
                .map(a -> (KnowledgeApp) a.app()).findFirst().orElseThrow();
    }

    KnowledgeApp app() {
        return app;
    }

    String baseUrl() {
        return platform.baseUrl();
    }

    /** Headers that make an HTTP request the same caller as the in-process {@link #CALLER}. */
    String[] callerHeaders() {
        return BenchIdentity.headers(platform.settings(), CALLER.caller().consumerId(), CALLER.caller().tenant().value());
    }

    /** Ingests every document on {@code threads} threads; returns the number of chunks indexed. */
    long ingest(List<BeirDataset.Document> documents, int threads) {
        AtomicLong chunks = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (BeirDataset.Document document : documents) {
                futures.add(pool.submit(() -> chunks.addAndGet(app.documents().ingest(CALLER, upload(document))
                        .document().chunkCount())));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while ingesting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Ingest failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return chunks.get();
    }

    private static DocumentUpload upload(BeirDataset.Document document) {
        String title = document.title().isBlank() ? null : document.title().strip();
        return new DocumentUpload(document.text().getBytes(StandardCharsets.UTF_8), "text/plain",
                Optional.of(document.id()), Optional.ofNullable(title), Optional.empty(), Map.of());
    }

    @Override
    public void close() {
        platform.close();
    }
}
