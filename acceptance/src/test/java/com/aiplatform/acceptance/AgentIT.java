package com.aiplatform.acceptance;

import com.aiplatform.acceptance.AcceptancePlatform.Suite;
import com.aiplatform.agent.support.DemoDataset;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The support agent on the default composition: the demo shop seeded into the suite's tenant, then one
 * conversation whose turns use every tool, with the offline router choosing each tool from the message.
 */
@Order(2)
@ExtendWith(AcceptancePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentIT {

    private static final String CONVERSATIONS = "/api/v1/agent/conversations";

    private Suite suite;
    private Api shop;
    private final List<String> used = new ArrayList<>();
    private final DemoDataset demo = DemoDataset.generate(LocalDate.now(ZoneOffset.UTC));

    @BeforeAll
    void connect(Suite suite) {
        this.suite = suite;
        this.shop = suite.shop();
    }

    @Test
    @Order(1)
    void should_load_the_demo_shop_into_the_callers_tenant_when_an_admin_seeds() {
        Api.Response seeded = shop.post("/api/v1/agent/admin/seed", null);

        assertThat(seeded.status()).as(seeded.toString()).isEqualTo(200);
        assertThat(seeded.json().get("tenantId").asText()).isEqualTo(AcceptancePlatform.TENANT);
        assertThat(seeded.json().get("orders").asInt()).isEqualTo(demo.orders().size());
        assertThat(seeded.json().get("knowledgeDocuments").asInt()).isPositive();
    }

    @Test
    @Order(2)
    void should_use_every_tool_across_the_turns_of_one_conversation() {
        var order = demo.orders().get(0);
        String id = createConversation();

        JsonNode status = say(id, "Where is my order " + order.orderNumber() + "? Has it shipped yet?", "get_order_status");
        assertThat(status.get("generator").asText()).isEqualTo("extractive-offline");
        assertThat(status.get("reply").asText()).contains(order.orderNumber()).contains(order.status());

        JsonNode orders = say(id, "Which orders has " + order.customerEmail() + " placed?", "find_customer_orders");
        assertThat(orders.get("reply").asText()).contains(order.orderNumber());

        JsonNode policy = say(id, "How long does a refund take to reach my card?", "search_knowledge_base");
        assertThat(policy.get("reply").asText()).containsPattern("\\[\\d]");
        assertThat(policy.get("citations")).isNotEmpty();

        JsonNode ticket = say(id, "It arrived broken, please open a ticket", "create_ticket");
        assertThat(ticket.get("toolCalls").get(0).get("arguments").get("orderNumber").asText()).isEqualTo(order.orderNumber());
        String ticketId = ticket.get("reply").asText().replaceAll("(?s).*(TCK-[0-9A-F]{8}).*", "$1");
        assertThat(ticketId).matches("TCK-[0-9A-F]{8}");

        JsonNode resolved = say(id, "Please mark ticket " + ticketId + " as resolved", "update_ticket");
        assertThat(resolved.get("reply").asText()).contains(ticketId);

        JsonNode human = say(id, "I want to talk to a real person", "handover_to_human");
        assertThat(human.get("escalated").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> suite.events().stream().anyMatch(e ->
                e.type().equals("AiPlatform.Agent.ConversationEscalated")
                        && e.data().path("conversationId").asText().equals(id)));

        JsonNode history = shop.get(CONVERSATIONS + "/" + id).json();
        assertThat(history.get("status").asText()).isEqualTo("escalated");
        assertThat(history.get("messages").findValuesAsText("role")).filteredOn("user"::equals).hasSize(6);
        assertThat(history.get("messages").get(history.get("messages").size() - 1).get("turn").asInt()).isEqualTo(6);
        assertThat(used).containsExactlyInAnyOrder("search_knowledge_base", "find_customer_orders", "get_order_status",
                "create_ticket", "update_ticket", "handover_to_human");
    }

    @Test
    @Order(3)
    void should_hide_a_conversation_from_another_tenant() {
        String id = createConversation();
        say(id, "Where is my order " + demo.orders().get(1).orderNumber() + "?", "get_order_status");

        Api rival = suite.rival();
        assertThat(rival.get(CONVERSATIONS + "/" + id).status()).isEqualTo(404);
        assertThat(rival.post(CONVERSATIONS + "/" + id + "/messages", Map.of("text", "hello")).status()).isEqualTo(404);
        assertThat(shop.get(CONVERSATIONS + "/" + id).status()).isEqualTo(200);
    }

    private String createConversation() {
        Api.Response created = shop.post(CONVERSATIONS, null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("conversationId").asText();
    }

    private JsonNode say(String conversationId, String text, String expectedTool) {
        Api.Response answered = shop.post(CONVERSATIONS + "/" + conversationId + "/messages", Map.of("text", text));
        assertThat(answered.status()).as(text + ": " + answered).isEqualTo(200);
        JsonNode reply = answered.json();
        assertThat(reply.get("toolCalls")).as(text + ": " + reply).hasSize(1);
        assertThat(reply.get("toolCalls").get(0).get("name").asText()).as(text + ": " + reply).isEqualTo(expectedTool);
        assertThat(reply.get("toolCalls").get(0).get("status").asText()).as(text + ": " + reply).isEqualTo("ok");
        used.add(expectedTool);
        return reply;
    }
}
