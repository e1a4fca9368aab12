package com.aiplatform.agent;

import com.aiplatform.agent.AgentApp.Services;
import com.aiplatform.shared.budget.unlimited.UnlimitedBudget;
import com.aiplatform.shared.embedding.onnx.OnnxEmbedder;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.knowledge.KnowledgeBase;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.ToolSpec;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.table.memory.InMemoryTableStore;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.PriceTable;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.memory.InMemoryUsageSink;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The agent's services over fakes and real parts that need no server: tables in memory (the Azure
 * adapter passes the same contract on Azurite; the end-to-end test runs it), the bundled model's
 * tokenizer, a knowledge base and an LLM given by the test.
 */
public final class AgentTestKit {

    /** Loaded once per test JVM. */
    public static final OnnxEmbedder EMBEDDER = OnnxEmbedder.load(OnnxEmbedder.Variant.INT8);
    public static final Caller ALICE = new Caller("alice", TenantId.of("tenant-a"), Set.of("admin"));
    public static final Caller BOB = new Caller("bob", TenantId.of("tenant-b"), Set.of());

    public final InMemoryTableStore tables = new InMemoryTableStore();
    public final InMemoryUsageSink usage = new InMemoryUsageSink();
    public final List<PlatformEvent> events = new CopyOnWriteArrayList<>();
    public final Services services;

    public AgentTestKit(LlmClient llm, KnowledgeBase knowledge, Clock clock, Map<String, String> settings) {
        AgentSettings config = AgentSettings.from(Settings.of(settings));
        services = AgentApp.services(config, new AgentApp.Ports(tables, knowledge, llm, EMBEDDER,
                new UsageMeter(PriceTable.parse("gpt-4o-mini=0.00015/0.0006"), usage, clock), new UnlimitedBudget(),
                events::add, clock));
    }

    public static CallContext call(Caller caller) {
        return new CallContext(caller, "agent", "invocation", "trace");
    }

    public static List<ToolSpec> toolSpecs() {
        return new AgentTestKit(null, null, Clock.systemUTC(), Map.of()).services.toolbox().specs();
    }
}
