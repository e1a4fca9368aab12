package com.aiplatform.knowledge;

import com.aiplatform.knowledge.documents.DocumentService;
import com.aiplatform.knowledge.ingestion.IngestionService;
import com.aiplatform.shared.queue.memory.InMemoryWorkQueue;
import com.aiplatform.knowledge.search.AnswerService;
import com.aiplatform.knowledge.search.SearchService;
import com.aiplatform.shared.blob.memory.InMemoryBlobStore;
import com.aiplatform.shared.budget.unlimited.UnlimitedBudget;
import com.aiplatform.shared.embedding.onnx.OnnxEmbedder;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.extractive.ExtractiveLlmClient;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.table.memory.InMemoryTableStore;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.PriceTable;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.memory.InMemoryUsageSink;
import com.aiplatform.shared.vector.VectorStore;
import com.aiplatform.shared.vector.lucene.LuceneVectorStore;
import com.aiplatform.shared.vector.lucene.LuceneVectorStoreOptions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The knowledge services, wired by {@link KnowledgeApp#services} as the app wires them, over real parts that need
 * no server: the bundled embedding model, Lucene on disk, the offline LLM; Blob and Table storage in memory (their
 * Azure adapters pass the same contracts on Azurite, and the end-to-end test runs them).
 */
public final class KnowledgeTestKit implements AutoCloseable {

    /** Loaded once per test JVM: loading takes a second or two. */
    private static final OnnxEmbedder EMBEDDER = OnnxEmbedder.load(OnnxEmbedder.Variant.INT8);

    public static final String INGESTION_QUEUE = "knowledge-ingestions";
    public static final String INGESTIONS = "knowledgeingestions";
    public static final long SYNCHRONOUS_MAX_BYTES = 64 * 1024;
    /** A model name the kit's price table knows (USD 0.01 / 0.03 per 1k input / output tokens). */
    public static final String PRICED_MODEL = "priced-model";

    public final InMemoryBlobStore blobs = new InMemoryBlobStore();
    public final InMemoryTableStore tables = new InMemoryTableStore();
    public final InMemoryUsageSink usageRecords = new InMemoryUsageSink();
    public final List<PlatformEvent> events = new CopyOnWriteArrayList<>();
    public final VectorStore vectors;
    public final InMemoryWorkQueue queue = new InMemoryWorkQueue(Clock.systemUTC());
    public final DocumentService documents;
    public final IngestionService ingestions;
    public final SearchService search;
    public final AnswerService answers;

    public KnowledgeTestKit(Path indexDir) {
        this(indexDir, store -> store, event -> { });
    }

    /** {@code wrapVectors} lets a test put a failing decorator around the real index. */
    public KnowledgeTestKit(Path indexDir, UnaryOperator<VectorStore> wrapVectors, EventPublisher extraPublisher) {
        this(indexDir, wrapVectors, extraPublisher, new ExtractiveLlmClient(), Map.of());
    }

    /** With {@code llm} answering instead of the offline extractive model, and the app's settings set. */
    public KnowledgeTestKit(Path indexDir, LlmClient llm, Map<String, String> settings) {
        this(indexDir, store -> store, event -> { }, llm, settings);
    }

    private KnowledgeTestKit(Path indexDir, UnaryOperator<VectorStore> wrapVectors, EventPublisher extraPublisher,
                             LlmClient llm, Map<String, String> settings) {
        Clock clock = Clock.systemUTC();
        VectorStore lucene = LuceneVectorStore.open(indexDir, LuceneVectorStoreOptions.defaults(384));
        this.vectors = wrapVectors.apply(lucene);
        var usage = new UsageMeter(PriceTable.parse("all-minilm-l6-v2-int8=0.0001/0," + PRICED_MODEL + "=0.01/0.03"), usageRecords, clock);
        EventPublisher publisher = event -> {
            extraPublisher.publish(event);
            events.add(event);
        };
        var services = KnowledgeApp.services(KnowledgeSettings.from(Settings.of(settings)), new KnowledgeApp.Ports(
                blobs, tables, queue, vectors, EMBEDDER, llm, usage, new UnlimitedBudget(),
                publisher, Runnable::run, clock));
        this.documents = services.documents();
        this.ingestions = services.ingestions();
        this.search = services.search();
        this.answers = services.answers();
    }

    public static CallContext as(String tenant) {
        return new CallContext(new Caller("consumer-" + tenant, TenantId.of(tenant), Set.of()), "knowledge",
                "test", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Override
    public void close() {
        vectors.close();
    }
}
