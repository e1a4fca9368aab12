package com.aiplatform.local.gateway;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one declarative gateway definition ({@code infra/gateway/gateway.json}): routes to apps, products
 * with their limits, identity sources, CORS. Bicep renders it into APIM; the local gateway enforces it.
 * The build copies the file onto the local platform's class path as {@value #RESOURCE}.
 */
@JsonIgnoreProperties({"$comment"})
public record GatewayDefinition(int version, Identity identity, Cors cors, List<Api> apis, List<Product> products,
                                Mcp mcp) {

    public static final String RESOURCE = "/gateway/gateway.json";

    public GatewayDefinition {
        apis = List.copyOf(apis);
        products = List.copyOf(products);
        mcp = mcp == null ? new Mcp(Mcp.DEFAULT_PATH, "ai-platform", 262144, List.of()) : mcp;
    }

    /** The same definition with other APIs and products (benchmarks, tests). */
    public GatewayDefinition(int version, Identity identity, Cors cors, List<Api> apis, List<Product> products) {
        this(version, identity, cors, apis, products, null);
    }

    /**
     * Where a caller's credentials are: the subscription key in {@code subscriptionKeyHeader}, in
     * {@code apiKeyHeader} or as {@code Authorization: Bearer <key>} (what OpenAI and Azure OpenAI clients send),
     * or a JWT as {@code Authorization: Bearer}.
     */
    public record Identity(String subscriptionKeyHeader, String apiKeyHeader, Jwt jwt, Map<String, String> headers,
                           String tokensResponseHeader) {
    }

    /** {@code groupsClaim}: the claim whose values are the caller's groups (Entra ID's {@code groups}). */
    public record Jwt(String audience, String issuer, String openIdConfiguration, String consumerClaim,
                      String tenantClaim, String rolesClaim, String groupsClaim, String product) {
    }

    public record Cors(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                       List<String> exposedHeaders, int maxAgeSeconds) {
    }

    /** One app's API: requests under {@code /<path>/} go to {@code app}. */
    public record Api(String app, String path, String openApi, String functionKeyNamedValue, long maxRequestBytes,
                      List<String> internalPaths) {

        public Api {
            internalPaths = internalPaths == null ? List.of() : List.copyOf(internalPaths);
        }

        boolean serves(String requestPath) {
            String trimmed = requestPath.startsWith("/") ? requestPath.substring(1) : requestPath;
            return trimmed.equals(path) || trimmed.startsWith(path + "/");
        }

        boolean internal(String requestPath) {
            String trimmed = requestPath.startsWith("/") ? requestPath.substring(1) : requestPath;
            return internalPaths.stream().anyMatch(trimmed::startsWith);
        }
    }

    public record Product(String id, String displayName, String description, List<String> apis, Limit rateLimit,
                          Limit quota, TokenLimit tokenLimit, LlmCache llmCache) {

        public Product {
            apis = List.copyOf(apis);
            llmCache = llmCache == null ? LlmCache.OFF : llmCache;
        }

        public Product(String id, String displayName, String description, List<String> apis, Limit rateLimit,
                       Limit quota, TokenLimit tokenLimit) {
            this(id, displayName, description, apis, rateLimit, quota, tokenLimit, null);
        }
    }

    /**
     * Whether the llm app may answer this product's chat completions from its cache: {@code off}, {@code exact}
     * (the same tenant, model and parameters seen before) or {@code semantic} (also a prompt whose embedding has at
     * least {@code threshold} cosine similarity with a cached one, the other parameters the same). The gateway
     * passes it on in a header it sets ({@link #header()}).
     */
    public record LlmCache(String mode, Double threshold) {

        static final List<String> MODES = List.of("off", "exact", "semantic");
        public static final LlmCache OFF = new LlmCache("off", null);

        public LlmCache {
            if (!MODES.contains(mode)) {
                throw new IllegalArgumentException("llmCache.mode must be one of " + MODES + ", not " + mode);
            }
            if (mode.equals("semantic") != (threshold != null)) {
                throw new IllegalArgumentException("llmCache.threshold is required with mode semantic and only then");
            }
            if (threshold != null && !(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("llmCache.threshold must be in (0, 1], not " + threshold);
            }
        }

        /** The value of the cache policy header: {@code off}, {@code exact} or {@code semantic;threshold=0.95}. */
        public String header() {
            return threshold == null ? mode
                    : mode + ";threshold=" + BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
        }
    }

    /**
     * The MCP endpoint: its tools are operations of the APIs above, named here and described by their OpenAPI
     * documents. Any product may open the endpoint; each tool call is an ordinary request through the gateway,
     * so the product's APIs and limits apply to it as to any other.
     */
    @JsonIgnoreProperties({"$comment"})
    public record Mcp(String path, String serverName, long maxRequestBytes, List<Tool> tools) {

        public static final String APP = "mcp";
        static final String DEFAULT_PATH = "api/v1/mcp";

        public Mcp {
            tools = tools == null ? List.of() : List.copyOf(tools);
        }

        public boolean serves(String requestPath) {
            String trimmed = requestPath.startsWith("/") ? requestPath.substring(1) : requestPath;
            return trimmed.equals(path);
        }

        Api asApi() {
            return new Api(APP, path, null, null, maxRequestBytes, List.of());
        }
    }

    /**
     * One MCP tool: the operation {@code operationId} of {@code api}; {@code result}, when set, is a JSON pointer
     * into the operation's answer that the tool returns instead of the whole answer; {@code follow}, when set,
     * makes the tool wait for the task the operation starts (see {@link Follow}).
     */
    public record Tool(String name, String api, String operationId, String result, Follow follow) {

        public Tool(String name, String api, String operationId, String result) {
            this(name, api, operationId, result, null);
        }
    }

    /**
     * A tool that starts a long task and follows it to its end: the operation answers with the task's {@code id};
     * {@code operationId} (a GET of the same API with one path parameter) is then read with that id, first after
     * {@code intervalMillis} and less often while the progress stands still (see {@code mcp.TaskFollower}), until
     * its {@code status} is one of {@code until}, for at most the tool argument
     * {@code maxWaitSeconds} (capped at {@code maxWaitSeconds} here). {@code progress} points at the task's
     * progress out of 100; a client that asks for progress gets it as {@code notifications/progress}.
     */
    public record Follow(String operationId, List<String> until, String progress, int maxWaitSeconds,
                         long intervalMillis) {

        public Follow {
            until = until == null ? List.of() : List.copyOf(until);
            intervalMillis = intervalMillis <= 0 ? 500 : intervalMillis;
        }
    }

    public record Limit(long calls, long renewalPeriodSeconds) {
    }

    public record TokenLimit(long tokensPerMinute) {
    }

    /** The definition the build put on the class path. */
    public static GatewayDefinition load() {
        try (InputStream in = GatewayDefinition.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The gateway definition " + RESOURCE + " is not on the class path");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GatewayDefinition read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the gateway definition " + file, e);
        }
    }

    public static GatewayDefinition parse(String json) {
        return Json.read(json, GatewayDefinition.class);
    }

    public Optional<Api> api(String requestPath) {
        return apis.stream().filter(api -> api.serves(requestPath)).findFirst();
    }

    /** The API a request goes to: an app's, or the MCP endpoint's. */
    public Optional<Api> route(String requestPath) {
        return mcp.serves(requestPath) ? Optional.of(mcp.asApi()) : api(requestPath);
    }

    public Optional<Product> product(String id) {
        return products.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The same definition with one more API offered by the given products (benchmarks, tests). */
    public GatewayDefinition withApi(Api api, List<String> productIds) {
        var apisPlus = new java.util.ArrayList<>(apis);
        apisPlus.add(api);
        List<Product> extended = products.stream().map(p -> !productIds.contains(p.id()) ? p
                : new Product(p.id(), p.displayName(), p.description(),
                        java.util.stream.Stream.concat(p.apis().stream(), java.util.stream.Stream.of(api.app())).toList(),
                        p.rateLimit(), p.quota(), p.tokenLimit(), p.llmCache())).toList();
        return new GatewayDefinition(version, identity, cors, apisPlus, extended, mcp);
    }
}
