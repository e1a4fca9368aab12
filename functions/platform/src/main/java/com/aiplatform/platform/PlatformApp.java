package com.aiplatform.platform;

import com.aiplatform.platform.api.BudgetFunctions;
import com.aiplatform.platform.api.ConsumerFunctions;
import com.aiplatform.platform.api.DeadLetterFunctions;
import com.aiplatform.platform.api.EventDeadLetterFunctions;
import com.aiplatform.platform.api.HealthFunctions;
import com.aiplatform.platform.api.UsageFunctions;
import com.aiplatform.platform.budget.BudgetService;
import com.aiplatform.platform.consumers.ConsumerRepository;
import com.aiplatform.platform.consumers.ConsumerService;
import com.aiplatform.platform.consumers.KeyEvents;
import com.aiplatform.platform.consumers.Products;
import com.aiplatform.platform.consumers.SubscriptionKeys;
import com.aiplatform.platform.deadletters.DeadLetterService;
import com.aiplatform.platform.deadletters.EventDeadLetterService;
import com.aiplatform.platform.deadletters.ReplayAudit;
import com.aiplatform.platform.health.PlatformHealth;
import com.aiplatform.platform.usage.UsageLedger;
import com.aiplatform.platform.usage.UsageQuery;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.function.ComposedApp;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.runtime.AppSettings;
import com.aiplatform.shared.runtime.EventPublishers;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.table.TableStore;
import com.aiplatform.shared.telemetry.azure.Telemetry;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;

/**
 * The platform app's composition root: consumers and keys, budgets, the usage ledger, platform health
 * and dead letters, built once per process from settings over Table and Queue storage.
 */
public final class PlatformApp extends ComposedApp {

    public static final String NAME = "platform";

    private final ConsumerService consumers;

    private PlatformApp(AppParts parts, ConsumerService consumers) {
        super(parts);
        this.consumers = consumers;
    }

    public static PlatformApp create(Settings settings, HostServices host) {
        AppSettings.check(settings, PlatformSettings::read);
        AzureStorageClients storage = AzureStorageClients.fromSettings(settings);
        EventPublisher events = EventPublishers.from(RuntimeSettings.from(settings), settings, host);
        return create(PlatformSettings.from(settings), new Stores(storage.tableStore(), storage.workQueue(),
                storage.blobStore(), events), host.clock(), List.of(Telemetry.configure(settings)));
    }

    /** The ports the platform app runs on: its tables, every app's queues, the dead-letter blobs, the event topic. */
    public record Stores(TableStore tables, WorkQueue queues, BlobStore blobs, EventPublisher events) {
    }

    /** From ports, for tests that bring their own stores. */
    public static PlatformApp create(PlatformSettings config, Stores stores, Clock clock, List<AutoCloseable> resources) {
        TableStore tables = stores.tables();
        var consumers = new ConsumerService(new ConsumerRepository(tables, config.consumersTable(), config.keysTable()),
                new SubscriptionKeys(), Products.fromDefinition(), new KeyEvents(stores.events(), clock), clock);
        var budgets = new BudgetService(tables, config.budgetsTable(), clock);
        var ledger = new UsageLedger(tables, config.usageTable());
        var health = new PlatformHealth(HttpClient.newBuilder().connectTimeout(config.healthTimeout()).build(),
                config.healthApps(), () -> {
                    tables.get(config.consumersTable(), "health-probe", "probe");
                    return "table " + config.consumersTable();
                }, config.healthTimeout(), clock);
        var audit = new ReplayAudit(tables, config.auditTable(), clock);
        var deadLetters = new DeadLetterService(stores.queues(), audit);
        var eventDeadLetters = new EventDeadLetterService(stores.blobs(), config.eventDeadLetterContainer(),
                stores.events(), audit);
        AppParts parts = new AppParts(NAME);
        resources.forEach(parts::resource);
        parts.function(new ConsumerFunctions(consumers))
                .function(new BudgetFunctions(budgets))
                .function(new UsageFunctions(ledger, new UsageQuery(ledger, clock)))
                .function(new HealthFunctions(health))
                .function(new DeadLetterFunctions(deadLetters))
                .function(new EventDeadLetterFunctions(eventDeadLetters));
        return new PlatformApp(parts, consumers);
    }

    /** The port the local gateway resolves subscription keys through, in process (in Azure, APIM owns keys). */
    public ConsumerService consumers() {
        return consumers;
    }
}
