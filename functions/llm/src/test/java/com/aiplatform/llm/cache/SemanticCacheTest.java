package com.aiplatform.llm.cache;

import com.aiplatform.llm.LlmApp;
import com.aiplatform.llm.chat.ChatCall;
import com.aiplatform.llm.chat.ChatService;
import com.aiplatform.llm.chat.ChatWire;
import com.aiplatform.llm.models.ModelCatalog;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.embedding.onnx.OnnxEmbedder;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The semantic cache over the real chat service, the real bundled embedder (all-MiniLM-L6-v2, int8) and the
 * in-memory table store: a paraphrase is a hit at no cost; an unrelated question, another tenant, another system
 * prompt or temperature, an expired entry or one past the candidates read is a miss; a threshold of 1 is exact only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SemanticCacheTest {

    private static final String MODEL = CountingModel.MODEL;
    private static final String SYSTEM = "Refunds reach the card within five business days.";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T08:00:00Z"));
    private final ChatWire wire = new ChatWire(64, 512);
    private OnnxEmbedder embedder;
    private InMemoryTableStore tables;
    private CountingModel model;
    private CountingBudget budget;
    private InMemoryUsageSink usage;

    @BeforeAll
    void load() {
        embedder = OnnxEmbedder.load(OnnxEmbedder.Variant.INT8);
    }

    @AfterAll
    void close() {
        embedder.close();
    }

    private CachedChat chat(int candidates) {
        tables = new InMemoryTableStore();
        model = new CountingModel();
        budget = new CountingBudget();
        usage = new InMemoryUsageSink();
        var catalog = new ModelCatalog(new ModelCatalog.Model(MODEL, ModelCatalog.Kind.CHAT, "model"),
                new ModelCatalog.Model("embedder", ModelCatalog.Kind.EMBEDDING, "model"), 0);
        var budgeted = new BudgetedChat(model, new UsageMeter(PriceTable.parse(MODEL + "=0.001/0.002"), usage, clock),
                budget, TokenCounter.approximate(), Runnable::run);
        var cache = new TableResponseCache(tables, Duration.ofMinutes(10), clock, TableResponseCache.MAX_ANSWER_CHARS);
        var semantic = new SemanticCache(embedder, LlmApp.tokenCounter(embedder),
                new TableSemanticIndex(tables, Duration.ofMinutes(10), clock, candidates));
        return new CachedChat(new ChatService(catalog, budgeted), Optional.of(cache), Optional.of(semantic));
    }

    private static CallContext from(String tenant) {
        return new CallContext(new Caller(tenant + "-app", TenantId.of(tenant), Set.of()), "llm", "test",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    private ChatCall ask(String question) {
        return ask(SYSTEM, question, Map.of());
    }

    private ChatCall ask(String system, String question, Map<String, Object> parameters) {
        var body = new java.util.HashMap<String, Object>(parameters);
        body.put("model", MODEL);
        body.put("messages", List.of(Map.of("role", "system", "content", system),
                Map.of("role", "user", "content", question)));
        return wire.parse(Json.tree(Json.write(body)));
    }

    @Test
    void should_answer_a_paraphrase_from_the_cache_at_no_cost_when_it_is_above_the_threshold() {
        var chat = chat(200);

        var first = chat.complete(from("shop"), ask("What is the refund policy?"), CachePolicy.semantic(0.95));
        var paraphrase = chat.complete(from("shop"), ask("what's the refund policy"), CachePolicy.semantic(0.95));

        assertThat(first.cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(paraphrase.cache()).isEqualTo(CachedChat.Status.HIT);
        assertThat(paraphrase.match()).hasValue(CachedChat.Match.SEMANTIC);
        assertThat(paraphrase.similarity().orElseThrow()).isBetween(0.95, 0.999);
        assertThat(paraphrase.response()).isEqualTo(first.response());
        assertThat(model.calls.get()).isEqualTo(1);
        assertThat(budget.reservations.get()).isEqualTo(1);
        assertThat(usage.records()).hasSize(1);
    }

    @Test
    void should_call_the_model_when_the_question_is_unrelated() {
        var chat = chat(200);

        chat.complete(from("shop"), ask("What is the refund policy?"), CachePolicy.semantic(0.95));
        var unrelated = chat.complete(from("shop"), ask("How long does express delivery take?"),
                CachePolicy.semantic(0.95));

        assertThat(unrelated.cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(unrelated.response().text()).contains("express delivery");
        assertThat(model.calls.get()).isEqualTo(2);
    }

    @Test
    void should_miss_when_the_paraphrase_comes_from_another_tenant() {
        var chat = chat(200);

        chat.complete(from("shop"), ask("What is the refund policy?"), CachePolicy.semantic(0.95));
        var other = chat.complete(from("bank"), ask("what's the refund policy"), CachePolicy.semantic(0.95));
        var own = chat.complete(from("bank"), ask("What is the refund policy?"), CachePolicy.semantic(0.95));

        assertThat(List.of(other.cache(), own.cache()))
                .containsExactly(CachedChat.Status.MISS, CachedChat.Status.HIT);
        assertThat(model.calls.get()).isEqualTo(2);
        assertThat(usage.records()).extracting(r -> r.tenantId()).containsExactly("shop", "bank");
    }

    @Test
    void should_miss_when_the_system_prompt_or_a_parameter_differs() {
        var chat = chat(200);

        chat.complete(from("shop"), ask("What is the refund policy?"), CachePolicy.semantic(0.95));
        var otherSystem = chat.complete(from("shop"), ask("Refunds take ten days.", "what's the refund policy",
                Map.of()), CachePolicy.semantic(0.95));
        var hotter = chat.complete(from("shop"), ask(SYSTEM, "what's the refund policy",
                Map.of("temperature", 0.9)), CachePolicy.semantic(0.95));
        var shorter = chat.complete(from("shop"), ask(SYSTEM, "what's the refund policy",
                Map.of("max_tokens", 7)), CachePolicy.semantic(0.95));

        assertThat(List.of(otherSystem.cache(), hotter.cache(), shorter.cache())).containsOnly(CachedChat.Status.MISS);
        assertThat(model.calls.get()).isEqualTo(4);
    }

    @Test
    void should_match_only_the_same_request_when_the_threshold_is_one() {
        var chat = chat(200);

        chat.complete(from("shop"), ask("What is the refund policy?"), CachePolicy.semantic(1));
        var paraphrase = chat.complete(from("shop"), ask("what's the refund policy"), CachePolicy.semantic(1));
        var same = chat.complete(from("shop"), ask("What is the refund policy?"), CachePolicy.semantic(1));

        assertThat(paraphrase.cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(same.cache()).isEqualTo(CachedChat.Status.HIT);
        assertThat(same.match()).hasValue(CachedChat.Match.EXACT);
        assertThat(same.similarity()).isEmpty();
        assertThat(model.calls.get()).isEqualTo(2);
    }

    @Test
    void should_not_match_a_paraphrase_when_the_product_chose_exact() {
        var chat = chat(200);

        chat.complete(from("shop"), ask("What is the refund policy?"), CachePolicy.semantic(0.95));
        var paraphrase = chat.complete(from("shop"), ask("what's the refund policy"), CachePolicy.EXACT);

        assertThat(paraphrase.cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(model.calls.get()).isEqualTo(2);
    }

    @Test
    void should_miss_and_delete_the_entry_when_it_has_expired() {
        var chat = chat(200);

        chat.complete(from("shop"), ask("What is the refund policy?"), CachePolicy.semantic(0.95));
        clock.advance(Duration.ofMinutes(10));
        var later = chat.complete(from("shop"), ask("what's the refund policy"), CachePolicy.semantic(0.95));

        assertThat(later.cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(model.calls.get()).isEqualTo(2);
        assertThat(semanticRows()).hasSize(1);
    }

    @Test
    void should_read_only_the_newest_candidates_when_many_entries_share_the_parameters() {
        assertThat(paraphraseAfterAnotherQuestion(1).cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(paraphraseAfterAnotherQuestion(2).cache()).isEqualTo(CachedChat.Status.HIT);
    }

    private CachedChat.Answer paraphraseAfterAnotherQuestion(int candidates) {
        var chat = chat(candidates);
        chat.complete(from("shop"), ask("What is the refund policy?"), CachePolicy.semantic(0.95));
        clock.advance(Duration.ofSeconds(1));
        chat.complete(from("shop"), ask("How long does express delivery take?"), CachePolicy.semantic(0.95));
        return chat.complete(from("shop"), ask("what's the refund policy"), CachePolicy.semantic(0.95));
    }

    @Test
    void should_use_only_the_exact_cache_when_the_prompt_is_longer_than_the_embedder_reads() {
        var chat = chat(200);
        String longQuestion = "Tell me about refunds and returns and exchanges. ".repeat(40);

        chat.complete(from("shop"), ask(longQuestion + "First case."), CachePolicy.semantic(0.5));
        var differentEnding = chat.complete(from("shop"), ask(longQuestion + "Second case."), CachePolicy.semantic(0.5));

        assertThat(differentEnding.cache()).isEqualTo(CachedChat.Status.MISS);
        assertThat(semanticRows()).isEmpty();
        assertThat(model.calls.get()).isEqualTo(2);
    }

    @Test
    void should_read_a_semantic_policy_with_its_threshold_and_anything_malformed_as_off() {
        assertThat(CachePolicy.fromHeader("semantic;threshold=0.95")).isEqualTo(CachePolicy.semantic(0.95));
        assertThat(CachePolicy.fromHeader(" Semantic; threshold = 1 ")).isEqualTo(CachePolicy.semantic(1));
        assertThat(CachePolicy.fromHeader("semantic;threshold=.8")).isEqualTo(CachePolicy.semantic(0.8));
        assertThat(Arrays.asList("semantic", "semantic;threshold=", "semantic;threshold=0", "semantic;threshold=1.5",
                "semantic;threshold=abc", "semantic;threshold=0.95;x", "semantic;threshold=-0.5",
                "semantic,threshold=0.9", "exact;threshold=0.9").stream().map(CachePolicy::fromHeader).toList())
                .containsOnly(CachePolicy.OFF);
    }

    @Test
    void should_compare_within_rounding_of_the_float_cosine_when_the_stored_embedding_is_int8() {
        float[] first = embedder.embed("What is the refund policy?");
        float[] paraphrase = embedder.embed("what's the refund policy");
        double exact = 0;
        for (int i = 0; i < first.length; i++) {
            exact += first[i] * paraphrase[i];
        }

        assertThat(TableSemanticIndex.cosine(paraphrase, TableSemanticIndex.int8(first))).isCloseTo(exact, within(0.003));
        assertThat(TableSemanticIndex.cosine(first, TableSemanticIndex.int8(first))).isGreaterThan(0.999);
        assertThat(TableSemanticIndex.int8(first)).hasSize(first.length);
    }

    private List<String> semanticRows() {
        return tables.list(TableResponseCache.TABLE, "shop").stream().map(e -> e.rowKey())
                .filter(k -> k.startsWith("semantic-")).toList();
    }
}
