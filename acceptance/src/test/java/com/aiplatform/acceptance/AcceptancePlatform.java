package com.aiplatform.acceptance;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.event.PlatformEvent;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform the whole suite runs against, started once (it takes ~10 s and every test class shares it):
 * {@link LocalPlatform#defaults}, the composition {@code ./platform start} runs, on a data folder of its own.
 * Nothing else is changed but one user setting, {@code MODEL_PRICES}: the sample file prices the offline
 * models ({@code extractive-offline}, and the agent's {@code agent-offline-router}) at 0, and a call priced at 0
 * never meets a budget, so the suite prices them as a small hosted model would be priced, to prove that every
 * app's model calls are reserved, settled and refused against the platform app's budgets.
 *
 * <p>The development key (platform-admin) only creates the suite's consumers through the platform API; the
 * tests then call as those consumers, each in its own tenant.
 */
final class AcceptancePlatform implements BeforeAllCallback, ParameterResolver {

    /** The sample's prices, with both offline models at $0.001 / $0.002 per 1k input / output tokens instead of 0. */
    static final String MODEL_PRICES = "gpt-4o-mini=0.00015/0.0006,text-embedding-3-small=0.00002/0,"
            + "all-minilm-l6-v2=0/0,all-minilm-l6-v2-int8=0/0,extractive-offline=0.001/0.002,agent-offline-router=0.001/0.002";

    static final String TENANT = "acceptance-shop";
    static final String OTHER_TENANT = "acceptance-rival";
    static final String BUDGET_TENANT = "acceptance-frugal";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AcceptancePlatform.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        suite(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Suite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return suite(context);
    }

    private static Suite suite(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Suite.class, k -> Suite.start(), Suite.class);
    }

    /** The running platform, the suite's clients, and what the events bus delivered. */
    static final class Suite implements AutoCloseable {

        private final Path dataDir;
        private final List<PlatformEvent> events = new CopyOnWriteArrayList<>();
        private final Map<String, OpenApiInteractionValidator> contracts = Api.newContracts();
        private volatile RunningPlatform platform;
        private final Api admin;
        private final Api shop;
        private final Api rival;
        private final Api frugal;

        private Suite(Path dataDir) {
            this.dataDir = dataDir;
            this.platform = startOn(dataDir);
            platform.events().subscribe("acceptance-suite", events::add);
            this.admin = new Api(this::baseUrl, platform.developmentKey().orElseThrow(), contracts);
            this.shop = admin.withKey(createConsumer("shop-app", TENANT, List.of("admin")));
            this.rival = admin.withKey(createConsumer("rival-app", OTHER_TENANT, List.of("admin")));
            this.frugal = admin.withKey(createConsumer("frugal-app", BUDGET_TENANT, List.of("admin")));
        }

        static Suite start() {
            try {
                return new Suite(Files.createTempDirectory("aiplatform-acceptance-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static RunningPlatform startOn(Path dataDir) {
            return LocalPlatform.defaults(0, dataDir).settings(Map.of("MODEL_PRICES", MODEL_PRICES)).build().start();
        }

        private String createConsumer(String consumerId, String tenantId, List<String> roles) {
            Api.Response created = admin.post("/api/v1/platform/consumers", Map.of("consumerId", consumerId,
                    "tenantId", tenantId, "product", "standard", "roles", roles));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            return created.json().get("key").asText();
        }

        String baseUrl() {
            return platform.baseUrl();
        }

        RunningPlatform platform() {
            return platform;
        }

        /** The development consumer (platform-admin): used only to administer, as an operator would. */
        Api admin() {
            return admin;
        }

        /** The suite's main consumer, admin of tenant {@value #TENANT}. */
        Api shop() {
            return shop;
        }

        /** Another tenant's admin, {@value #OTHER_TENANT}, who must see nothing of the shop's. */
        Api rival() {
            return rival;
        }

        /** The consumer whose budget the platform tests set near zero, in tenant {@value #BUDGET_TENANT}. */
        Api frugal() {
            return frugal;
        }

        List<PlatformEvent> events() {
            return events;
        }

        /** Stops the platform and starts it again on the same data folder, as a user's Ctrl-C and start would. */
        void restart() {
            platform.close();
            platform = startOn(dataDir);
            platform.events().subscribe("acceptance-suite", events::add);
        }

        @Override
        public void close() throws IOException {
            platform.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
