package com.aiplatform.shared.runtime;

import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.http.HttpBudget;
import com.aiplatform.shared.budget.http.PlatformApiSettings;
import com.aiplatform.shared.budget.unlimited.UnlimitedBudget;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.extractive.ExtractiveLlmClient;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.settings.SettingsGroup;
import com.aiplatform.shared.usage.PriceTable;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.queue.QueueUsageSink;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The adapters every app's composition root picks the same way from {@link RuntimeSettings}, so that
 * {@code LLM_PROVIDER} or {@code EVENT_PUBLISHER} mean one thing on the whole platform.
 */
public final class SharedAdapters {

    /** The settings of the adapters chosen here: the model endpoint when {@code LLM_PROVIDER} names one, the platform API. */
    public static final SettingsGroup SETTINGS = read -> {
        if (!RuntimeSettings.read(read).offline()) {
            ModelClients.checkSettings(read);
        }
        PlatformApiSettings.read(read);
    };

    private SharedAdapters() {
    }

    /**
     * Azure OpenAI (or any OpenAI-compatible endpoint) behind retries and a circuit breaker, or offline the
     * extractive method. The app must depend on shared-openai itself (see {@link ModelClients}).
     */
    public static LlmClient llm(RuntimeSettings runtime, Settings settings) {
        return llm(runtime, settings, ExtractiveLlmClient::new);
    }

    /**
     * As {@link #llm(RuntimeSettings, Settings)}, with the app's own method in place of the extractive one offline
     * (the agent's tool router, the llm app's answers from the conversation): the method stays in its app, which
     * shared code cannot depend on, and the choice stays here.
     */
    public static LlmClient llm(RuntimeSettings runtime, Settings settings, Supplier<LlmClient> offline) {
        return offlineOr(runtime, offline, () -> ModelClients.chat(settings));
    }

    /**
     * The platform's one decision between running with a model and without ({@code LLM_PROVIDER=extractive}, the
     * default): whatever an app does differently offline (its planner, its pool) is chosen here.
     */
    public static <T> T offlineOr(RuntimeSettings runtime, Supplier<T> offline, Supplier<T> withModel) {
        return runtime.offline() ? offline.get() : withModel.get();
    }

    /**
     * A chat {@code deployment} on the endpoint {@code openAi} names, with no retries or breaker of its own, for a
     * caller that puts its own around each deployment (the llm app's pool, {@code LLM_BACKENDS}). The app must
     * carry shared-openai.
     */
    public static LlmClient deployment(OpenAiSettings openAi, String deployment, Clock clock) {
        return ModelClients.deployment(openAi, deployment, clock);
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
