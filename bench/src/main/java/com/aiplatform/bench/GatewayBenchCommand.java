package com.aiplatform.bench;

import com.aiplatform.bench.stats.Percentiles;
import com.aiplatform.local.FreePort;
import com.aiplatform.local.discovery.FunctionDefinition;
import com.aiplatform.local.discovery.FunctionReader;
import com.aiplatform.local.discovery.HttpBinding;
import com.aiplatform.local.gateway.Admission;
import com.aiplatform.local.gateway.AppToAppCalls;
import com.aiplatform.local.gateway.CachedSubscriptions;
import com.aiplatform.local.gateway.DefinitionGateway;
import com.aiplatform.local.gateway.Gateway;
import com.aiplatform.local.gateway.GatewayDefinition;
import com.aiplatform.local.gateway.ResolvedSubscription;
import com.aiplatform.local.http.HttpHost;
import com.aiplatform.local.http.HttpRoute;
import com.aiplatform.local.http.RouteTable;
import com.aiplatform.local.http.RouteTemplate;
import com.aiplatform.local.invoke.FunctionInvoker;
import com.aiplatform.shared.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./platform bench-gateway}: the local gateway's added latency (p50, p99) and throughput on a trivial
 * route, against nginx as a reverse proxy to the same backend, in the same run. The backend is the local
 * HTTP host serving the ping function with nothing in front; the gateway runs in that host, as it does in
 * the local platform, so its added cost is what the same request costs with the gateway's checks on.
 */
@Command(name = "bench-gateway", mixinStandardHelpOptions = true,
        description = "Gateway added latency p50/p99 and throughput vs nginx as a reverse proxy, same backend.")
public final class GatewayBenchCommand implements Callable<Integer> {

    private static final String PATH = "/api/v1/bench/ping";
    private static final String KEY = "aip_bench-subscription-key-not-a-secret-0000000";
    private static final String APP_KEY = "bench-app-to-app-key";

    @Option(names = "--nginx", description = "The nginx binary. Default: nginx on the PATH or /usr/sbin/nginx.")
    Path nginx;

    @Option(names = "--warmup", defaultValue = "3000", description = "Requests per target before measuring.")
    int warmup;

    @Option(names = "--rounds", defaultValue = "7", description = "Rounds in which every target is measured in turn.")
    int rounds;

    @Option(names = "--requests", defaultValue = "2000", description = "Sequential requests per latency series.")
    int requests;

    @Option(names = "--throughput-requests", defaultValue = "8000", description = "Requests per throughput series.")
    int throughputRequests;

    @Option(names = "--threads", defaultValue = "8", description = "Concurrent callers for throughput.")
    int threads;

    private record Target(String name, String url, Map<String, String> headers) {
    }

