package com.aiplatform.knowledge;

import com.aiplatform.knowledge.api.DocumentFunctions;
import com.aiplatform.knowledge.api.HealthFunctions;
import com.aiplatform.knowledge.api.IngestionFunctions;
import com.aiplatform.knowledge.ingestion.IngestionRepository;
import com.aiplatform.knowledge.ingestion.IngestionService;
import com.aiplatform.knowledge.ingestion.IngestionStores;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.knowledge.api.SearchFunctions;
import com.aiplatform.knowledge.documents.Chunker;
import com.aiplatform.knowledge.documents.DocumentEvents;
import com.aiplatform.knowledge.documents.DocumentRepository;
import com.aiplatform.knowledge.documents.DocumentService;
import com.aiplatform.knowledge.documents.KnowledgeStores;
import com.aiplatform.knowledge.documents.TextExtractor;
import com.aiplatform.shared.health.HealthCheck;
import com.aiplatform.shared.health.HealthService;
import com.aiplatform.knowledge.search.AnswerCheck;
import com.aiplatform.knowledge.search.AnswerService;
import com.aiplatform.knowledge.search.SearchService;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.function.ComposedApp;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.resilient.ResilientLlmClient;
import com.aiplatform.shared.runtime.AppSettings;
import com.aiplatform.shared.runtime.Embedders;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.runtime.SharedAdapters;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.table.TableStore;
import com.aiplatform.shared.telemetry.azure.Telemetry;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.vector.VectorStore;
import com.aiplatform.shared.vector.lucene.LuceneVectorStore;
import com.aiplatform.shared.vector.lucene.LuceneVectorStoreOptions;
import com.aiplatform.shared.vector.qdrant.QdrantOptions;
import com.aiplatform.shared.vector.qdrant.QdrantVectorStore;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The knowledge app's composition root: every client and service is built here, once per process,
 * from settings. Function classes receive their services through their constructors.
 */
public final class KnowledgeApp extends ComposedApp {

    public static final String NAME = "knowledge";
    private static final int TEXT_LIMIT_CHARACTERS = 20_000_000;
    /** Keyword searches and usage records run beside the query embedding; a few threads cover many requests. */
    private static final int SEARCH_HELPERS = 4;

    private final DocumentService documents;
    private final IngestionService ingestions;
    private final SearchService search;
    private final AnswerService answers;

    private KnowledgeApp(AppParts parts, DocumentService documents, IngestionService ingestions,
                         SearchService search, AnswerService answers) {
        super(parts);
        this.documents = documents;
        this.ingestions = ingestions;
        this.search = search;
        this.answers = answers;
    }

    public static KnowledgeApp create(Settings settings, HostServices host) {
        AppSettings.check(settings, KnowledgeSettings::read, AppSettings.EMBEDDER, AppSettings.MODEL);
        KnowledgeSettings config = KnowledgeSettings.from(settings);
        RuntimeSettings runtime = RuntimeSettings.from(settings);
        Clock clock = host.clock();
        AppParts parts = new AppParts(NAME);
        try {
            parts.resource(Telemetry.configure(settings));
            AzureStorageClients storage = AzureStorageClients.fromSettings(settings);
            BlobStore blobs = storage.blobStore();
            TableStore tables = storage.tableStore();
            Embedder embedder = Embedders.fromSettings(settings, parts);
            VectorStore vectors = vectorStore(config, embedder.model().dimensions());
            parts.resource(vectors);
            LlmClient llm = SharedAdapters.llm(runtime, settings);
            TokenCounter tokens = embedder instanceof TokenCounter counter ? counter : TokenCounter.approximate();
            UsageMeter usage = SharedAdapters.usageMeter(runtime, storage.workQueue(), clock);
            var stores = new KnowledgeStores(new DocumentRepository(tables, config.documentsTable()), blobs,
                    config.documentsContainer(), vectors);
            var pipeline = new DocumentService.DocumentPipeline(new TextExtractor(TEXT_LIMIT_CHARACTERS),
                    new Chunker(tokens, config.chunkTokens(), config.chunkOverlapTokens()), embedder);
            var documents = new DocumentService(stores, pipeline, new DocumentEvents(SharedAdapters.events(runtime, settings, host),
                    clock), usage, clock);
            WorkQueue queue = storage.workQueue();
            var ingestions = new IngestionService(new IngestionStores(new IngestionRepository(tables,
                    config.ingestionsTable()), blobs, config.documentsContainer(), queue, config.ingestionQueue()),
                    documents, pipeline.extractor(), config.synchronousIngestMaxBytes(), clock);
            ExecutorService searchHelpers = Executors.newFixedThreadPool(SEARCH_HELPERS, runnable -> {
                Thread thread = new Thread(runnable, "knowledge-search");
                thread.setDaemon(true);
                return thread;
            });
            parts.resource(searchHelpers::shutdownNow);
            var search = new SearchService(vectors, embedder, usage, config.searchCandidates(), searchHelpers);
            var answers = new AnswerService(search, new BudgetedChat(llm, usage, SharedAdapters.budget(settings), tokens),
                    new AnswerCheck(embedder));
            var health = new HealthService(NAME, healthChecks(config, blobs, tables, vectors, embedder, llm), clock);
            parts.function(new DocumentFunctions(documents, ingestions, config.maxDocumentBytes()))
                    .function(new IngestionFunctions(ingestions, config.maxDocumentBytes()))
                    .function(new SearchFunctions(search, answers))
                    .function(new HealthFunctions(health));
            return new KnowledgeApp(parts, documents, ingestions, search, answers);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }


    private static VectorStore vectorStore(KnowledgeSettings config, int dimensions) {
        if (config.vectorStore() == KnowledgeSettings.VectorBackend.QDRANT) {
            return QdrantVectorStore.open(QdrantOptions.fromEndpoint(URI.create(config.qdrantEndpoint().orElseThrow()),
                    config.qdrantApiKey().orElse(null), config.qdrantCollection(), dimensions));
        }
        return LuceneVectorStore.open(config.luceneIndexDir(), LuceneVectorStoreOptions.defaults(dimensions));
    }

    private static List<HealthCheck> healthChecks(KnowledgeSettings config, BlobStore blobs, TableStore tables,
                                                  VectorStore vectors, Embedder embedder, LlmClient llm) {
        TenantId probe = TenantId.of("health-probe");
        return List.of(
                new HealthCheck("blobStorage", () -> {
                    blobs.exists(new BlobKey(config.documentsContainer(), probe, "probe"));
                    return "container " + config.documentsContainer();
                }),
                new HealthCheck("tableStorage", () -> {
                    tables.get(config.documentsTable(), probe.value(), "probe");
                    return "table " + config.documentsTable();
                }),
                new HealthCheck("vectorStore", () -> {
                    var status = vectors.health();
                    if (!status.up()) {
                        throw new IllegalStateException(status.detail());
                    }
                    return config.vectorStore().name().toLowerCase(java.util.Locale.ROOT) + ": " + status.detail();
                }),
                new HealthCheck("embedder", () -> embedder.model().name() + " (" + embedder.model().dimensions()
                        + " dimensions)"),
                new HealthCheck("llm", () -> llm.modelName()
                        + (llm instanceof ResilientLlmClient resilient ? ", circuit " + resilient.circuitState() : "")));
    }

    /** The services, for in-process tools (evaluation, benchmarks) that run the same code as the functions. */
    public DocumentService documents() {
        return documents;
    }

    public IngestionService ingestions() {
        return ingestions;
    }

    public SearchService search() {
        return search;
    }

    public AnswerService answers() {
        return answers;
    }
}
