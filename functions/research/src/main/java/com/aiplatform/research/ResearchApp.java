package com.aiplatform.research;

import com.aiplatform.research.api.HealthFunctions;
import com.aiplatform.research.api.OpenApiFunctions;
import com.aiplatform.research.api.TaskFunctions;
import com.aiplatform.research.api.WorkerFunctions;
import com.aiplatform.research.planning.ModelPlanner;
import com.aiplatform.research.planning.OfflinePlanner;
import com.aiplatform.research.planning.Planner;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.function.FunctionApp;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.health.HealthService;
import com.aiplatform.shared.health.StorageChecks;
import com.aiplatform.shared.knowledge.http.HttpKnowledgeBase;
import com.aiplatform.shared.knowledge.http.KnowledgeApiSettings;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.runtime.SharedAdapters;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.telemetry.azure.Telemetry;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The research app's composition root: storage on Azure Storage (Azurite locally), the knowledge app through
 * its HTTP API, the LLM, events and usage as every app picks them ({@link SharedAdapters}). The planner is
 * the model when there is one and the labelled offline decomposition otherwise.
 */
public final class ResearchApp implements FunctionApp {

    public static final String NAME = "research";

    private final Map<Class<?>, Object> functions;
    private final List<AutoCloseable> resources;
    private final ResearchComponents components;

    private ResearchApp(Map<Class<?>, Object> functions, List<AutoCloseable> resources, ResearchComponents components) {
        this.functions = functions;
        this.resources = resources;
        this.components = components;
    }

    public static ResearchApp create(Settings settings, HostServices host) {
        ResearchSettings config = ResearchSettings.from(settings);
        RuntimeSettings runtime = RuntimeSettings.from(settings);
        KnowledgeApiSettings knowledgeApi = KnowledgeApiSettings.from(settings);
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            resources.add(Telemetry.configure(settings));
            AzureStorageClients storage = AzureStorageClients.fromSettings(settings);
            LlmClient llm = SharedAdapters.llm(runtime, settings);
            Planner planner = runtime.llm() == RuntimeSettings.LlmBackend.EXTRACTIVE ? new OfflinePlanner()
                    : new ModelPlanner(llm.modelName());
            var ports = new ResearchComponents.Ports(storage.tableStore(), storage.blobStore(), storage.workQueue(),
                    HttpKnowledgeBase.create(knowledgeApi), llm,
                    SharedAdapters.usageMeter(runtime, storage.workQueue(), host.clock()),
                    SharedAdapters.budget(settings), SharedAdapters.events(runtime, settings, host), planner);
            ResearchComponents components = ResearchComponents.wire(config, ports, host.clock());
            resources.add(components);
            Map<Class<?>, Object> functions = Map.of(
                    TaskFunctions.class, new TaskFunctions(components.tasks()),
                    WorkerFunctions.class, new WorkerFunctions(components.messages(), components.planner(),
                            components.steps(), components.synthesizer(), components.poison()),
                    OpenApiFunctions.class, new OpenApiFunctions(),
                    HealthFunctions.class, new HealthFunctions(new HealthService(NAME, List.of(
                            StorageChecks.table(ports.tables(), config.tasksTable()),
                            StorageChecks.table(ports.tables(), config.stepsTable()),
                            StorageChecks.container(ports.blobs(), config.container()),
                            StorageChecks.queue(ports.queue(), config.queues().plan()),
                            StorageChecks.queue(ports.queue(), config.queues().step()),
                            StorageChecks.queue(ports.queue(), config.queues().synthesize())), host.clock())));
            return new ResearchApp(functions, resources, components);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Class<?>> functionClasses() {
        return List.of(TaskFunctions.class, WorkerFunctions.class, OpenApiFunctions.class, HealthFunctions.class);
    }

    @Override
    public <T> T instance(Class<T> functionClass) {
        Object instance = functions.get(functionClass);
        if (instance == null) {
            throw new IllegalArgumentException(functionClass.getName() + " is not a function class of " + NAME);
        }
        return functionClass.cast(instance);
    }

    /** The wired services, for in-process tools (benchmarks) that run the same code as the functions. */
    public ResearchComponents components() {
        return components;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LoggerFactory.getLogger(ResearchApp.class).warn("Closing {} failed", resources.get(i), e);
            }
        }
    }
}