    @Override
    public Integer call() throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            RouteTable routes = pingRoutes();
            HttpHost backend = new HttpHost(routes, (method, path, headers) -> Admission.forward(headers),
                    new FunctionInvoker(), 1024 * 1024);
            int backendPort = backend.start(0);
            started.add(backend);
            HttpHost gateway = new HttpHost(routes, new AppToAppCalls(APP_KEY, definitionGateway()),
                    new FunctionInvoker(), 1024 * 1024);
            int gatewayPort = gateway.start(0);
            started.add(gateway);
            List<Target> targets = new ArrayList<>(List.of(
                    new Target("backend alone (baseline)", url(backendPort), Map.of()),
                    new Target("local gateway, no client auth/limits", url(gatewayPort), Map.of("x-functions-key", APP_KEY)),
                    new Target("local gateway, key + rate limit + quota", url(gatewayPort),
                            Map.of("Ocp-Apim-Subscription-Key", KEY))));
            Optional<Path> binary = nginxBinary();
            if (binary.isPresent()) {
                int plain = FreePort.pick();
                int guarded = FreePort.pick();
                started.add(NginxProxy.start(binary.get(), backendPort, plain, guarded, KEY,
                        Runtime.getRuntime().availableProcessors()));
                targets.add(new Target("nginx proxy", url(plain), Map.of()));
                targets.add(new Target("nginx proxy, key map + limit_req", url(guarded),
                        Map.of("Ocp-Apim-Subscription-Key", KEY)));
            } else {
                System.out.println("nginx not found (--nginx, PATH, /usr/sbin/nginx): gateway figures only");
            }
            run(targets);
            return 0;
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    /**
     * Every target is warmed up first; then the targets take turns, round after round, so that a burst of
     * load from elsewhere on the machine hits them all alike. Figures are medians over the rounds; the added
     * latency is taken against the baseline of the same round.
     */
    private void run(List<Target> targets) throws Exception {
        LoadGenerator load = new LoadGenerator();
        for (Target target : targets) {
            load.latencies(target.url(), target.headers(), warmup);
            load.throughput(target.url(), target.headers(), threads, warmup);
        }
        int n = targets.size();
        double[][] p50 = new double[n][rounds];
        double[][] p99 = new double[n][rounds];
        double[][] rate = new double[n][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int t = 0; t < n; t++) {
                double[] latencies = load.latencies(targets.get(t).url(), targets.get(t).headers(), requests);
                p50[t][round] = Percentiles.percentile(latencies, 50);
                p99[t][round] = Percentiles.percentile(latencies, 99);
                rate[t][round] = load.throughput(targets.get(t).url(), targets.get(t).headers(), threads,
                        throughputRequests);
            }
        }
        System.out.printf("%d rounds; per round and target %d sequential requests (latency) and %d with %d threads "
                + "(throughput); medians over the rounds%n", rounds, requests, throughputRequests, threads);
        System.out.printf("%-42s %9s %9s %12s %12s %11s%n", "target", "p50 ms", "p99 ms", "added p50", "added p99",
                "req/s");
        for (int t = 0; t < n; t++) {
            double[] addedP50 = new double[rounds];
            double[] addedP99 = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                addedP50[round] = p50[t][round] - p50[0][round];
                addedP99[round] = p99[t][round] - p99[0][round];
            }
            System.out.printf("%-42s %9.3f %9.3f %12.3f %12.3f %11.0f%n", targets.get(t).name(), Percentiles.median(p50[t]),
                    Percentiles.median(p99[t]), Percentiles.median(addedP50), Percentiles.median(addedP99),
                    Percentiles.median(rate[t]));
        }
    }


    /** The repository's definition plus the bench API in a product whose limits the run cannot reach. */
    private static Gateway definitionGateway() {
        GatewayDefinition base = GatewayDefinition.load();
        var api = new GatewayDefinition.Api("bench", "api/v1/bench", null, "bench-function-key", 1024, List.of());
        var product = new GatewayDefinition.Product("bench", "Bench", "Limits the benchmark never reaches",
                List.of("bench"), new GatewayDefinition.Limit(Long.MAX_VALUE / 2, 60),
                new GatewayDefinition.Limit(Long.MAX_VALUE / 2, 86_400), new GatewayDefinition.TokenLimit(Long.MAX_VALUE / 2));
        List<GatewayDefinition.Api> apis = new ArrayList<>(base.apis());
        apis.add(api);
        List<GatewayDefinition.Product> products = new ArrayList<>(base.products());
        products.add(product);
        var definition = new GatewayDefinition(base.version(), base.identity(), base.cors(), apis, products);
        Map<String, ResolvedSubscription> keys = Map.of(KEY, new ResolvedSubscription("bench", "bench", "bench", Set.of()));
        Clock clock = Clock.systemUTC();
        return new DefinitionGateway(definition, new CachedSubscriptions(key -> Optional.ofNullable(keys.get(key)),
                Duration.ofSeconds(5), clock), Optional.empty(), clock);
    }

    private static RouteTable pingRoutes() {
        List<HttpRoute> routes = new ArrayList<>();
        for (FunctionDefinition function : new FunctionReader(Settings.of(Map.of())).read(new PingApp())) {
            HttpBinding binding = (HttpBinding) function.trigger();
            routes.add(new HttpRoute(RouteTemplate.of("api", binding.route()), function, binding));
        }
        return new RouteTable(routes);
    }

    private Optional<Path> nginxBinary() {
        if (nginx != null) {
            return Optional.of(nginx);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "nginx");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path system = Path.of("/usr/sbin/nginx");
        return Files.isExecutable(system) ? Optional.of(system) : Optional.empty();
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + PATH;
    }
}
