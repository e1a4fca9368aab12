package com.aiplatform.local.hostjson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * The parts of an app's host.json that the local platform honours: the HTTP route prefix and the
 * queue trigger settings. Read from the class path at {@code functions/<appName>/host.json}, where the
 * build packages each app's file; an app without one gets the Functions host's defaults.
 */
public record HostJson(String routePrefix, QueueOptions queues) {

    public static final String DEFAULT_ROUTE_PREFIX = "api";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_TRAILING_COMMA)
            .build();

    public static HostJson defaults() {
        return new HostJson(DEFAULT_ROUTE_PREFIX, QueueOptions.defaults());
    }

    public static String resourcePath(String appName) {
        return "functions/" + appName + "/host.json";
    }

    /** The app's host.json from the class path, if it is there. */
    public static Optional<HostJson> load(String appName, ClassLoader loader) {
        String path = resourcePath(appName);
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(parse(MAPPER.readTree(in), path));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public static HostJson parse(String json) {
        try {
            return parse(MAPPER.readTree(json), "host.json");
        } catch (IOException e) {
            throw new IllegalArgumentException("host.json is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static HostJson parse(JsonNode root, String source) {
        try {
            JsonNode extensions = root.path("extensions");
            JsonNode prefix = extensions.path("http").path("routePrefix");
            String routePrefix = prefix.isTextual() ? trimSlashes(prefix.asText()) : DEFAULT_ROUTE_PREFIX;
            return new HostJson(routePrefix, queues(extensions.path("queues")));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + ": " + e.getMessage(), e);
        }
    }

    private static QueueOptions queues(JsonNode node) {
        QueueOptions d = QueueOptions.defaults();
        int batchSize = node.path("batchSize").asInt(d.batchSize());
        return new QueueOptions(batchSize,
                node.path("newBatchThreshold").asInt(batchSize / 2),
                node.path("maxDequeueCount").asInt(d.maxDequeueCount()),
                duration(node.path("maxPollingInterval"), d.maxPollingInterval()),
                duration(node.path("visibilityTimeout"), d.visibilityTimeout()));
    }

    /** A TimeSpan string, or (as version 1 of the host accepted) a number of milliseconds. */
    private static Duration duration(JsonNode node, Duration defaultValue) {
        if (node.isMissingNode() || node.isNull()) {
            return defaultValue;
        }
        return node.isNumber() ? Duration.ofMillis(node.asLong()) : TimeSpan.parse(node.asText());
    }

    private static String trimSlashes(String prefix) {
        String trimmed = prefix.trim();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
