package com.aiplatform.research;

import com.aiplatform.research.api.WorkerFunctions;
import com.aiplatform.research.planning.OfflinePlanner;
import com.aiplatform.research.planning.Planner;
import com.aiplatform.research.tasks.CreateTaskRequest;
import com.aiplatform.research.tasks.Task;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.shared.blob.memory.InMemoryBlobStore;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.extractive.ExtractiveLlmClient;
import com.aiplatform.shared.queue.memory.InMemoryWorkQueue;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.table.memory.InMemoryTableStore;
import com.aiplatform.shared.usage.PriceTable;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.UsageRecord;
import com.aiplatform.shared.usage.memory.InMemoryUsageSink;

import com.aiplatform.testing.time.ManualClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The research services on in-memory adapters (the Azure adapters pass the same port contracts on Azurite),
 * the offline LLM and a fake knowledge base, with the queue functions driven by a {@link QueueDriver}.
 */
public final class ResearchTestKit {

    public static final Caller ALICE = new Caller("alice", TenantId.of("acme"), Set.of());
    public static final Caller MALLORY = new Caller("mallory", TenantId.of("other"), Set.of());
    public static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    public final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T09:00:00Z"));
    public final InMemoryTableStore tables = new InMemoryTableStore();
    public final InMemoryBlobStore blobs = new InMemoryBlobStore();
    public final InMemoryWorkQueue memoryQueue = new InMemoryWorkQueue(clock);
    public final RecordingQueue queue = new RecordingQueue(memoryQueue);
    public final FakeKnowledgeBase knowledge = new FakeKnowledgeBase();
    public final InMemoryUsageSink usage = new InMemoryUsageSink();
    private volatile Consumer<UsageRecord> beforeUsage = record -> { };
    public final List<PlatformEvent> events = new CopyOnWriteArrayList<>();
    public final HookedLlm llm = new HookedLlm(new ExtractiveLlmClient());
    /** The platform's money budget as this app sees it; tests may set a limit. */
    public final FakeBudget budget = new FakeBudget();
    public final ResearchSettings config;
    public final ResearchComponents components;
    public final QueueDriver driver;

    public ResearchTestKit() {
        this(Map.of(), new OfflinePlanner());
    }

    public ResearchTestKit(Map<String, String> overrides) {
        this(overrides, new OfflinePlanner());
    }

    public ResearchTestKit(Map<String, String> overrides, Planner planner) {
        Map<String, String> values = new HashMap<>(Map.of("RESEARCH_CLAIM_TIMEOUT", "PT30S",
                "RESEARCH_OUTBOX_GRACE", "PT10S", "MODEL_PRICES", "extractive-offline=0/0"));
        values.putAll(overrides);
        Settings settings = Settings.of(values);
        config = ResearchSettings.from(settings);
        var meter = new UsageMeter(PriceTable.parse(values.get("MODEL_PRICES")), record -> {
            beforeUsage.accept(record);
            usage.record(record);
        }, clock);
        components = ResearchComponents.wire(config, new ResearchComponents.Ports(tables, blobs, queue, knowledge, llm,
                meter, budget, events::add, planner), clock);
        var functions = new WorkerFunctions(components.messages(), components.planner(), components.steps(),
                components.synthesizer(), components.poison());
        var queues = config.queues();
        driver = new QueueDriver(memoryQueue, clock)
                .on(queues.plan(), functions::plan)
                .on(queues.step(), functions::step)
                .on(queues.synthesize(), functions::synthesize)
                .on(queues.plan() + "-poison", functions::planPoisoned)
                .on(queues.step() + "-poison", functions::stepPoisoned)
                .on(queues.synthesize() + "-poison", functions::synthesizePoisoned);
        knowledge.add("acme", "returns", "Returns policy", "Items can be returned within 30 days of delivery. "
                        + "Refunds reach the original card within five business days after the return arrives.")
                .add("acme", "warranty", "Warranty", "The warranty covers manufacturing defects for two years. "
                        + "Batteries are covered for six months; accidental damage is not covered.")
                .add("acme", "shipping", "Shipping", "Parcels to Norway take seven days. Express delivery costs "
                        + "twelve euros and arrives within two days.")
                .add("other", "secret", "Other tenant", "Refunds for batteries are secret to the other tenant.");
    }

    public Task start(String question, int subquestions) {
        return start(ALICE, new CreateTaskRequest(question, subquestions, null, null));
    }

    public Task start(Caller caller, CreateTaskRequest request) {
        return components.tasks().create(caller, request, null, TRACEPARENT);
    }

    public Task task(Task task) {
        return components.stores().tasks().get(task.key()).orElseThrow();
    }

    public TaskKey key(Task task) {
        return task.key();
    }

    /** Runs {@code hook} before each usage record is sent (it may throw, as a failing queue or a stopping worker). */
    public void onUsage(Consumer<UsageRecord> hook) {
        beforeUsage = hook;
    }

    /** The cost in the platform's ledger, which writes records by id: a record sent twice counts once there. */
    public BigDecimal usageCost() {
        return ledger().stream().map(UsageRecord::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Records in the platform's ledger for the operation (by id, as the ledger keeps them). */
    public long usageRecords(String operation) {
        return ledger().stream().filter(r -> r.operation().equals(operation)).count();
    }

    /** Records sent, duplicates included (the queue delivers at least once). */
    public long usageRecordsSent(String operation) {
        return usage.records().stream().filter(r -> r.operation().equals(operation)).count();
    }

    private Collection<UsageRecord> ledger() {
        Map<String, UsageRecord> byId = new LinkedHashMap<>();
        usage.records().forEach(r -> byId.putIfAbsent(r.id(), r));
        return byId.values();
    }

    /** The offline LLM, with a hook run before each call and a count of calls. */
    public static final class HookedLlm implements LlmClient {
        private final LlmClient inner;
        private final AtomicInteger calls = new AtomicInteger();
        private volatile Consumer<ChatRequest> before = request -> { };

        HookedLlm(LlmClient inner) {
            this.inner = inner;
        }

        public void before(Consumer<ChatRequest> hook) {
            this.before = hook;
        }

        public int calls() {
            return calls.get();
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            before.accept(request);
            calls.incrementAndGet();
            return inner.chat(request);
        }

        @Override
        public String modelName() {
            return inner.modelName();
        }
    }
}
