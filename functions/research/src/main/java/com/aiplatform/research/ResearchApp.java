package com.aiplatform.research;

import com.aiplatform.research.api.HealthFunctions;
import com.aiplatform.research.api.OpenApiFunctions;
import com.aiplatform.research.api.TaskFunctions;
import com.aiplatform.research.api.WorkerFunctions;
import com.aiplatform.research.planning.ModelPlanner;
import com.aiplatform.research.planning.OfflinePlanner;
import com.aiplatform.research.planning.Planner;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.function.ComposedApp;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.health.ClassDataSharing;
import com.aiplatform.shared.health.HealthService;
import com.aiplatform.shared.health.StorageChecks;
import com.aiplatform.shared.knowledge.http.HttpKnowledgeBase;
import com.aiplatform.shared.knowledge.http.KnowledgeApiSettings;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.runtime.AppSettings;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.runtime.SharedAdapters;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.telemetry.azure.Telemetry;

import java.util.List;

/**
 * The research app's composition root: storage on Azure Storage (Azurite locally), the knowledge app through
 * its HTTP API, the LLM, events and usage as every app picks them ({@link SharedAdapters}). The planner is
 * the model when there is one and the labelled offline decomposition otherwise.
 */
public final class ResearchApp extends ComposedApp {

    public static final String NAME = "research";

    private final ResearchComponents components;

    private ResearchApp(AppParts parts, ResearchComponents components) {
        super(parts);
        this.components = components;
    }

    public static ResearchApp create(Settings settings, HostServices host) {
        AppSettings.check(settings, ResearchSettings::read, KnowledgeApiSettings::read, SharedAdapters.SETTINGS);
        ResearchSettings config = ResearchSettings.from(settings);
        RuntimeSettings runtime = RuntimeSettings.from(settings);
        KnowledgeApiSettings knowledgeApi = KnowledgeApiSettings.from(settings);
        AppParts parts = new AppParts(NAME);
        try {
            parts.resource(Telemetry.configure(settings));
            AzureStorageClients storage = AzureStorageClients.fromSettings(settings);
            LlmClient llm = SharedAdapters.llm(runtime, settings);
            Planner planner = SharedAdapters.offlineOr(runtime, OfflinePlanner::new,
                    () -> new ModelPlanner(llm.modelName()));
            var ports = new ResearchComponents.Ports(storage.tableStore(), storage.blobStore(), storage.workQueue(),
                    HttpKnowledgeBase.create(knowledgeApi), llm,
                    SharedAdapters.usageMeter(runtime, storage.workQueue(), host.clock()),
                    SharedAdapters.budget(settings), SharedAdapters.events(runtime, settings, host), planner);
            var queues = config.queues();
            for (String queue : new String[] {queues.plan(), queues.step(), queues.synthesize()}) {
                storage.workQueue().createIfMissing(queue);
            }
            ResearchComponents components = ResearchComponents.wire(config, ports, host.clock());
            parts.resource(components);
            parts.function(new TaskFunctions(components.tasks()))
                    .function(new WorkerFunctions(components.messages(), components.planner(),
                            components.steps(), components.synthesizer(), components.poison()))
                    .function(new OpenApiFunctions())
                    .function(new HealthFunctions(new HealthService(NAME, List.of(
                            StorageChecks.table(ports.tables(), config.tasksTable()),
                            StorageChecks.table(ports.tables(), config.stepsTable()),
                            StorageChecks.container(ports.blobs(), config.container()),
                            StorageChecks.queue(ports.queue(), config.queues().plan()),
                            StorageChecks.queue(ports.queue(), config.queues().step()),
                            StorageChecks.queue(ports.queue(), config.queues().synthesize()),
                            ClassDataSharing.check()), host.clock())));
            return new ResearchApp(parts, components);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /** The wired services, for in-process tools (benchmarks) that run the same code as the functions. */
    public ResearchComponents components() {
        return components;
    }
}
