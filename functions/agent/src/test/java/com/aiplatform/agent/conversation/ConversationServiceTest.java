package com.aiplatform.agent.conversation;

import com.aiplatform.agent.AgentTestKit;
import com.aiplatform.agent.FakeKnowledgeBase;
import com.aiplatform.agent.ScriptedLlm;
import com.aiplatform.agent.TestClock;
import com.aiplatform.agent.support.DemoDataset;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.usage.UsageRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.aiplatform.agent.AgentTestKit.ALICE;
import static com.aiplatform.agent.AgentTestKit.BOB;
import static com.aiplatform.agent.AgentTestKit.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The conversation service with a scripted model, fake knowledge and tables in memory. */
class ConversationServiceTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-27T10:00:00Z"));
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
    void should_refuse_a_second_message_with_409_while_a_turn_runs_and_lose_nothing() throws Exception {
        String id = conversation();
        CountDownLatch inTurn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        llm.then(request -> {
            inTurn.countDown();
            await(release);
            return new com.aiplatform.shared.llm.ChatResponse("First answer", List.of(), List.of(),
                    com.aiplatform.shared.llm.Generator.MODEL, new com.aiplatform.shared.usage.Usage("gpt-4o-mini", 1, 1), "stop");
        });
        var first = CompletableFuture.supplyAsync(() -> service.send(call(ALICE), id, new MessageRequest("first")));
        assertThat(inTurn.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> service.send(call(ALICE), id, new MessageRequest("second")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.retryAfter()).isPresent();
                });
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).reply()).isEqualTo("First answer");

        llm.thenAnswer("Second answer");
        assertThat(service.send(call(ALICE), id, new MessageRequest("second")).turn()).isEqualTo(2);
        assertThat(service.get(call(ALICE), id).messages()).extracting(Views.MessageView::content)
                .containsExactly("first", "First answer", "second", "Second answer");
    }

    @Test
    void should_take_over_a_lease_left_by_a_crashed_turn_once_it_expires() {
        String id = conversation();
        var leases = new TurnLeases(new ConversationRepository(kit.tables, "agentconversations", "agentmessages"),
                clock, Duration.ofMinutes(2));
        leases.begin(ALICE.tenant(), id);
        llm.thenAnswer("Back again");
        assertThatThrownBy(() -> service.send(call(ALICE), id, new MessageRequest("hello?")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        var reply = service.send(call(ALICE), id, new MessageRequest("hello?"));
        assertThat(reply.turn()).isEqualTo(2);
        assertThat(reply.reply()).isEqualTo("Back again");
    }

    @Test
    void should_stop_after_the_round_limit_and_still_answer_when_the_model_keeps_calling_tools() {
        String id = conversation();
        llm.thenCall("get_order_status", "{\"orderNumber\":\"ORD-10001\"}")
                .thenCall("get_order_status", "{\"orderNumber\":\"ORD-10002\"}")
                .thenCall("get_order_status", "{\"orderNumber\":\"ORD-10003\"}");

        var reply = service.send(call(ALICE), id, new MessageRequest("Check everything"));

        assertThat(reply.toolCalls()).hasSize(2);
        assertThat(reply.reply()).contains("stopped after 2 rounds");
        assertThat(llm.requests()).hasSize(3);
        assertThat(llm.requests().get(2).tools()).isEmpty();
        assertThat(llm.requests().get(0).tools()).hasSize(6);
    }

    @Test
    void should_refuse_invalid_arguments_before_the_tool_runs_and_tell_the_model() {
        String id = conversation();
        llm.thenCall("update_ticket", "{\"ticketId\":\"TCK-1234'; drop\",\"status\":\"deleted\"}")
                .thenCall("create_ticket", "{not json")
                .thenAnswer("Sorry.");

        var reply = service.send(call(ALICE), id, new MessageRequest("Close my ticket"));

        assertThat(reply.toolCalls()).extracting(Views.ToolCallView::status).containsExactly("invalid", "invalid");
        assertThat(reply.toolCalls().get(0).summary()).contains("ticketId must match").contains("status must be one of");
        assertThat(reply.toolCalls().get(1).summary()).contains("not valid JSON");
        assertThat(kit.tables.list("agenttickets", "tenant-a")).isEmpty();
        String fed = llm.requests().get(1).messages().get(llm.requests().get(1).messages().size() - 1).content();
        assertThat(Json.tree(fed).get("error").asText()).contains("refused before the tool ran");
    }

    @Test
    void should_turn_a_failing_tool_into_a_message_when_the_knowledge_base_is_down() {
        String id = conversation();
        knowledge.down(true);
        llm.thenCall("search_knowledge_base", "{\"query\":\"refund time\"}").thenAnswer("I cannot check that now.");

        var reply = service.send(call(ALICE), id, new MessageRequest("How long do refunds take?"));

        assertThat(reply.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo("failed");
            assertThat(c.summary()).contains("knowledge base is unavailable");
        });
        assertThat(reply.reply()).isEqualTo("I cannot check that now.");
    }

    @Test
    void should_cite_passages_when_the_knowledge_base_was_searched() {
        String id = conversation();
        llm.thenCall("search_knowledge_base", "{\"query\":\"refunds card\"}").thenAnswer("Five business days [1].");
        var reply = service.send(call(ALICE), id, new MessageRequest("How long do refunds take?"));
        assertThat(reply.citations()).isNotEmpty();
        assertThat(reply.citations().get(0).documentId()).isEqualTo("returns-policy");
        assertThat(reply.citations().get(0).number()).isEqualTo(1);
    }

    @Test
    void should_open_update_a_ticket_and_escalate_when_the_model_asks_for_it() {
        String id = conversation();
        var order = shop.orders().get(1);
        llm.thenCall("create_ticket", "{\"subject\":\"Broken grinder\",\"description\":\"Arrived broken\",\"orderNumber\":\""
                        + order.orderNumber() + "\"}")
                .thenCall("create_ticket", "{\"subject\":\"Broken grinder\",\"description\":\"Arrived broken\"}")
                .thenAnswer("Ticket opened.");
        var opened = service.send(call(ALICE), id, new MessageRequest("It arrived broken"));
        String ticketId = opened.toolCalls().get(0).summary().replaceAll(".*(TCK-[0-9A-F]{8}).*", "$1");
        assertThat(opened.toolCalls().get(1).summary()).startsWith("Ticket already open: " + ticketId);
        assertThat(kit.tables.list("agenttickets", "tenant-a")).hasSize(1);

        llm.thenCall("update_ticket", "{\"ticketId\":\"" + ticketId + "\",\"status\":\"pending\",\"note\":\"Photos sent\"}")
                .thenCall("handover_to_human", "{\"reason\":\"Customer wants a refund decision\"}")
                .thenAnswer("A colleague will take over.");
        var handed = service.send(call(ALICE), id, new MessageRequest("Here are photos; I want a person to decide"));

        assertThat(handed.toolCalls()).extracting(Views.ToolCallView::status).containsExactly("ok", "ok");
        assertThat(handed.escalated()).isTrue();
        assertThat(kit.services.data().ticket(ALICE.tenant(), ticketId).orElseThrow().notes()).containsExactly("Photos sent");
        var view = service.get(call(ALICE), id);
        assertThat(view.status()).isEqualTo("escalated");
        assertThat(view.escalation().reason()).isEqualTo("Customer wants a refund decision");
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
    void should_store_nothing_and_free_the_conversation_when_the_model_fails() {
        String id = conversation();
        llm.then(request -> {
            throw new LlmException("throttled", 429, true, Duration.ofSeconds(7), null);
        });
        assertThatThrownBy(() -> service.send(call(ALICE), id, new MessageRequest("hello")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
        assertThat(service.get(call(ALICE), id).messages()).isEmpty();
        llm.thenAnswer("Hi");
        assertThat(service.send(call(ALICE), id, new MessageRequest("hello")).reply()).isEqualTo("Hi");
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
