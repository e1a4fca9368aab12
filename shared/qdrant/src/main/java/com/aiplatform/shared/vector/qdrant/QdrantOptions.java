package com.aiplatform.shared.vector.qdrant;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the Qdrant gRPC endpoint is and which collection to use.
 *
 * @param host         Required. Host of the gRPC endpoint.
 * @param port         Required. gRPC port (Qdrant's default is 6334; 6333 is REST and will not work).
 * @param tls          Required. Whether to use TLS; only a local server should run without it.
 * @param apiKey       Optional (null). Sent as the {@code api-key} header on every call.
 * @param collection   Required. Collection name; created on open if missing.
 * @param dimensions   Required. Size of the dense vectors, which must match the embedding model.
 * @param readTimeout  Required. gRPC deadline of searches, counts and health checks.
 * @param writeTimeout Required. gRPC deadline of upserts, deletes and collection set-up, which wait until applied.
 */
public record QdrantOptions(String host, int port, boolean tls, String apiKey, String collection, int dimensions,
                            Duration readTimeout, Duration writeTimeout) {

    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    public QdrantOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("Qdrant port must be 1-65535, was " + port);
        }
        if (collection.isBlank()) {
            throw new IllegalArgumentException("Qdrant collection name must not be blank");
        }
        if (dimensions < 1) {
            throw new IllegalArgumentException("Vector dimensions must be positive, was " + dimensions);
        }
        if (readTimeout.isNegative() || readTimeout.isZero() || writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("Qdrant timeouts must be positive");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    /**
     * Options from an endpoint URL such as {@code http://localhost:6334} or {@code https://xyz.cloud:6334}:
     * https means TLS; without a port, 6334. Default timeouts.
     */
    public static QdrantOptions fromEndpoint(URI endpoint, String apiKey, String collection, int dimensions) {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("Qdrant endpoint must start with http:// or https://, was " + endpoint);
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("Qdrant endpoint has no host: " + endpoint);
        }
        int port = endpoint.getPort() == -1 ? 6334 : endpoint.getPort();
        return new QdrantOptions(endpoint.getHost(), port, scheme.equals("https"), apiKey, collection, dimensions,
                DEFAULT_READ_TIMEOUT, DEFAULT_WRITE_TIMEOUT);
    }

    public QdrantOptions withTimeouts(Duration read, Duration write) {
        return new QdrantOptions(host, port, tls, apiKey, collection, dimensions, read, write);
    }

    public QdrantOptions withCollection(String name) {
        return new QdrantOptions(host, port, tls, apiKey, name, dimensions, readTimeout, writeTimeout);
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "QdrantOptions[" + (tls ? "https://" : "http://") + host + ":" + port + ", collection=" + collection
                + ", dimensions=" + dimensions + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
    }
}
