package com.aiplatform.agent.conversation;

import com.aiplatform.agent.AgentTestKit;
import com.aiplatform.agent.FakeKnowledgeBase;
import com.aiplatform.agent.ScriptedLlm;
import com.aiplatform.agent.support.DemoDataset;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.usage.UsageRecord;
import com.aiplatform.testing.time.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.aiplatform.agent.AgentTestKit.ALICE;
import static com.aiplatform.agent.AgentTestKit.BOB;
import static com.aiplatform.agent.AgentTestKit.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The conversation service with a scripted model, fake knowledge and tables in memory: turns, history, tenants. */
class ConversationServiceTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final ScriptedLlm llm = new ScriptedLlm();
    private final FakeKnowledgeBase knowledge = new FakeKnowledgeBase();
    private AgentTestKit kit;
    private ConversationService service;
    private DemoDataset shop;

    @BeforeEach
    void setUp() {
        kit = new AgentTestKit(llm, knowledge, clock, Map.of("AGENT_MAX_TOOL_ROUNDS", "2"));
        service = kit.services.conversations();
        kit.services.seed().seed(ALICE);
        shop = DemoDataset.generate(java.time.LocalDate.of(2026, 11, 27));
    }

    private String conversation() {
        return service.create(call(ALICE)).conversationId();
    }

    @Test
    void should_store_the_whole_turn_and_meter_each_model_call_when_the_model_uses_a_tool() {
        String id = conversation();
        var order = shop.orders().get(0);
        llm.thenCall("get_order_status", "{\"orderNumber\":\"" + order.orderNumber() + "\"}").thenAnswer("It is on its way.");

        Views.Reply reply = service.send(call(ALICE), id, new MessageRequest("Where is " + order.orderNumber() + "?"));

        assertThat(reply.reply()).isEqualTo("It is on its way.");
        assertThat(reply.generator()).isEqualTo("model");
        assertThat(reply.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo("ok");
            assertThat(c.summary()).contains(order.orderNumber()).contains(order.status());
        });
        assertThat(reply.usage().modelCalls()).isEqualTo(2);
        assertThat(reply.usage().inputTokens()).isEqualTo(220);
        assertThat(reply.usage().costUsd()).isPositive();
        String toolResult = llm.requests().get(1).messages().get(llm.requests().get(1).messages().size() - 1).content();
        assertThat(Json.tree(toolResult).get("status").asText()).isEqualTo(order.status());

        var history = service.get(call(ALICE), id).messages();
        assertThat(history).extracting(Views.MessageView::role).containsExactly("user", "assistant", "tool", "assistant");
        assertThat(history).allSatisfy(m -> assertThat(m.turn()).isEqualTo(1));
        List<UsageRecord> records = kit.usage.records();
        assertThat(records).hasSize(2).allSatisfy(r -> {
            assertThat(r.correlationId()).isEqualTo(id);
            assertThat(r.tenantId()).isEqualTo("tenant-a");
            assertThat(r.operation()).isEqualTo("agent.chat");
        });
    }

    @Test
    void should_send_earlier_turns_to_the_model_when_the_conversation_continues() {
        String id = conversation();
        llm.thenAnswer("Hello!").thenAnswer("You said hi before.");
        service.send(call(ALICE), id, new MessageRequest("Hi there"));
        var second = service.send(call(ALICE), id, new MessageRequest("What did I say?"));

        assertThat(second.turn()).isEqualTo(2);
        assertThat(llm.requests().get(1).messages()).extracting(ChatMessage::content)
                .containsSubsequence("Hi there", "Hello!", "What did I say?");
    }

    @Test
    void should_treat_another_tenants_conversation_and_orders_as_missing() {
        String id = conversation();
        assertThatThrownBy(() -> service.get(call(BOB), id))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> service.send(call(BOB), id, new MessageRequest("hi")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> service.delete(call(BOB), id))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));

        String bobs = service.create(call(BOB)).conversationId();
        llm.thenCall("get_order_status", "{\"orderNumber\":\"" + shop.orders().get(0).orderNumber() + "\"}").thenAnswer("?");
        var reply = service.send(call(BOB), bobs, new MessageRequest("Where is my order?"));
        assertThat(reply.toolCalls().get(0).status()).isEqualTo("failed");
        assertThat(reply.toolCalls().get(0).summary()).contains("No order");
    }

    @Test
    void should_delete_the_conversation_and_its_messages() {
        String id = conversation();
        llm.thenAnswer("Hi");
        service.send(call(ALICE), id, new MessageRequest("hello"));
        service.delete(call(ALICE), id);
        assertThatThrownBy(() -> service.get(call(ALICE), id)).isInstanceOf(ProblemException.class);
        assertThat(kit.tables.list("agentmessages", "tenant-a:" + id)).isEmpty();
    }

    @Test
    void should_refuse_malformed_ids_and_overlong_messages_with_400() {
        assertThatThrownBy(() -> service.get(call(ALICE), "../etc"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        String id = conversation();
        assertThatThrownBy(() -> service.send(call(ALICE), id, new MessageRequest("x".repeat(4001))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> new MessageRequest("  "))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void should_answer_a_retried_message_from_the_stored_turn_when_it_has_the_same_message_id() {
        String id = conversation();
        llm.thenCall("search_knowledge_base", "{\"query\":\"refunds card\"}").thenAnswer("Five business days [1].");
        var first = service.send(call(ALICE), id, new MessageRequest("How long do refunds take?", "client-msg-1"));
        var again = service.send(call(ALICE), id, new MessageRequest("How long do refunds take?", "client-msg-1"));

        assertThat(again.replayed()).isTrue();
        assertThat(again.turn()).isEqualTo(first.turn());
        assertThat(again.reply()).isEqualTo(first.reply());
        assertThat(again.generator()).isEqualTo("model");
        assertThat(again.toolCalls()).usingRecursiveComparison().isEqualTo(first.toolCalls());
        assertThat(again.citations()).isEqualTo(first.citations());
        assertThat(again.usage().modelCalls()).isZero();
        assertThat(llm.requests()).hasSize(2);
        assertThat(service.get(call(ALICE), id).messages()).hasSize(4);
        assertThatThrownBy(() -> new MessageRequest("hi", "no spaces allowed"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void should_number_the_next_turn_without_a_gap_when_a_message_was_replayed() {
        String id = conversation();
        llm.thenAnswer("Hello.").thenAnswer("Goodbye.");
        var first = service.send(call(ALICE), id, new MessageRequest("Hi", "client-msg-1"));
        service.send(call(ALICE), id, new MessageRequest("Hi", "client-msg-1"));

        var next = service.send(call(ALICE), id, new MessageRequest("Bye", "client-msg-2"));

        assertThat(first.turn()).isEqualTo(1);
        assertThat(next.turn()).isEqualTo(2);
        assertThat(service.get(call(ALICE), id).messages()).extracting(Views.MessageView::turn)
                .containsExactly(1L, 1L, 2L, 2L);
    }
}
