package com.aiplatform.local.contract;

import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.research.tasks.TaskKey;
import com.aiplatform.research.work.ModelCalls;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.runtime.SharedAdapters;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.shared.usage.UsageMeter;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Usage records as every app sends them ({@code QueueUsageSink} on {@code USAGE_QUEUE}, through
 * {@link SharedAdapters#usageMeter}), into the real platform app's {@code platformUsageLedger} queue function on
 * Azurite, and out of {@code GET /api/v1/platform/usage}: record ids as research and {@link BudgetedChat} build them,
 * and a redelivered record counted once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageLedgerContractTest {

    private RunningPlatform platform;
    private UsageMeter meter;
    private AppToApp api;

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("platform"))
                .settings(Map.of("MODEL_PRICES", "gpt-4o-mini=0.15/0.6")).build().start();
        var settings = platform.settings();
        meter = SharedAdapters.usageMeter(RuntimeSettings.from(settings),
                AzureStorageClients.fromSettings(settings).workQueue(), Clock.systemUTC());
        api = new AppToApp(platform, "platform");
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void should_count_each_apps_record_once_by_app_and_task_when_a_research_record_is_sent_twice() {
        TenantId tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
        Caller owner = new Caller("alice", tenant, Set.of());
        Caller admin = new Caller("admin", tenant, Set.of("admin"));
        String taskId = "rt-" + UUID.randomUUID().toString().replace("-", "");
        var research = new CallContext(owner, "research", taskId, null);
        String researchId = ModelCalls.ids(new TaskKey(tenant, taskId), "s01#1").usageRecordId();
        var usage = new Usage("gpt-4o-mini", 1000, 100);

        meter.record(research, "research.step", usage, researchId);
        meter.record(research, "research.step", usage, researchId); // the redelivered step sends it again
        meter.record(new CallContext(owner, "knowledge", "ask-1", null), "knowledge.ask", usage,
                BudgetedChat.CallIds.fresh().usageRecordId());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(calls(admin, "app")).containsEntry("research", 1L).containsEntry("knowledge", 1L));
        assertThat(calls(admin, "task")).containsExactly(Map.entry(taskId, 1L));
        JsonNode total = api.json(admin, "GET", "/api/v1/platform/usage?groupBy=app", null, 200).get("total");
        assertThat(total.get("inputTokens").asLong()).isEqualTo(2000);
        assertThat(total.get("costUsd").decimalValue()).isEqualByComparingTo("0.42"); // 2 x (0.15 + 0.06)
    }

    @Test
    void should_keep_a_tenants_records_from_another_tenants_report() {
        TenantId mine = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
        TenantId other = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
        meter.record(new CallContext(new Caller("bob", mine, Set.of()), "agent", "conv-1", null), "agent.turn",
                new Usage("gpt-4o-mini", 10, 10), BudgetedChat.CallIds.fresh().usageRecordId());
        Caller mineAdmin = new Caller("admin", mine, Set.of("admin"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(calls(mineAdmin, "conversation")).containsEntry("conv-1", 1L));
        assertThat(calls(new Caller("admin", other, Set.of("admin")), "app")).isEmpty();
    }

    private Map<String, Long> calls(Caller admin, String groupBy) {
        JsonNode report = api.json(admin, "GET", "/api/v1/platform/usage?groupBy=" + groupBy, null, 200);
        var byKey = new java.util.LinkedHashMap<String, Long>();
        report.get("groups").forEach(g -> byKey.put(g.get("key").asText(), g.get("totals").get("calls").asLong()));
        return byKey;
    }
}
