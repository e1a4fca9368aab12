package com.aiplatform.local;

import com.aiplatform.local.discovery.AppLoader;
import com.aiplatform.local.discovery.EventGridBinding;
import com.aiplatform.local.discovery.FunctionDefinition;
import com.aiplatform.local.discovery.HostedApp;
import com.aiplatform.local.discovery.HttpBinding;
import com.aiplatform.local.discovery.QueueBinding;
import com.aiplatform.local.event.LocalEventBus;
import com.aiplatform.local.gateway.AppToAppCalls;
import com.aiplatform.local.gateway.GatewayDefinition;
import com.aiplatform.local.http.HttpHost;
import com.aiplatform.local.http.HttpRoute;
import com.aiplatform.local.http.RouteTable;
import com.aiplatform.local.http.RouteTemplate;
import com.aiplatform.local.invoke.FunctionInvoker;
import com.aiplatform.local.invoke.Invocation;
import com.aiplatform.local.invoke.LocalExecutionContext;
import com.aiplatform.local.invoke.TraceParent;
import com.aiplatform.local.mcp.HttpGatewayToolCaller;
import com.aiplatform.local.mcp.McpHttpEndpoint;
import com.aiplatform.local.queue.QueueHost;
import com.aiplatform.local.settings.LocalSettings;
import com.aiplatform.shared.event.CloudEventJson;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.azurite.Azurite;
import com.aiplatform.shared.concurrent.Await;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A started {@link LocalPlatform}; closing it stops everything in the reverse order of starting. */
public final class RunningPlatform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningPlatform.class);

    private final Deque<AutoCloseable> resources;
    private final int port;
    private final LocalEventBus events;
    private final Settings settings;
    private final List<HostedApp> apps;
    private final RouteTable routes;
    private final Optional<String> developmentKey;
    private final FunctionInvoker invoker;
    private final List<String> mcpTools;

    private RunningPlatform(Deque<AutoCloseable> resources, int port, LocalEventBus events, Settings settings,
                            List<HostedApp> apps, RouteTable routes, Optional<String> developmentKey,
                            FunctionInvoker invoker, List<String> mcpTools) {
        this.resources = resources;
        this.mcpTools = List.copyOf(mcpTools);
        this.invoker = invoker;
        this.port = port;
        this.events = events;
        this.settings = settings;
        this.apps = List.copyOf(apps);
        this.routes = routes;
        this.developmentKey = developmentKey;
    }

    static RunningPlatform start(LocalPlatform options) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            Path root = options.root.orElseGet(Azurite::projectRoot);
            DataFolder data = DataFolder.open(options, root);
            started.push(data);
            String storage = options.storageConnectionString.orElseGet(() -> {
                long azuriteStart = System.nanoTime();
                Azurite azurite = options.inMemory ? Azurite.startInMemory() : Azurite.start(data.azurite());
                started.push(azurite);
                LOG.info("Azurite started in {} ms", (System.nanoTime() - azuriteStart) / 1_000_000);
                return azurite.connectionString();
            });
            int port = options.port != 0 ? options.port : FreePort.pick();
            String appKey = AppLinks.newKey();
            AppLoader loader = new AppLoader(RunningPlatform.class.getClassLoader());
            Predicate<String> include = name -> options.apps.map(names -> names.contains(name)).orElse(true);
            List<String> names = loader.names(include);
            Settings settings = AppLinks.fill(LocalSettings.assemble(root, options.environment, options.settings,
                    Map.of(LocalSettings.STORAGE, storage, LocalSettings.DATA_DIR, data.path().toString())),
                    names, "http://127.0.0.1:" + port, appKey);
            // The MCP tools are read from the apps' OpenAPI documents while the apps compose.
            CompletableFuture<Optional<McpHttpEndpoint>> mcp = CompletableFuture.supplyAsync(
                    () -> mcp(options, Set.copyOf(names), port));
            long composeStart = System.nanoTime();
            LocalEventBus events = new LocalEventBus(options.clock, options.eventAttempts, options.eventRetryDelay, 1000,
                    options.eventDeadLetters.apply(settings));
            started.push(events);
            List<HostedApp> apps = loader.load(settings, new HostServices(Optional.of(events), options.clock), include);
            apps.forEach(app -> started.push(app.app()));
            long composed = System.nanoTime();
            FunctionInvoker invoker = new FunctionInvoker();
            subscribeEventFunctions(apps, events, invoker, started);
            startQueueHost(options, settings, apps, invoker, started);
            RouteTable routes = new RouteTable(httpRoutes(apps));
            GatewaySetup gateway = GatewaySetup.create(options, settings, apps, events, started);
            HttpHost http = new HttpHost(routes, new AppToAppCalls(appKey, gateway.gateway()), invoker,
                    options.maxBodyBytes, Await.result(mcp));
            http.start(port);
            started.push(http);
            Optional<String> developmentKey = gateway.developmentKey(data.path());
            LOG.info("Local platform listening on http://127.0.0.1:{} with apps {} (composed in {} ms; hosted in {} ms "
                    + "more)", port, apps.stream().map(HostedApp::name).toList(), (composed - composeStart) / 1_000_000,
                    (System.nanoTime() - composed) / 1_000_000);
            return new RunningPlatform(started, port, events, settings, apps, routes, developmentKey, invoker,
                    Await.result(mcp).map(McpHttpEndpoint::toolNames).orElse(List.of()));
        } catch (RuntimeException | Error e) { // an Error too (a class missing from the class path): stop Azurite
            closeAll(started);
            throw e;
        }
    }

    /** The MCP endpoint over the hosted apps' marked operations, when the gateway definition is enforced. */
    private static Optional<McpHttpEndpoint> mcp(LocalPlatform options, Set<String> hosted, int port) {
        if (options.gateway.isPresent()) {
            return Optional.empty();
        }
        return Optional.of(McpHttpEndpoint.of(options.gatewayDefinition.orElseGet(GatewayDefinition::load), hosted,
                new HttpGatewayToolCaller(URI.create("http://127.0.0.1:" + port), Duration.ofMinutes(2))));
    }

    /** The tools the MCP endpoint ({@code /api/v1/mcp}) offers; empty when the gateway was replaced. */
    public List<String> mcpTools() {
        return mcpTools;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The in-process Event Grid stand-in: publish to it, subscribe to it, read its delivery log. */
    public LocalEventBus events() {
        return events;
    }

    /** The settings every app was created with. */
    public Settings settings() {
        return settings;
    }

    public List<HostedApp> apps() {
        return apps;
    }

    /**
     * The subscription key of the development consumer ({@code local-developer}, tenant {@code local}, admin),
     * when the platform app is hosted: send it as {@code Ocp-Apim-Subscription-Key}.
     */
    public Optional<String> developmentKey() {
        return developmentKey;
    }

    public List<HttpRoute> routes() {
        return routes.routes();
    }

    /** Hears of every function run (HTTP, queue, event) with its duration until closed: for benchmarks and tests. */
    public AutoCloseable observeInvocations(Consumer<Invocation> observer) {
        return invoker.observe(observer);
    }

    @Override
    public void close() {
        closeAll(resources);
        LOG.info("Local platform on port {} stopped", port);
    }

    private static void subscribeEventFunctions(List<HostedApp> apps, LocalEventBus events, FunctionInvoker invoker,
                                                Deque<AutoCloseable> started) {
        for (FunctionDefinition function : functions(apps)) {
            if (function.trigger() instanceof EventGridBinding) {
                started.push(events.subscribe(function.qualifiedName(), event -> invoker.invoke(function,
                        CloudEventJson.toJson(event).toString(), Map.of(),
                        LocalExecutionContext.start(function.name(), TraceParent.continueFrom(event.traceparent())))));
            }
        }
    }

    private static void startQueueHost(LocalPlatform options, Settings settings, List<HostedApp> apps,
                                       FunctionInvoker invoker, Deque<AutoCloseable> started) {
        boolean anyQueueFunction = functions(apps).stream().anyMatch(f -> f.trigger() instanceof QueueBinding);
        if (!anyQueueFunction) {
            return;
        }
        if (options.workQueue.isEmpty()) {
            LOG.warn("No WorkQueue adapter configured: queue-triggered functions are not polled");
            return;
        }
        WorkQueue workQueue = options.workQueue.get().apply(settings);
        if (workQueue instanceof AutoCloseable closeable) {
            started.push(closeable);
        }
        QueueHost host = new QueueHost(workQueue, invoker, options.queueWorkers, options.queueLease);
        started.push(host);
        host.start(apps);
    }

    private static List<HttpRoute> httpRoutes(List<HostedApp> apps) {
        List<HttpRoute> routes = new ArrayList<>();
        for (HostedApp app : apps) {
            for (FunctionDefinition function : app.functions()) {
                if (function.trigger() instanceof HttpBinding binding) {
                    routes.add(new HttpRoute(RouteTemplate.of(app.hostJson().routePrefix(), binding.route()),
                            function, binding));
                }
            }
        }
        return routes;
    }

    private static List<FunctionDefinition> functions(List<HostedApp> apps) {
        return apps.stream().flatMap(app -> app.functions().stream()).toList();
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
