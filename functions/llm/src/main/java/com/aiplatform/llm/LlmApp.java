package com.aiplatform.llm;

import com.aiplatform.llm.api.ChatFunctions;
import com.aiplatform.llm.api.EmbeddingFunctions;
import com.aiplatform.llm.api.ModelFunctions;
import com.aiplatform.llm.cache.TableResponseCache;
import com.aiplatform.llm.cache.CachedChat;
import com.aiplatform.llm.cache.SemanticCache;
import com.aiplatform.llm.cache.TableSemanticIndex;
import com.aiplatform.llm.chat.ChatService;
import com.aiplatform.llm.chat.ChatWire;
import com.aiplatform.llm.embeddings.EmbeddingService;
import com.aiplatform.llm.embeddings.EmbeddingWire;
import com.aiplatform.llm.models.ModelCatalog;
import com.aiplatform.llm.pool.BackendPool;
import com.aiplatform.llm.pool.PoolMember;
import com.aiplatform.llm.pool.Pools;
import com.aiplatform.llm.safety.ScreenedChat;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.onnx.OnnxEmbedder;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.function.ComposedApp;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.health.ClassDataSharing;
import com.aiplatform.shared.health.HealthCheck;
import com.aiplatform.shared.health.HealthService;
import com.aiplatform.shared.health.StorageChecks;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.runtime.AppSettings;
import com.aiplatform.shared.runtime.EmbedderHealth;
import com.aiplatform.shared.runtime.Embedders;
import com.aiplatform.shared.runtime.ModelLease;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.runtime.SharedAdapters;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.telemetry.azure.Telemetry;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.UsageMeter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The llm app's composition root: the shared model pool as an OpenAI-compatible API. Built once per process from
 * settings: the pool ({@code LLM_BACKENDS}, or the one model {@code LLM_PROVIDER} names), the embedder
 * ({@code EMBEDDING_PROVIDER}), the platform's budgets and the usage queue.
 */
public final class LlmApp extends ComposedApp {

    public static final String NAME = "llm";
    /** The longest single embedding input, in characters (the bundled model reads its first 256 tokens). */
    static final int MAX_EMBEDDING_INPUT_CHARS = 32_000;

    private LlmApp(AppParts parts) {
        super(parts);
    }

    public static LlmApp create(Settings settings, HostServices host) {
        AppSettings.check(settings, LlmSettings::read, Embedders::checkSettings, SharedAdapters.SETTINGS);
        LlmSettings config = LlmSettings.from(settings);
        SafetySettings safety = SafetySettings.from(settings);
        RuntimeSettings runtime = RuntimeSettings.from(settings);
        Clock clock = host.clock();
        AppParts parts = new AppParts(NAME);
        try {
            parts.resource(Telemetry.configure(settings));
            AzureStorageClients storage = AzureStorageClients.fromSettings(settings);
            WorkQueue queue = storage.workQueue();
            Embedder embedder = Embedders.fromSettings(settings, parts);
            BackendPool pool = Pools.fromSettings(config.pool(), runtime, settings, tokenCounter(embedder), clock);
            UsageMeter usage = SharedAdapters.usageMeter(runtime, queue, clock);
            Services services = services(config, pool, embedder, usage, SharedAdapters.budget(settings), clock);
            List<HealthCheck> checks = new ArrayList<>();
            checks.add(StorageChecks.queue(queue, runtime.usageQueue()));
            checks.add(EmbedderHealth.check(embedder));
            checks.add(ClassDataSharing.check());
            pool.members().forEach(member -> checks.add(HealthCheck.optional("backend " + member.name(),
                    () -> circuit(member))));
            parts.function(new ChatFunctions(new ChatWire(config.defaultMaxTokens(), config.maxOutputTokens()),
                            new ScreenedChat(safety.contentSafety(), cachedChat(config, services.chat(), storage, embedder, clock)),
                            config.maxRequestBytes(), clock))
                    .function(new EmbeddingFunctions(new EmbeddingWire(config.maxEmbeddingInputs(),
                            MAX_EMBEDDING_INPUT_CHARS), services.embeddings(), embeddingGenerator(embedder),
                            config.maxRequestBytes()))
                    .function(new ModelFunctions(services.models(), new HealthService(NAME, checks, clock)));
            return new LlmApp(parts);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /** The services over any ports: the composition root above and the tests share this wiring. */
    public static Services services(LlmSettings config, BackendPool pool, Embedder embedder, UsageMeter usage,
                                    Budget budget, Clock clock) {
        boolean offline = pool.members().stream().allMatch(m -> m.model().equals(Generator.EXTRACTIVE_OFFLINE.label()));
        var models = new ModelCatalog(
                new ModelCatalog.Model(pool.modelName(), ModelCatalog.Kind.CHAT,
                        offline ? Generator.EXTRACTIVE_OFFLINE.label() : "aiplatform-pool"),
                new ModelCatalog.Model(embedder.model().name(), ModelCatalog.Kind.EMBEDDING,
                        embeddingGenerator(embedder)),
                clock.instant().getEpochSecond());
        return new Services(models, new ChatService(models, new BudgetedChat(pool, usage, budget,
                tokenCounter(embedder))),
                new EmbeddingService(models, embedder, usage, budget));
    }

    private static CachedChat cachedChat(LlmSettings config, ChatService chat, AzureStorageClients storage,
                                         Embedder embedder, Clock clock) {
        if (!config.cacheEnabled()) {
            return new CachedChat(chat, Optional.empty());
        }
        return new CachedChat(chat, Optional.of(new TableResponseCache(storage.tableStore(), config.cacheTtl(), clock,
                TableResponseCache.MAX_ANSWER_CHARS)), Optional.of(new SemanticCache(embedder, tokenCounter(embedder),
                new TableSemanticIndex(storage.tableStore(), config.cacheTtl(), clock,
                        config.cacheSemanticCandidates()))));
    }

    /** The app's services. */
    public record Services(ModelCatalog models, ChatService chat, EmbeddingService embeddings) {
    }

    /** The bundled embedder's tokenizer when there is one: estimates and the offline method count alike. */
    public static TokenCounter tokenCounter(Embedder embedder) {
        return embedder instanceof TokenCounter counter ? counter : TokenCounter.approximate();
    }

    private static String embeddingGenerator(Embedder embedder) {
        return embedder instanceof ModelLease || embedder instanceof OnnxEmbedder ? "bundled-onnx"
                : Generator.MODEL.label();
    }

    private static String circuit(PoolMember member) {
        String state = member.circuitState();
        if (state.equals("OPEN")) {
            throw new IllegalStateException("circuit open (priority " + member.priority() + ", " + member.model() + ")");
        }
        return "circuit " + state + ", priority " + member.priority() + ", weight " + member.weight() + ", "
                + member.model();
    }
}
