package com.aiplatform.llm.cache;

import com.aiplatform.llm.chat.ChatCall;
import com.aiplatform.llm.chat.ChatService;
import com.aiplatform.llm.chat.ChatWire;
import com.aiplatform.llm.models.ModelCatalog;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.table.memory.InMemoryTableStore;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.PriceTable;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.memory.InMemoryUsageSink;
import com.aiplatform.testing.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact-match cache over the real chat service, the in-memory table store and a counting model: what is a
 * hit (no model call, no reservation, no usage record), what is a miss, and that no tenant reads another's entry.
 */
class CachedChatTest {

    private static final String MODEL = CountingModel.MODEL;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T08:00:00Z"));
    private final CountingModel model = new CountingModel();
    private final CountingBudget budget = new CountingBudget();
    private final InMemoryUsageSink usage = new InMemoryUsageSink();
    private final ChatWire wire = new ChatWire(64, 512);

    private CachedChat chat(boolean enabled) {
        return chat(enabled, TableResponseCache.MAX_ANSWER_CHARS);
    }

    private CachedChat chat(boolean enabled, int maxAnswerChars) {
        var catalog = new ModelCatalog(new ModelCatalog.Model(MODEL, ModelCatalog.Kind.CHAT, "model"),
                new ModelCatalog.Model("embedder", ModelCatalog.Kind.EMBEDDING, "model"), 0);
        var budgeted = new BudgetedChat(model, new UsageMeter(PriceTable.parse(MODEL + "=0.001/0.002"), usage, clock),
                budget, TokenCounter.approximate(), Runnable::run);
        var cache = new TableResponseCache(new InMemoryTableStore(), Duration.ofMinutes(10), clock,
                maxAnswerChars);
        return new CachedChat(new ChatService(catalog, budgeted), enabled ? Optional.of(cache) : Optional.empty());
    }

    private static CallContext from(String tenant) {
        return new CallContext(new Caller(tenant + "-app", TenantId.of(tenant), Set.of()), "llm", "test",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    private ChatCall call(String extra) {
        return wire.parse(Json.tree("""
                {"model":"%s",%s"messages":[{"role":"system","content":"Orders ship the same day."},
                  {"role":"user","content":"When do orders ship?"}]}""".formatted(MODEL, extra)));
    }

    @Test
    void should_answer_from_the_cache_without_model_budget_or_usage_when_the_request_is_repeated() {
        var chat = chat(true);

        var first = chat.complete(from("shop"), call(""), CachePolicy.EXACT);
        var second = chat.complete(from("shop"), call(""), CachePolicy.EXACT);

        assertThat(first.cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(second.cache()).isEqualTo(CachedChat.Status.HIT);
        assertThat(second.response()).isEqualTo(first.response());
        assertThat(model.calls.get()).isEqualTo(1);
        assertThat(budget.reservations.get()).isEqualTo(1);
        assertThat(usage.records()).hasSize(1);
    }

    @Test
    void should_miss_when_a_parameter_differs() {
        var chat = chat(true);

        chat.complete(from("shop"), call(""), CachePolicy.EXACT);
        var hotter = chat.complete(from("shop"), call("\"temperature\":0.9,"), CachePolicy.EXACT);
        var shorter = chat.complete(from("shop"), call("\"max_tokens\":7,"), CachePolicy.EXACT);
        var json = chat.complete(from("shop"), call("\"response_format\":{\"type\":\"json_object\"},"), CachePolicy.EXACT);

        assertThat(List.of(hotter.cache(), shorter.cache(), json.cache())).containsOnly(CachedChat.Status.MISS);
        assertThat(model.calls.get()).isEqualTo(4);
    }

    @Test
    void should_miss_when_the_same_request_comes_from_another_tenant() {
        var chat = chat(true);

        chat.complete(from("shop"), call(""), CachePolicy.EXACT);
        var other = chat.complete(from("bank"), call(""), CachePolicy.EXACT);

        assertThat(other.cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(model.calls.get()).isEqualTo(2);
        assertThat(usage.records()).extracting(r -> r.tenantId()).containsExactly("shop", "bank");
    }

    @Test
    void should_miss_when_the_entry_has_expired() {
        var chat = chat(true);

        chat.complete(from("shop"), call(""), CachePolicy.EXACT);
        clock.advance(Duration.ofMinutes(10));
        var later = chat.complete(from("shop"), call(""), CachePolicy.EXACT);

        assertThat(later.cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(model.calls.get()).isEqualTo(2);
    }

    @Test
    void should_call_the_model_every_time_when_the_cache_is_off() {
        var chat = chat(false);

        var answers = List.of(chat.complete(from("shop"), call(""), CachePolicy.EXACT), chat.complete(from("shop"), call(""), CachePolicy.EXACT),
                chat.complete(from("shop"), call(""), CachePolicy.EXACT));

        assertThat(answers).extracting(CachedChat.Answer::cache).containsOnly(CachedChat.Status.MISS);
        assertThat(model.calls.get()).isEqualTo(3);
        assertThat(usage.records()).hasSize(3);
    }

    @Test
    void should_call_the_model_every_time_and_store_nothing_when_the_product_has_not_opted_in() {
        var chat = chat(true);

        var answers = List.of(chat.complete(from("shop"), call(""), CachePolicy.OFF),
                chat.complete(from("shop"), call(""), CachePolicy.OFF));
        var optedIn = chat.complete(from("shop"), call(""), CachePolicy.EXACT);

        assertThat(answers).extracting(CachedChat.Answer::cache).containsOnly(CachedChat.Status.MISS);
        assertThat(optedIn.cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(model.calls.get()).isEqualTo(3);
        assertThat(usage.records()).hasSize(3);
    }

    @Test
    void should_read_only_exact_or_semantic_with_a_threshold_from_the_header_as_opting_in() {
        assertThat(List.of(CachePolicy.fromHeader("exact"), CachePolicy.fromHeader(" EXACT ")))
                .containsOnly(CachePolicy.EXACT);
        assertThat(java.util.Arrays.asList(CachePolicy.fromHeader(null), CachePolicy.fromHeader(""),
                CachePolicy.fromHeader("off"), CachePolicy.fromHeader("semantic"))).containsOnly(CachePolicy.OFF);
    }

    @Test
    void should_call_the_model_every_time_when_the_answer_is_streamed() {
        var chat = chat(true);

        chat.complete(from("shop"), call("\"stream\":true,"), CachePolicy.EXACT);
        var again = chat.complete(from("shop"), call("\"stream\":true,"), CachePolicy.EXACT);

        assertThat(again.cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(model.calls.get()).isEqualTo(2);
    }

    @Test
    void should_not_cache_an_answer_when_it_is_longer_than_the_limit() {
        var chat = chat(true, 20);

        chat.complete(from("shop"), call(""), CachePolicy.EXACT);
        var again = chat.complete(from("shop"), call(""), CachePolicy.EXACT);

        assertThat(again.cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(model.calls.get()).isEqualTo(2);
    }
}
