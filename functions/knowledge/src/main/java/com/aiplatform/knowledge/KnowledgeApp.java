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
import com.aiplatform.shared.health.ClassDataSharing;
import com.aiplatform.shared.health.HealthCheck;
import com.aiplatform.shared.health.HealthService;
import com.aiplatform.knowledge.search.AnswerCheck;
import com.aiplatform.knowledge.search.AnswerService;
import com.aiplatform.knowledge.search.ModelJudge;
import com.aiplatform.knowledge.search.SearchService;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.function.ComposedApp;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.resilient.ResilientLlmClient;
import com.aiplatform.shared.runtime.AppSettings;
import com.aiplatform.shared.runtime.EmbedderHealth;
import com.aiplatform.shared.runtime.Embedders;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.runtime.SharedAdapters;
import com.aiplatform.shared.runtime.VectorStores;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.table.TableStore;
import com.aiplatform.shared.telemetry.azure.Telemetry;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.vector.VectorStore;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The knowledge app's composition root: every client and service is built here, once per process,
 * from settings; shared/runtime chooses every adapter (vector store, embedder, model, events, budget).
 * Function classes receive their services through their constructors.
 */
public final class KnowledgeApp extends ComposedApp {

    public static final String NAME = "knowledge";
    private static final int TEXT_LIMIT_CHARACTERS = 20_000_000;
    /** Keyword searches and usage records run beside the query embedding; a few threads cover many requests. */
    private static final int SEARCH_HELPERS = 4;

    private final Services services;

    private KnowledgeApp(AppParts parts, Services services) {
        super(parts);
        this.services = services;
    }

    /**
     * The ports the knowledge services run over: chosen from settings by {@link #create}, in memory or on Azurite
     * by the tests, which then call the same {@link #services} wiring.
     */
    public record Ports(BlobStore blobs, TableStore tables, WorkQueue queue, VectorStore vectors, Embedder embedder,
                        LlmClient llm, UsageMeter usage, Budget budget, EventPublisher events, Executor searchHelpers,
                        Clock clock) {
    }

    /** The app's services. */
    public record Services(DocumentService documents, IngestionService ingestions, SearchService search,
                           AnswerService answers) {
    }

    public static KnowledgeApp create(Settings settings, HostServices host) {
        AppSettings.check(settings, KnowledgeSettings::read, VectorStores.settings(NAME), Embedders::checkSettings,
                SharedAdapters.SETTINGS);
        KnowledgeSettings config = KnowledgeSettings.from(settings);
        VectorStores.Choice vectorStore = VectorStores.choose(settings, NAME);
        RuntimeSettings runtime = RuntimeSettings.from(settings);
        Clock clock = host.clock();
        AppParts parts = new AppParts(NAME);
        try {
            parts.resource(Telemetry.configure(settings));
            AzureStorageClients storage = AzureStorageClients.fromSettings(settings);
            Embedder embedder = Embedders.fromSettings(settings, parts);
            VectorStore vectors = parts.resource(VectorStores.open(vectorStore, embedder.model().dimensions()));
            LlmClient llm = SharedAdapters.llm(runtime, settings);
            ExecutorService searchHelpers = Executors.newFixedThreadPool(SEARCH_HELPERS, runnable -> {
                Thread thread = new Thread(runnable, "knowledge-search");
                thread.setDaemon(true);
                return thread;
            });
            parts.resource(searchHelpers::shutdownNow);
            var ports = new Ports(storage.blobStore(), storage.tableStore(), storage.workQueue(), vectors, embedder, llm,
                    SharedAdapters.usageMeter(runtime, storage.workQueue(), clock), SharedAdapters.budget(settings),
                    SharedAdapters.events(runtime, settings, host), searchHelpers, clock);
            Services services = services(config, ports);
            var health = new HealthService(NAME, healthChecks(config, vectorStore.label(), ports), clock);
            parts.function(new DocumentFunctions(services.documents(), services.ingestions(), config.maxDocumentBytes()))
                    .function(new IngestionFunctions(services.ingestions(), config.maxDocumentBytes()))
                    .function(new SearchFunctions(services.search(), services.answers()))
                    .function(new HealthFunctions(health));
            return new KnowledgeApp(parts, services);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /** The services over any ports: the composition root above and the tests share this wiring. */
    public static Services services(KnowledgeSettings config, Ports ports) {
        Embedder embedder = ports.embedder();
        TokenCounter tokens = embedder instanceof TokenCounter counter ? counter : TokenCounter.approximate();
        var stores = new KnowledgeStores(new DocumentRepository(ports.tables(), config.documentsTable()), ports.blobs(),
                config.documentsContainer(), ports.vectors());
        var pipeline = new DocumentService.DocumentPipeline(new TextExtractor(TEXT_LIMIT_CHARACTERS),
                new Chunker(tokens, config.chunkTokens(), config.chunkOverlapTokens()), embedder);
        var documents = new DocumentService(stores, pipeline, new DocumentEvents(ports.events(), ports.clock()),
                ports.usage(), ports.clock());
        var ingestions = new IngestionService(new IngestionStores(new IngestionRepository(ports.tables(),
                config.ingestionsTable()), ports.blobs(), config.documentsContainer(), ports.queue(),
                config.ingestionQueue()), documents, pipeline.extractor(), config.synchronousIngestMaxBytes(),
                ports.clock());
        var search = new SearchService(ports.vectors(), embedder, ports.usage(), config.searchCandidates(),
                ports.searchHelpers(), config.hybridFusion());
        var chat = new BudgetedChat(ports.llm(), ports.usage(), ports.budget(), tokens);
        var answers = new AnswerService(search, chat, new AnswerCheck(embedder),
                config.answerJudge() == KnowledgeSettings.AnswerJudge.MODEL ? Optional.of(new ModelJudge(chat))
                        : Optional.empty());
        return new Services(documents, ingestions, search, answers);
    }

    private static List<HealthCheck> healthChecks(KnowledgeSettings config, String vectorStore, Ports ports) {
        BlobStore blobs = ports.blobs();
        TableStore tables = ports.tables();
        VectorStore vectors = ports.vectors();
        Embedder embedder = ports.embedder();
        LlmClient llm = ports.llm();
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
                    return vectorStore + ": " + status.detail();
                }),
                EmbedderHealth.check(embedder),
                new HealthCheck("llm", () -> llm.modelName()
                        + (llm instanceof ResilientLlmClient resilient ? ", circuit " + resilient.circuitState() : "")),
                ClassDataSharing.check());
    }

    /** The services, for in-process tools (evaluation, benchmarks) that run the same code as the functions. */
    public DocumentService documents() {
        return services.documents();
    }

    public IngestionService ingestions() {
        return services.ingestions();
    }

    public SearchService search() {
        return services.search();
    }

    public AnswerService answers() {
        return services.answers();
    }
}
