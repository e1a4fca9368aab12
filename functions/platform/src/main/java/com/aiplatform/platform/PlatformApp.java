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
import com.aiplatform.shared.http.LazyHttpClient;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.runtime.AppSettings;
import com.aiplatform.shared.runtime.EventPublishers;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.table.TableStore;
import com.aiplatform.shared.telemetry.azure.Telemetry;

import java.time.Clock;

/**
 * The platform app's composition root: consumers and keys, budgets, the usage ledger, platform health
 * and dead letters, built once per process from settings over Table and Queue storage. Composed as every app is:
 * {@link #create} checks the settings and chooses the adapters, {@link #services} is the one wiring over any
 * ports, and a composition that fails half-way closes what it had opened.
 */
public final class PlatformApp extends ComposedApp {

    public static final String NAME = "platform";

    private PlatformApp(AppParts parts) {
        super(parts);
    }

    public static PlatformApp create(Settings settings, HostServices host) {
        AppSettings.check(settings, PlatformSettings::read);
        PlatformSettings config = PlatformSettings.from(settings);
        AppParts parts = new AppParts(NAME);
        try {
            parts.resource(Telemetry.configure(settings));
            AzureStorageClients storage = AzureStorageClients.fromSettings(settings);
            EventPublisher events = EventPublishers.from(RuntimeSettings.from(settings), settings, host);
            Services services = services(config, new Stores(storage.tableStore(), storage.workQueue(),
                    storage.blobStore(), events), host.clock());
            parts.function(new ConsumerFunctions(services.consumers()))
                    .function(new BudgetFunctions(services.budgets()))
                    .function(new UsageFunctions(services.ledger(), services.usage()))
                    .function(new HealthFunctions(services.health()))
                    .function(new DeadLetterFunctions(services.deadLetters()))
                    .function(new EventDeadLetterFunctions(services.eventDeadLetters()));
            return new PlatformApp(parts);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /** The ports the platform app runs on: its tables, every app's queues, the dead-letter blobs, the event topic. */
    public record Stores(TableStore tables, WorkQueue queues, BlobStore blobs, EventPublisher events) {
    }

    /** The app's services. */
    public record Services(ConsumerService consumers, BudgetService budgets, UsageLedger ledger, UsageQuery usage,
                           PlatformHealth health, DeadLetterService deadLetters,
                           EventDeadLetterService eventDeadLetters) {
    }

    /** The services over any ports: the composition root above and the tests share this wiring. */
    public static Services services(PlatformSettings config, Stores stores, Clock clock) {
        TableStore tables = stores.tables();
        var consumers = new ConsumerService(new ConsumerRepository(tables, config.consumersTable(), config.keysTable()),
                new SubscriptionKeys(), Products.fromDefinition(), new KeyEvents(stores.events(), clock), clock);
        var ledger = new UsageLedger(tables, config.usageTable());
        var health = new PlatformHealth(LazyHttpClient.withConnectTimeout(config.healthTimeout()),
                config.healthApps(), () -> {
                    tables.get(config.consumersTable(), "health-probe", "probe");
                    return "table " + config.consumersTable();
                }, config.healthTimeout(), clock);
        var audit = new ReplayAudit(tables, config.auditTable(), clock);
        return new Services(consumers, new BudgetService(tables, config.budgetsTable(), clock), ledger,
                new UsageQuery(ledger, clock), health, new DeadLetterService(stores.queues(), audit),
                new EventDeadLetterService(stores.blobs(), config.eventDeadLetterContainer(), stores.events(), audit));
    }
}
