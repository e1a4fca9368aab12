package com.aiplatform.agent.conversation;

import com.aiplatform.agent.AgentTestKit;
import com.aiplatform.agent.FakeKnowledgeBase;
import com.aiplatform.agent.ScriptedLlm;
import com.aiplatform.agent.support.DemoDataset;
import com.aiplatform.shared.json.Json;
import com.aiplatform.testing.time.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static com.aiplatform.agent.AgentTestKit.ALICE;
import static com.aiplatform.agent.AgentTestKit.call;
import static org.assertj.core.api.Assertions.assertThat;

/** The guardrails around tools: round limit, argument validation, failing tools, citations, tickets and escalation. */
class TurnGuardrailsTest {

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
        assertThat(kit.events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("AiPlatform.Agent.ConversationEscalated");
            assertThat(event.data().get("conversationId").asText()).isEqualTo(id);
            assertThat(event.data().get("tenantId").asText()).isEqualTo("tenant-a");
        });
        llm.thenCall("handover_to_human", "{\"reason\":\"Still waiting\"}").thenAnswer("Already with a colleague.");
        service.send(call(ALICE), id, new MessageRequest("Hello? Anyone?"));
        assertThat(kit.events).hasSize(1);
    }
}
