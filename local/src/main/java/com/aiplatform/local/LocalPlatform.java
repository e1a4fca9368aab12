package com.aiplatform.local;

import com.aiplatform.local.event.BlobEventDeadLetters;
import com.aiplatform.local.event.EventDeadLetters;
import com.aiplatform.local.gateway.Gateway;
import com.aiplatform.local.gateway.GatewayDefinition;
import com.aiplatform.local.gateway.JwtVerifier;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.azurite.Azurite;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The whole platform in one process, without an Azure account or Core Tools: Azurite for storage,
 * every function app found on the class path, their HTTP routes on one port behind the gateway
 * that enforces the gateway definition, their queue triggers polled with host.json semantics, and an in-process event bus for
 * their Event Grid triggers. Build the options here, then {@link #start()}.
 */
public final class LocalPlatform {

    public static final int DEFAULT_PORT = 7071;
    /** The Functions host's own limit on an HTTP request body. */
    public static final long DEFAULT_MAX_BODY_BYTES = 100L * 1024 * 1024;

    final int port;
    final Optional<Path> dataDir;
    final boolean inMemory;
    final Optional<String> storageConnectionString;
    final Map<String, String> settings;
    final Map<String, String> environment;
    final Optional<Function<Settings, WorkQueue>> workQueue;
    final Function<Settings, EventDeadLetters> eventDeadLetters;
    final Optional<Gateway> gateway;
    final Optional<GatewayDefinition> gatewayDefinition;
    final Optional<JwtVerifier> jwtVerifier;
    final Optional<Set<String>> apps;
    final long maxBodyBytes;
    final int queueWorkers;
    final Duration queueLease;
    final int eventAttempts;
    final Duration eventRetryDelay;
    final Clock clock;
    final Optional<Path> root;

    private LocalPlatform(Builder b) {
        this.port = b.port;
        this.dataDir = Optional.ofNullable(b.dataDir);
        this.inMemory = b.inMemory;
        this.storageConnectionString = Optional.ofNullable(b.storageConnectionString);
        this.settings = Map.copyOf(b.settings);
        this.environment = Map.copyOf(b.environment);
        // By default queue triggers poll Azurite through the same adapter the apps send with.
        this.workQueue = Optional.of(b.workQueue != null ? b.workQueue
                : settings -> AzureStorageClients.fromSettings(settings).workQueue());
        // By default dead-lettered events become blobs on Azurite, laid out as Event Grid lays them out.
        this.eventDeadLetters = b.eventDeadLetters != null ? b.eventDeadLetters
                : settings -> new BlobEventDeadLetters(AzureStorageClients.fromSettings(settings).blobStore(),
                        settings.get(BlobEventDeadLetters.CONTAINER_SETTING).filter(c -> !c.isBlank())
                                .orElse(BlobEventDeadLetters.DEFAULT_CONTAINER), b.clock);
        this.gateway = Optional.ofNullable(b.gateway);
        this.gatewayDefinition = Optional.ofNullable(b.gatewayDefinition);
        this.jwtVerifier = Optional.ofNullable(b.jwtVerifier);
        this.apps = Optional.ofNullable(b.apps);
        this.maxBodyBytes = b.maxBodyBytes;
        this.queueWorkers = b.queueWorkers;
        this.queueLease = b.queueLease;
        this.eventAttempts = b.eventAttempts;
        this.eventRetryDelay = b.eventRetryDelay;
        this.clock = b.clock;
        this.root = Optional.ofNullable(b.root);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default composition, exactly what {@code ./platform start} runs: every function app on the class path
     * (knowledge, agent, research, assistant, platform), the gateway enforcing the gateway definition with keys
     * resolved by the platform app, the platform app's budgets and ledger behind {@code PLATFORM_API_BASE_URL},
     * the in-process event bus, and Azurite keeping its files under {@code <dataDir>/azurite}. The acceptance
     * suite starts the platform through this method too, so that what it proves is what users run.
     */
    public static Builder defaults(int port, Path dataDir) {
        return builder().port(port).dataDir(dataDir);
    }

    /** Where {@code ./platform start} keeps its data without {@code --data-dir}: {@code <repository>/.data}. */
    public static Path defaultDataDir() {
        return Azurite.projectRoot().resolve(".data");
    }

    /** Starts everything; on failure stops what had started and rethrows. */
    public RunningPlatform start() {
        return RunningPlatform.start(this);
    }

    public static final class Builder {
        private int port = DEFAULT_PORT;
        private Path dataDir;
        private boolean inMemory;
        private String storageConnectionString;
        private final Map<String, String> settings = new HashMap<>();
        private Map<String, String> environment = System.getenv();
        private Function<Settings, WorkQueue> workQueue;
        private Function<Settings, EventDeadLetters> eventDeadLetters;
        private Gateway gateway;
        private GatewayDefinition gatewayDefinition;
        private JwtVerifier jwtVerifier;
        private Set<String> apps;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int queueWorkers = 4;
        /** host.json's functionTimeout: a message must stay hidden as long as its function may run. */
        private Duration queueLease = Duration.ofMinutes(10);
        private int eventAttempts = 4;
        private Duration eventRetryDelay = Duration.ofMillis(200);
        private Clock clock = Clock.systemUTC();
        private Path root;

        private Builder() {
        }

        /** The HTTP port on 127.0.0.1; 0 picks a free one. Default 7071, as {@code func start}. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Where data lives ({@code DATA_DIR}; Azurite under {@code <dir>/azurite}). Default {@code <root>/.data}. */
        public Builder dataDir(Path value) {
            this.dataDir = value;
            this.inMemory = false;
            return this;
        }

        /** Azurite in memory and a temporary {@code DATA_DIR} removed on close: nothing survives. */
        public Builder inMemory() {
            this.inMemory = true;
            this.dataDir = null;
            return this;
        }

        /** Use this storage account instead of starting Azurite. */
        public Builder storageConnectionString(String value) {
            this.storageConnectionString = value;
            return this;
        }

        /** Extra settings, over the sample file and the environment. */
        public Builder settings(Map<String, String> values) {
            this.settings.putAll(values);
            return this;
        }

        /** The environment layer of the settings (default: the process environment). */
        public Builder environment(Map<String, String> values) {
            this.environment = Map.copyOf(values);
            return this;
        }

        /** Creates the queue adapter from the final settings (default: Azure Storage queues on Azurite). */
        public Builder workQueue(Function<Settings, WorkQueue> factory) {
            this.workQueue = factory;
            return this;
        }

        /** Where events go that no retry delivered (default: blobs in EVENTGRID_DEADLETTER_CONTAINER on Azurite). */
        public Builder eventDeadLetters(Function<Settings, EventDeadLetters> factory) {
            this.eventDeadLetters = factory;
            return this;
        }

        /** Replaces the gateway built from the gateway definition (tests of apps outside the definition). */
        public Builder gateway(Gateway value) {
            this.gateway = value;
            return this;
        }

        /** The gateway definition to enforce (default: infra/gateway/gateway.json from the class path). */
        public Builder gatewayDefinition(GatewayDefinition value) {
            this.gatewayDefinition = value;
            return this;
        }

        /** Verifies bearer tokens (default: from GATEWAY_JWKS_URL, or none). */
        public Builder jwtVerifier(JwtVerifier value) {
            this.jwtVerifier = value;
            return this;
        }

        /** Host only these apps (default: every app on the class path). */
        public Builder apps(Set<String> names) {
            this.apps = Set.copyOf(names);
            return this;
        }

        public Builder maxBodyBytes(long value) {
            this.maxBodyBytes = value;
            return this;
        }

        /** Queue messages processed at once across all queue triggers (default 4). */
        public Builder queueWorkers(int value) {
            this.queueWorkers = value;
            return this;
        }

        /**
         * How long a received message stays hidden while its function runs (default 10 minutes, every app's
         * functionTimeout: a large document's ingestion runs for minutes, and a shorter lease would hand its
         * message to a second worker while the first still works on it).
         */
        public Builder queueLease(Duration value) {
            this.queueLease = value;
            return this;
        }

        /** Attempts per event and subscriber before a dead letter, and the first retry delay (doubling). */
        public Builder eventDelivery(int attempts, Duration firstRetryDelay) {
            this.eventAttempts = attempts;
            this.eventRetryDelay = firstRetryDelay;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** The repository root, where local.settings.sample.json and tools/azurite are (default: found upwards). */
        public Builder root(Path value) {
            this.root = value;
            return this;
        }

        public LocalPlatform build() {
            if (port < 0 || port > 65535 || maxBodyBytes < 1 || queueWorkers < 1 || eventAttempts < 1) {
                throw new IllegalArgumentException("port, maxBodyBytes, queueWorkers or eventAttempts out of range");
            }
            return new LocalPlatform(this);
        }
    }
}
