package com.aiplatform.agent;

import com.aiplatform.agent.api.AdminFunctions;
import com.aiplatform.agent.api.ConversationFunctions;
import com.aiplatform.agent.api.HealthFunctions;
import com.aiplatform.agent.conversation.ConversationEvents;
import com.aiplatform.agent.conversation.ConversationRepository;
import com.aiplatform.agent.conversation.ConversationService;
import com.aiplatform.agent.conversation.HistoryWindow;
import com.aiplatform.agent.conversation.TurnLeases;
import com.aiplatform.agent.conversation.TurnRunner;
import com.aiplatform.agent.offline.OfflineAgentLlmClient;
import com.aiplatform.agent.support.SeedService;
import com.aiplatform.agent.support.SupportData;
import com.aiplatform.agent.tools.CreateTicketTool;
import com.aiplatform.agent.tools.CustomerOrdersTool;
import com.aiplatform.agent.tools.HandoverTool;
import com.aiplatform.agent.tools.KnowledgeSearchTool;
import com.aiplatform.agent.tools.OrderStatusTool;
import com.aiplatform.agent.tools.Toolbox;
import com.aiplatform.agent.tools.UpdateTicketTool;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.function.ComposedApp;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.health.ClassDataSharing;
import com.aiplatform.shared.health.HealthService;
import com.aiplatform.shared.health.StorageChecks;
import com.aiplatform.shared.knowledge.KnowledgeBase;
import com.aiplatform.shared.knowledge.http.HttpKnowledgeBase;
import com.aiplatform.shared.knowledge.http.KnowledgeApiSettings;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.runtime.AppSettings;
import com.aiplatform.shared.runtime.BundledEmbedders;
import com.aiplatform.shared.runtime.EmbedderHealth;
import com.aiplatform.shared.runtime.ModelLease;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.runtime.SharedAdapters;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.settings.SettingsGroup;
import com.aiplatform.shared.table.TableStore;
import com.aiplatform.shared.telemetry.azure.Telemetry;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.UsageMeter;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * The agent app's composition root: every client and service is built here, once per process, from
 * settings; shared/runtime chooses every adapter. The bundled model is always loaded (MiniLM int8 unless
 * {@code ONNX_EMBEDDING_VARIANT} says otherwise): its tokenizer counts the history window, and offline it is the
 * fallback's tool router, which shared/runtime's offline choice takes in place of the extractive method.
 */
public final class AgentApp extends ComposedApp {

    public static final String NAME = "agent";
    /** The tables the agent owns, without the {@code AGENT_TABLE_PREFIX}. */
    private static final String[] TABLES = {"conversations", "messages", "customers", "orders", "tickets"};
    /**
     * The bundled model, chosen as every app chooses it ({@code ONNX_EMBEDDING_MODEL}, {@code ONNX_EMBEDDING_VARIANT});
     * the agent's default variant is int8, or the deprecated {@code AGENT_ONNX_VARIANT} when that is still set.
     */
    private static final SettingsGroup EMBEDDER = read -> BundledEmbedders.read(read,
            AgentSettings.read(read).onnxVariant());


    private AgentApp(AppParts parts) {
        super(parts);
    }

    public static AgentApp create(Settings settings, HostServices host) {
        AppSettings.check(settings, AgentSettings::read, EMBEDDER, KnowledgeApiSettings::read, SharedAdapters.SETTINGS);
        AgentSettings config = AgentSettings.from(settings);
        RuntimeSettings runtime = RuntimeSettings.from(settings);
        KnowledgeApiSettings knowledgeApi = KnowledgeApiSettings.from(settings);
        Clock clock = host.clock();
        AppParts parts = new AppParts(NAME);
        try {
            parts.resource(Telemetry.configure(settings));
            AzureStorageClients storage = AzureStorageClients.fromSettings(settings);
            TableStore tables = storage.tableStore();
            ModelLease embedder = BundledEmbedders.shared(settings, config.onnxVariant(), parts);
            LlmClient llm = SharedAdapters.llm(runtime, settings, () -> new OfflineAgentLlmClient(embedder, embedder));
            UsageMeter usage = SharedAdapters.usageMeter(runtime, storage.workQueue(), clock);
            KnowledgeBase knowledge = HttpKnowledgeBase.create(knowledgeApi);
            EventPublisher events = SharedAdapters.events(runtime, settings, host);
            Services services = services(config, new Ports(tables, knowledge, llm, embedder, usage,
                    SharedAdapters.budget(settings), events, clock));
            parts.function(new ConversationFunctions(services.conversations()))
                    .function(new AdminFunctions(services.seed()))
                    .function(new HealthFunctions(new HealthService(NAME, Stream.concat(Stream.of(TABLES)
                            .map(t -> StorageChecks.table(tables, config.table(t))),
                            Stream.of(EmbedderHealth.check(embedder), ClassDataSharing.check())).toList(), clock)));
            return new AgentApp(parts);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /**
     * The ports the agent's services run over: chosen from settings by {@link #create}, in memory by the tests,
     * which then call the same {@link #services} wiring.
     */
    public record Ports(TableStore tables, KnowledgeBase knowledge, LlmClient llm, TokenCounter tokens,
                        UsageMeter usage, Budget budget, EventPublisher events, Clock clock) {
    }

    /** The services over any ports: the composition root above and the tests share this wiring. */
    public static Services services(AgentSettings config, Ports ports) {
        TableStore tables = ports.tables();
        KnowledgeBase knowledge = ports.knowledge();
        TokenCounter tokens = ports.tokens();
        Clock clock = ports.clock();
        SupportData data = new SupportData(tables, config.table("customers"), config.table("orders"),
                config.table("tickets"));
        Toolbox toolbox = new Toolbox(List.of(
                new KnowledgeSearchTool(knowledge, config.knowledgeTopK()),
                new CustomerOrdersTool(data),
                new OrderStatusTool(data),
                new CreateTicketTool(data, clock),
                new UpdateTicketTool(data, clock),
                new HandoverTool()));
        var repository = new ConversationRepository(tables, config.table("conversations"), config.table("messages"));
        var conversations = new ConversationService(repository, new TurnLeases(repository, clock, config.turnLease()),
                new TurnRunner(new BudgetedChat(ports.llm(), ports.usage(), ports.budget(), tokens), toolbox, config.maxToolRounds(),
                        config.maxOutputTokens()),
                new HistoryWindow(tokens, config.historyTokens()), new ConversationEvents(ports.events(), clock),
                config.maxMessageChars(), clock);
        return new Services(conversations, new SeedService(data, knowledge, clock), data, toolbox);
    }

    /** The app's services. */
    public record Services(ConversationService conversations, SeedService seed, SupportData data, Toolbox toolbox) {
    }
}
