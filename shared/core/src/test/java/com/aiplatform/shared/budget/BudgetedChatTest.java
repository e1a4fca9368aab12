package com.aiplatform.shared.budget;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.PriceTable;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.memory.InMemoryUsageSink;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetedChatTest {

    private static final CallContext CONTEXT = new CallContext(new Caller("alice", TenantId.of("acme"), Set.of()),
            "knowledge", "conversation-1", "trace");
    private final InMemoryUsageSink sink = new InMemoryUsageSink();
    private final UsageMeter meter = new UsageMeter(PriceTable.parse("m=1/2"), sink, Clock.systemUTC());
    private final RecordingBudget budget = new RecordingBudget();

    @Test
    void should_reserve_the_estimate_and_settle_the_actual_cost_when_the_model_answers() {
        LlmClient llm = model(new Usage("m", 100, 50));
        var chat = new BudgetedChat(llm, meter, budget, text -> text.split(" ").length);

        var result = chat.chat(CONTEXT, "ask", request(200));

        // prompt: 4 + 4 words ("what is the price") = 8 tokens; max output 200 tokens; 1 and 2 USD per 1k
        assertThat(budget.reserved).containsExactly(new BigDecimal("0.408"));
        assertThat(budget.settled).containsExactly(new BigDecimal("0.2"));
        assertThat(result.usage().costUsd()).isEqualByComparingTo("0.2");
        assertThat(sink.records()).hasSize(1);
    }

    @Test
    void should_not_call_the_model_when_the_budget_refuses() {
        budget.refuse = true;
        var chat = new BudgetedChat(llmThat(() -> {
            throw new AssertionError("the model must not be called");
        }), meter, budget, text -> 1);

        assertThatThrownBy(() -> chat.chat(CONTEXT, "ask", request(10)))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.status()).isEqualTo(402);
                    assertThat(e.headers()).containsEntry(BudgetExceededException.REMAINING_HEADER, "0.001");
                });
        assertThat(sink.records()).isEmpty();
    }

    @Test
    void should_release_the_reservation_when_the_model_fails() {
        var chat = new BudgetedChat(llmThat(() -> {
            throw new LlmException("down", 503, true, null, null);
        }), meter, budget, text -> 1);

        assertThatThrownBy(() -> chat.chat(CONTEXT, "ask", request(10))).isInstanceOf(LlmException.class);
        assertThat(budget.settled).containsExactly(BigDecimal.ZERO);
    }

    @Test
    void should_reserve_and_record_under_the_callers_ids_and_account_only_when_the_executor_runs() {
        var deferred = new ArrayList<Runnable>();
        var chat = new BudgetedChat(model(new Usage("m", 100, 50)), meter, budget, text -> 1, deferred::add);
        var ids = BudgetedChat.CallIds.derive("research", "acme", "rt-1", "s01#1");

        var result = chat.start(CONTEXT, "research.step", chat.price(request(10)), ids);

        assertThat(budget.ids).containsExactly(ids.reservationId());
        assertThat(result.usage().id()).isEqualTo(ids.usageRecordId());
        assertThat(result.accounted()).isNotDone();
        assertThat(sink.records()).isEmpty();
        assertThat(budget.settled).isEmpty();

        deferred.forEach(Runnable::run);

        assertThat(result.accounted()).isDone();
        assertThat(sink.records()).extracting(r -> r.id()).containsExactly(ids.usageRecordId());
        assertThat(budget.settled).containsExactly(new BigDecimal("0.2"));
    }

    @Test
    void should_send_the_same_record_and_settle_the_same_reservation_when_a_stored_call_is_accounted_again() {
        var chat = new BudgetedChat(model(new Usage("m", 100, 50)), meter, budget, text -> 1);
        var ids = BudgetedChat.CallIds.derive("research", "acme", "rt-1", "synth#1");

        chat.start(CONTEXT, "research.synthesize", chat.price(request(10)), ids).accounted().join();
        chat.account(CONTEXT, "research.synthesize", new Usage("m", 100, 50), ids).join();

        assertThat(sink.records()).extracting(r -> r.id()).containsExactly(ids.usageRecordId(), ids.usageRecordId());
        assertThat(sink.records()).extracting(r -> r.costUsd()).allSatisfy(c -> assertThat(c).isEqualByComparingTo("0.2"));
        assertThat(budget.settledIds).containsExactly(ids.reservationId(), ids.reservationId());
    }

    @Test
    void should_derive_the_same_valid_ids_from_the_same_parts_and_refuse_ids_the_budget_api_refuses() {
        var ids = BudgetedChat.CallIds.derive("research", "acme", "rt-1", "s01#1");

        assertThat(ids).isEqualTo(BudgetedChat.CallIds.derive("research", "acme", "rt-1", "s01#1"));
        assertThat(ids).isNotEqualTo(BudgetedChat.CallIds.derive("research", "acme", "rt-1", "s01#2"));
        assertThat(ReservationIds.valid(ids.reservationId())).isTrue();
        assertThat(ReservationIds.valid(BudgetedChat.CallIds.fresh().reservationId())).isTrue();
        assertThatThrownBy(() -> new BudgetedChat.CallIds("rt-1/s01#1", "r1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BudgetedChat.CallIds("r1", "x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    private static ChatRequest request(int maxTokens) {
        return new ChatRequest(List.of(ChatMessage.user("what is the price")), List.of(), List.of(), maxTokens, 0);
    }

    private static LlmClient model(Usage usage) {
        return llmThat(() -> new ChatResponse("answer", List.of(), List.of(), Generator.MODEL, usage, "stop"));
    }

    private static LlmClient llmThat(java.util.function.Supplier<ChatResponse> answer) {
        return new LlmClient() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                return answer.get();
            }

            @Override
            public String modelName() {
                return "m";
            }
        };
    }

    private static class RecordingBudget implements Budget {
        final List<String> ids = new ArrayList<>();
        final List<BigDecimal> reserved = new ArrayList<>();
        final List<BigDecimal> settled = new ArrayList<>();
        final List<String> settledIds = new ArrayList<>();
        boolean refuse;

        @Override
        public Reservation reserve(Caller caller, String reservationId, BigDecimal estimatedUsd) {
            if (refuse) {
                throw new BudgetExceededException("consumer", new BigDecimal("0.001"), estimatedUsd);
            }
            ids.add(reservationId);
            reserved.add(estimatedUsd);
            return new Reservation(reservationId, estimatedUsd, Optional.empty());
        }

        @Override
        public void settle(Caller caller, Reservation reservation, BigDecimal actualUsd) {
            settled.add(actualUsd);
            settledIds.add(reservation.id());
        }
    }
}
