package com.aiplatform.shared.runtime;

import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.http.HttpBudget;
import com.aiplatform.shared.budget.http.PlatformApiSettings;
import com.aiplatform.shared.budget.unlimited.UnlimitedBudget;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.settings.SettingsGroup;
import com.aiplatform.shared.usage.PriceTable;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.queue.QueueUsageSink;

import java.time.Clock;

/**
 * The adapters every app's composition root picks the same way from {@link RuntimeSettings}, so that
 * {@code LLM_PROVIDER} or {@code EVENT_PUBLISHER} mean one thing on the whole platform.
 */
public final class SharedAdapters {

    /** The settings of the adapters chosen here: the model endpoint when {@code LLM_PROVIDER} names one, the platform API. */
    public static final SettingsGroup SETTINGS = read -> {
        if (RuntimeSettings.read(read).llm() == RuntimeSettings.LlmBackend.AZURE_OPENAI) {
            ModelClients.checkSettings(read);
        }
        PlatformApiSettings.read(read);
    };

    private SharedAdapters() {
    }

    /**
     * Azure OpenAI (or any OpenAI-compatible endpoint) behind retries and a circuit breaker, or the offline
     * extractive method (see {@link ModelClients}).
     */
    public static LlmClient llm(RuntimeSettings runtime, Settings settings) {
        return ModelClients.chat(runtime, settings);
    }

    /**
     * Another deployment of the same OpenAI endpoint (a vision deployment, say), behind its own retries and circuit
     * breaker named {@code name}.
     */
    public static LlmClient llm(Settings settings, String deployment, String name) {
        return ModelClients.chat(OpenAiSettings.from(settings), deployment, name);
    }

    /** Event Grid in Azure, the local platform's bus locally, or the log (Core Tools without a topic). */
    public static EventPublisher events(RuntimeSettings runtime, Settings settings, HostServices host) {
        return EventPublishers.from(runtime, settings, host);
    }

    /** Prices usage from {@code MODEL_PRICES} and sends each record to the platform's ledger queue. */
    public static UsageMeter usageMeter(RuntimeSettings runtime, WorkQueue queue, Clock clock) {
        return new UsageMeter(PriceTable.parse(runtime.modelPrices()), new QueueUsageSink(queue, runtime.usageQueue()),
                clock);
    }

    /** The platform app's budgets over HTTP when {@code PLATFORM_API_BASE_URL} is set; otherwise none. */
    public static Budget budget(Settings settings) {
        PlatformApiSettings platform = PlatformApiSettings.from(settings);
        return platform.baseUrl().isPresent() ? HttpBudget.create(platform) : new UnlimitedBudget();
    }
}
