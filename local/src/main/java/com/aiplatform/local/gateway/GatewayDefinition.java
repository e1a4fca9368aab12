package com.aiplatform.local.gateway;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.io.IOException;
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
public record GatewayDefinition(int version, Identity identity, Cors cors, List<Api> apis, List<Product> products) {

    public static final String RESOURCE = "/gateway/gateway.json";

    public GatewayDefinition {
        apis = List.copyOf(apis);
        products = List.copyOf(products);
    }

    /**
     * Where a caller's credentials are: the subscription key in {@code subscriptionKeyHeader}, in
     * {@code apiKeyHeader} or as {@code Authorization: Bearer <key>} (what OpenAI and Azure OpenAI clients send),
     * or a JWT as {@code Authorization: Bearer}.
     */
    public record Identity(String subscriptionKeyHeader, String apiKeyHeader, Jwt jwt, Map<String, String> headers,
                           String tokensResponseHeader) {
    }

    public record Jwt(String audience, String issuer, String openIdConfiguration, String consumerClaim,
                      String tenantClaim, String rolesClaim, String product) {
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
                          Limit quota, TokenLimit tokenLimit) {

        public Product {
            apis = List.copyOf(apis);
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
                        p.rateLimit(), p.quota(), p.tokenLimit())).toList();
        return new GatewayDefinition(version, identity, cors, apisPlus, extended);
    }
}
