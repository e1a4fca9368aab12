package com.aiplatform.llm;

import com.aiplatform.llm.chat.ChatCall;
import com.aiplatform.llm.chat.ChatWire;
import com.aiplatform.llm.embeddings.EmbeddingWire;
import com.aiplatform.llm.pool.BackendPool;
import com.aiplatform.llm.pool.Pools;
import com.aiplatform.shared.budget.BudgetExceededException;
import com.aiplatform.shared.embedding.onnx.OnnxEmbedder;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.PriceTable;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.memory.InMemoryUsageSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The offline pool and the bundled embedder, wired as the composition root wires them, with an in-memory usage
 * sink and budget: what is answered, labelled, billed and refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmServicesTest {

    private static final CallContext CALL = new CallContext(new Caller("shop-app", TenantId.of("shop"), Set.of()),
            "llm", "test", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    private static final String PRICES = "extractive-offline=0.001/0.002,all-minilm-l6-v2=0.0001/0,all-minilm-l6-v2-int8=0.0001/0";

    private final Settings settings = Settings.of(Map.of());
    private final ChatWire wire = new ChatWire(64, 512);
    private OnnxEmbedder embedder;
    private BackendPool pool;

    @BeforeAll
    void load() {
        embedder = OnnxEmbedder.load(OnnxEmbedder.Variant.INT8);
        pool = Pools.fromSettings(LlmSettings.from(settings).pool(), RuntimeSettings.from(settings), settings,
                LlmApp.tokenCounter(embedder),
                Clock.systemUTC());
    }

    @AfterAll
    void close() {
        embedder.close();
    }

    private record Kit(LlmApp.Services services, InMemoryUsageSink usage, FakeBudget budget) {
    }

    private Kit kit(String limitUsd) {
        var sink = new InMemoryUsageSink();
        var budget = new FakeBudget(limitUsd);
        var services = LlmApp.services(LlmSettings.from(settings), pool, embedder,
                new UsageMeter(PriceTable.parse(PRICES), sink, Clock.systemUTC()), budget, Clock.systemUTC());
        return new Kit(services, sink, budget);
    }

    private ChatCall call(String model) {
        return wire.parse(Json.tree("""
                {"model":"%s","messages":[
                  {"role":"system","content":"Orders placed before noon ship the same day. Refunds take five days."},
                  {"role":"user","content":"When do orders ship?"}]}""".formatted(model)));
    }

    @Test
    void should_answer_from_the_conversation_labelled_extractive_offline_when_the_pool_is_offline() {
        var kit = kit("1");

        var result = kit.services().chat().complete(CALL, call("extractive-offline"));

        assertThat(result.response().generator()).isEqualTo(Generator.EXTRACTIVE_OFFLINE);
        assertThat(result.response().text()).contains("Orders placed before noon ship the same day.")
                .doesNotContain("Refunds");
        assertThat(kit.services().models().view().toString()).contains("owned_by=extractive-offline",
                "owned_by=bundled-onnx");
    }

    @Test
    void should_reserve_before_and_settle_after_and_write_a_usage_record_when_chatting() {
        var kit = kit("1");

        var result = kit.services().chat().complete(CALL, call("extractive-offline"));

        assertThat(kit.budget().log).containsExactly("reserved shop-app",
                "settled " + result.usage().costUsd().stripTrailingZeros().toPlainString());
        assertThat(kit.budget().reserved()).isZero();
        assertThat(kit.usage().records()).singleElement().satisfies(record -> {
            assertThat(record.consumerId()).isEqualTo("shop-app");
            assertThat(record.tenantId()).isEqualTo("shop");
            assertThat(record.model()).isEqualTo("extractive-offline");
            assertThat(record.inputTokens()).isPositive();
            assertThat(record.costUsd()).isPositive();
        });
    }

    @Test
    void should_refuse_with_402_and_call_no_model_when_the_budget_cannot_cover_the_call() {
        var kit = kit("0.00001");

        assertThatThrownBy(() -> kit.services().chat().complete(CALL, call("extractive-offline")))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.status()).isEqualTo(402);
                    assertThat(e.remainingUsd()).isEqualByComparingTo("0.00001");
                });
        assertThat(kit.usage().records()).isEmpty();
        assertThat(kit.budget().spent()).isZero();
    }

    @Test
    void should_answer_404_model_not_found_when_the_model_is_not_served_here() {
        var kit = kit("1");

        assertThatThrownBy(() -> kit.services().chat().complete(CALL, call("gpt-4o")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.problem().extensions()).containsEntry("param", "model");
                });
        assertThatThrownBy(() -> kit.services().chat().complete(CALL, call(embedder.model().name())))
                .hasMessageContaining("is an embedding model");
        assertThat(kit.budget().log).isEmpty();
    }

    @Test
    void should_embed_each_input_in_order_with_the_bundled_model_and_bill_it_when_embedding() {
        var kit = kit("1");
        var embeddings = new EmbeddingWire(8, 1000).parse(Json.tree("""
                {"model":"%s","input":["orders ship at noon","refunds take five days"]}"""
                .formatted(embedder.model().name())), embedder.model().dimensions());

        var result = kit.services().embeddings().embed(CALL, embeddings);

        assertThat(result.embeddings().vectors()).hasSize(2);
        float[] first = result.embeddings().vectors().get(0);
        assertThat(first).hasSize(embedder.model().dimensions());
        assertThat(dot(first, embedder.embed("orders ship at noon")))
                .isGreaterThan(dot(first, embedder.embed("refunds take five days")));
        assertThat(kit.usage().records()).singleElement().satisfies(record -> {
            assertThat(record.operation()).isEqualTo("embeddings");
            assertThat(record.inputTokens()).isEqualTo(result.embeddings().inputTokens()).isPositive();
        });
        assertThat(kit.budget().reserved()).isZero();
        assertThat(kit.budget().spent()).isEqualByComparingTo(result.usage().costUsd()).isPositive();
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
