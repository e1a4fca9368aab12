package com.aiplatform.local.cli;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.local.discovery.EventGridBinding;
import com.aiplatform.local.discovery.FunctionDefinition;
import com.aiplatform.local.discovery.HostedApp;
import com.aiplatform.local.discovery.QueueBinding;
import com.aiplatform.local.http.HttpRoute;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The local platform's command line: {@code start [--port 7071] [--data-dir .data | --in-memory]}. The
 * {@code ./platform} script runs the bench module's command line, which adds eval and the benchmarks to this.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Runs every function app of the AI Platform in one process, with Azurite for storage.",
        subcommands = Main.Start.class)
public final class Main {

    public static void main(String[] args) {
        run(new Main(), args);
    }

    /** Runs a command line with java.util.logging (ExecutionContext.getLogger()) routed to logback, and exits. */
    public static void run(Object command, String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(new CommandLine(command).execute(args));
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Starts the platform, prints its functions and runs until Ctrl-C.")
    public static final class Start implements Callable<Integer> {

        @Option(names = "--port", defaultValue = "7071", description = "HTTP port on 127.0.0.1 (0: a free one). Default: ${DEFAULT-VALUE}.")
        int port;

        @Option(names = "--data-dir", description = "Data folder (Azurite under <dir>/azurite). Default: <repository>/.data.")
        Path dataDir;

        @Option(names = "--in-memory", description = "Keep nothing: Azurite in memory, a temporary data folder.")
        boolean inMemory;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            LocalPlatform.Builder builder = LocalPlatform.defaults(port,
                    dataDir != null ? dataDir : LocalPlatform.defaultDataDir());
            if (inMemory) {
                builder.inMemory();
            }
            RunningPlatform platform = builder.build().start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                platform.close();
                stopped.countDown();
            }, "local-platform-shutdown"));
            print(platform, spec.commandLine().getOut());
            stopped.await();
            return 0;
        }

        private static void print(RunningPlatform platform, PrintWriter out) {
            out.println();
            List<HttpRoute> routes = platform.routes().stream()
                    .sorted(Comparator.comparing(r -> r.template().toString())).toList();
            for (HttpRoute route : routes) {
                String methods = route.binding().methods().isEmpty() ? "ANY"
                        : route.binding().methods().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
                out.printf("  %-40s [%s] %s%s%n", route.function().qualifiedName() + ":", methods,
                        platform.baseUrl(), route.template());
            }
            for (HostedApp app : platform.apps()) {
                for (FunctionDefinition function : app.functions()) {
                    if (function.trigger() instanceof QueueBinding queue) {
                        out.printf("  %-40s queueTrigger on '%s'%n", function.qualifiedName() + ":", queue.queueName());
                    } else if (function.trigger() instanceof EventGridBinding) {
                        out.printf("  %-40s eventGridTrigger (local event bus)%n", function.qualifiedName() + ":");
                    }
                }
            }
            if (!platform.mcpTools().isEmpty()) {
                out.printf("%nMCP server (Streamable HTTP, same keys): %s/api/v1/mcp%n  tools: %s%n", platform.baseUrl(),
                        String.join(", ", platform.mcpTools()));
            }
            platform.developmentKey().ifPresent(key -> out.printf("%nDevelopment subscription key (consumer local-developer, "
                    + "tenant local, roles admin and platform-admin; kept in <data>/gateway/development-key):%n  export AIP_KEY=%s%n"
                    + "  curl -H \"Ocp-Apim-Subscription-Key: $AIP_KEY\" %s/api/v1/platform/health%n", key, platform.baseUrl()));
            out.printf("%nData in %s. Press Ctrl-C to stop.%n", platform.settings().get("DATA_DIR").orElse("?"));
            out.flush();
        }
    }
}
