package com.aiplatform.local.agent;

import com.aiplatform.agent.support.DemoDataset;
import com.aiplatform.local.LocalPlatform;
import com.aiplatform.local.RunningPlatform;
import com.aiplatform.shared.event.PlatformEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent app end to end with the knowledge app: the local platform on free ports (Azurite in memory,
 * the bundled model, no language model, so the offline fallback answers), driven over HTTP only. Through
 * the development gateway the caller is tenant {@code local}; with the platform's app-to-app key the test
 * acts as other tenants, as a sibling app forwarding its caller would. Every response is checked against
 * the agent's OpenAPI document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentEndToEndTest {

    private RunningPlatform platform;
    private AgentClient local;
    private AgentClient tenantA;
    private AgentClient tenantB;
    private DemoDataset shop;
    private final List<String> conversationIds = new ArrayList<>();
    private final List<PlatformEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() {
        platform = LocalPlatform.builder().inMemory().port(0).apps(Set.of("knowledge", "agent", "platform"))
                .settings(Map.of("ONNX_EMBEDDING_VARIANT", "int8")).build().start();
        platform.events().subscribe("agent-end-to-end-test", events::add);
        String key = platform.settings().get("AGENT_API_KEY").orElseThrow();
        local = new AgentClient(platform.baseUrl(),
                Map.of("Ocp-Apim-Subscription-Key", platform.developmentKey().orElseThrow()));
        local.loadContract();
        tenantA = local.as(key, "alice", "tenant-a", "admin");
        tenantB = local.as(key, "bob", "tenant-b", "");
        shop = DemoDataset.generate(LocalDate.now(ZoneOffset.UTC));
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    @Order(1)
    void should_seed_the_demo_shop_for_admins_only() {
        var seeded = local.send("POST", "/api/v1/agent/admin/seed", null);
        assertThat(seeded.statusCode()).as(seeded.body()).isEqualTo(200);
        JsonNode body = AgentClient.json(seeded);
        assertThat(body.get("tenantId").asText()).isEqualTo("local");
        assertThat(body.get("customers").asInt()).isEqualTo(shop.customers().size());
        assertThat(body.get("orders").asInt()).isEqualTo(shop.orders().size());
        assertThat(body.get("knowledgeDocuments").asInt()).isEqualTo(3);
        assertThat(tenantA.send("POST", "/api/v1/agent/admin/seed", null).statusCode()).isEqualTo(200);
        var refused = tenantB.send("POST", "/api/v1/agent/admin/seed", null);
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void should_hold_a_multi_turn_conversation_that_uses_every_tool() {
        var order = shop.orders().get(0);
        String id = local.createConversation();
        conversationIds.add(id);

        JsonNode status = local.say(id, "Where is my order " + order.orderNumber() + "? Has it shipped yet?");
        assertTool(status, "get_order_status");
        assertThat(status.get("generator").asText()).isEqualTo("extractive-offline");
        assertThat(status.get("reply").asText()).startsWith("[Offline fallback").contains(order.orderNumber())
                .contains(order.status());

        JsonNode orders = local.say(id, "Which orders has " + order.customerEmail() + " placed?");
        assertTool(orders, "find_customer_orders");
        shop.orders().stream().filter(o -> o.customerEmail().equals(order.customerEmail()))
                .forEach(o -> assertThat(orders.get("reply").asText()).contains(o.orderNumber()));

        JsonNode refund = local.say(id, "How long do refunds take?");
        assertTool(refund, "search_knowledge_base");
        assertThat(refund.get("reply").asText()).contains("five business days").containsPattern("\\[\\d]")
                .doesNotContain("three to six days");
        assertThat(refund.get("citations")).anySatisfy(c ->
                assertThat(c.get("documentId").asText()).isEqualTo("returns-policy"));

        JsonNode ticket = local.say(id, "It arrived broken, please open a ticket");
        assertTool(ticket, "create_ticket");
        assertThat(ticket.get("toolCalls").get(0).get("arguments").get("orderNumber").asText()).isEqualTo(order.orderNumber());
        String ticketId = ticket.get("reply").asText().replaceAll("(?s).*(TCK-[0-9A-F]{8}).*", "$1");
        assertThat(ticketId).matches("TCK-[0-9A-F]{8}");

        JsonNode noted = local.say(id, "Add a note to my ticket");
        assertTool(noted, "update_ticket");
        assertThat(noted.get("toolCalls").get(0).get("arguments").get("ticketId").asText()).isEqualTo(ticketId);

        JsonNode resolved = local.say(id, "Please mark ticket " + ticketId + " as resolved");
        assertTool(resolved, "update_ticket");
        assertThat(resolved.get("reply").asText()).contains(ticketId + " is resolved");

        JsonNode human = local.say(id, "I want to talk to a real person");
        assertTool(human, "handover_to_human");
        assertThat(human.get("escalated").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e ->
                e.type().equals("AiPlatform.Agent.ConversationEscalated")
                        && e.data().get("conversationId").asText().equals(id)
                        && e.data().get("tenantId").asText().equals("local")));

        JsonNode history = AgentClient.json(local.send("GET", "/api/v1/agent/conversations/" + id, null));
        assertThat(history.get("status").asText()).isEqualTo("escalated");
        assertThat(history.get("messages")).hasSize(7 * 4);
        for (int i = 0; i < 28; i++) {
            JsonNode message = history.get("messages").get(i);
            assertThat(message.get("turn").asInt()).isEqualTo(i / 4 + 1);
            assertThat(message.get("role").asText()).isEqualTo(List.of("user", "assistant", "tool", "assistant").get(i % 4));
        }
    }

    @Test
    @Order(3)
    void should_never_lose_or_interleave_messages_when_they_arrive_at_once() throws Exception {
        String id = local.createConversation();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            texts.add("Where is my order " + shop.orders().get(i).orderNumber() + "?");
        }
        ExecutorService pool = Executors.newFixedThreadPool(texts.size());
        CountDownLatch gate = new CountDownLatch(1);
        Map<String, Future<HttpResponse<String>>> sent = new LinkedHashMap<>();
        for (String text : texts) {
            sent.put(text, pool.submit(() -> {
                gate.await();
                return local.send("POST", "/api/v1/agent/conversations/" + id + "/messages", Map.of("text", text));
            }));
        }
        gate.countDown();
        List<String> refused = new ArrayList<>();
        int answered = 0;
        for (var entry : sent.entrySet()) {
            HttpResponse<String> response = entry.getValue().get(60, TimeUnit.SECONDS);
            if (response.statusCode() == 409) {
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(AgentClient.json(response).get("type").asText()).endsWith("turn-in-progress");
                refused.add(entry.getKey());
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                answered++;
            }
        }
        pool.shutdown();
        assertThat(answered).isPositive();
        assertWholeTurns(id, answered);
        for (String text : refused) {
            local.say(id, text);
        }
        List<String> asked = assertWholeTurns(id, texts.size());
        assertThat(asked).containsExactlyInAnyOrderElementsOf(texts);
    }

    @Test
    @Order(4)
    void should_keep_tenants_apart_and_meter_every_model_call_of_a_conversation() {
        String aliceConversation = tenantA.createConversation();
        JsonNode reply = tenantA.say(aliceConversation, "Where is my order " + shop.orders().get(0).orderNumber() + "?");
        assertThat(reply.get("toolCalls").get(0).get("status").asText()).isEqualTo("ok");

        for (String method : List.of("GET", "DELETE")) {
            assertThat(tenantB.send(method, "/api/v1/agent/conversations/" + aliceConversation, null).statusCode())
                    .isEqualTo(404);
        }
        assertThat(tenantB.send("POST", "/api/v1/agent/conversations/" + aliceConversation + "/messages",
                Map.of("text", "hello")).statusCode()).isEqualTo(404);
        assertThat(local.send("GET", "/api/v1/agent/conversations/" + aliceConversation, null).statusCode()).isEqualTo(404);
        assertThat(tenantA.send("GET", "/api/v1/agent/conversations/" + conversationIds.get(0), null).statusCode())
                .isEqualTo(404);

        String bobConversation = tenantB.createConversation();
        JsonNode bobOrder = tenantB.say(bobConversation, "Where is my order " + shop.orders().get(0).orderNumber() + "?");
        assertThat(bobOrder.get("toolCalls").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(bobOrder.get("reply").asText()).contains("No order");
        JsonNode bobPolicy = tenantB.say(bobConversation, "How long does a refund take to reach my card?");
        assertThat(bobPolicy.get("citations")).isEmpty();

        int modelCalls = reply.get("usage").get("modelCalls").asInt();
        assertThat(modelCalls).isEqualTo(2);
        // Usage records travel through the queue to the platform app's ledger, which reports them per conversation.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var report = tenantA.send("GET", "/api/v1/platform/usage?groupBy=conversation", null);
            assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
            JsonNode body = AgentClient.json(report);
            assertThat(body.get("tenantId").asText()).isEqualTo("tenant-a");
            assertThat(body.get("groups")).filteredOn(g -> g.get("key").asText().equals(aliceConversation))
                    .singleElement().satisfies(g -> assertThat(g.get("totals").get("calls").asInt()).isEqualTo(modelCalls));
        });
    }

    @Test
    @Order(5)
    void should_refuse_bad_input_with_problem_json_and_never_5xx() {
        String id = local.createConversation();
        String messages = "/api/v1/agent/conversations/" + id + "/messages";
        String unknown = "/api/v1/agent/conversations/00000000-0000-4000-8000-000000000000";
        Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
        responses.put("malformed json 400", local.sendRaw("POST", messages, "application/json", "{\"text\":".getBytes()));
        responses.put("unknown field 400", local.send("POST", messages, Map.of("text", "hi", "mood", "angry")));
        responses.put("empty body 400", local.sendRaw("POST", messages, "application/json", new byte[0]));
        responses.put("blank text 400", local.send("POST", messages, Map.of("text", "   ")));
        responses.put("text not a string 400", local.send("POST", messages, Map.of("text", List.of(1, 2))));
        responses.put("text too long 400", local.send("POST", messages, Map.of("text", "word ".repeat(1000))));
        responses.put("body too large 413", local.send("POST", messages, Map.of("text", "x".repeat(70_000))));
        responses.put("text/plain 415", local.sendRaw("POST", messages, "text/plain", "hello".getBytes()));
        responses.put("bad id 400", local.send("GET", "/api/v1/agent/conversations/not-a-uuid", null));
        responses.put("bad id message 400", local.send("POST", "/api/v1/agent/conversations/a%23b/messages", Map.of("text", "hi")));
        responses.put("unknown get 404", local.send("GET", unknown, null));
        responses.put("unknown delete 404", local.send("DELETE", unknown, null));
        responses.put("unknown message 404", local.send("POST", unknown + "/messages", Map.of("text", "hi")));

        responses.forEach((name, response) -> {
            int expected = Integer.parseInt(name.substring(name.length() - 3));
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(expected);
            assertThat(response.headers().firstValue("Content-Type")).as(name).contains("application/problem+json");
            JsonNode problem = AgentClient.json(response);
            assertThat(problem.get("status").asInt()).as(name).isEqualTo(expected);
            assertThat(response.body()).as(name).doesNotContain("Exception").doesNotContain("\tat ");
        });
        assertThat(local.send("PUT", messages, Map.of("text", "hi")).statusCode()).isEqualTo(405);
        JsonNode history = AgentClient.json(local.send("GET", "/api/v1/agent/conversations/" + id, null));
        assertThat(history.get("messages")).isEmpty();
    }

    @Test
    @Order(6)
    void should_remove_a_conversation_when_deleted() {
        String id = conversationIds.get(0);
        assertThat(local.send("DELETE", "/api/v1/agent/conversations/" + id, null).statusCode()).isEqualTo(204);
        assertThat(local.send("GET", "/api/v1/agent/conversations/" + id, null).statusCode()).isEqualTo(404);
        assertThat(local.send("DELETE", "/api/v1/agent/conversations/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void should_answer_a_retried_message_once_when_the_client_gives_a_message_id() {
        String id = local.createConversation();
        String path = "/api/v1/agent/conversations/" + id + "/messages";
        Map<String, String> message = Map.of("text", "What does express delivery cost?", "messageId", "retry-1");
        JsonNode first = AgentClient.json(local.send("POST", path, message));
        JsonNode again = AgentClient.json(local.send("POST", path, message));

        assertThat(first.get("replayed").asBoolean()).isFalse();
        assertThat(again.get("replayed").asBoolean()).isTrue();
        assertThat(again.get("reply")).isEqualTo(first.get("reply"));
        assertThat(again.get("citations")).isEqualTo(first.get("citations"));
        assertThat(again.get("toolCalls").get(0).get("summary")).isEqualTo(first.get("toolCalls").get(0).get("summary"));
        assertThat(AgentClient.json(local.send("GET", "/api/v1/agent/conversations/" + id, null)).get("messages")).hasSize(4);
    }

    private static void assertTool(JsonNode reply, String tool) {
        assertThat(reply.get("toolCalls")).as(reply.toString()).hasSize(1);
        assertThat(reply.get("toolCalls").get(0).get("name").asText()).as(reply.toString()).isEqualTo(tool);
        assertThat(reply.get("toolCalls").get(0).get("status").asText()).as(reply.toString()).isEqualTo("ok");
    }

    /** Every stored turn is whole and in order, and answers its own message; returns the messages asked. */
    private List<String> assertWholeTurns(String id, int turns) {
        JsonNode messages = AgentClient.json(local.send("GET", "/api/v1/agent/conversations/" + id, null)).get("messages");
        assertThat(messages).hasSize(turns * 4);
        List<String> asked = new ArrayList<>();
        for (int t = 0; t < turns; t++) {
            JsonNode user = messages.get(t * 4);
            assertThat(user.get("role").asText()).isEqualTo("user");
            String orderNumber = user.get("content").asText().replaceAll(".*(ORD-\\d{5}).*", "$1");
            for (int k = 1; k < 4; k++) {
                assertThat(messages.get(t * 4 + k).get("turn").asLong()).isEqualTo(user.get("turn").asLong());
            }
            assertThat(messages.get(t * 4 + 2).get("content").asText()).contains(orderNumber);
            assertThat(messages.get(t * 4 + 3).get("content").asText()).contains(orderNumber);
            asked.add(user.get("content").asText());
        }
        return asked;
    }
}
