package com.aiplatform.agent.offline;

import com.aiplatform.agent.AgentTestKit;
import com.aiplatform.agent.support.DemoDataset;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.llm.ToolSpec;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline fallback with the real bundled model (int8): routing, arguments by pattern, replies. */
class OfflineAgentLlmClientTest {

    private final OfflineAgentLlmClient client = new OfflineAgentLlmClient(AgentTestKit.EMBEDDER, AgentTestKit.EMBEDDER);
    private final List<ToolSpec> tools = AgentTestKit.toolSpecs();

    private ChatResponse ask(String... userMessages) {
        List<ChatMessage> messages = new java.util.ArrayList<>();
        messages.add(ChatMessage.system("You are the support agent."));
        for (String message : userMessages) {
            messages.add(ChatMessage.user(message));
        }
        return client.chat(new ChatRequest(messages, List.of(), tools, 300, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Where is my order ORD-10001? Has it shipped yet?|get_order_status",
            "When will parcel ORD-10004 arrive?|get_order_status",
            "Which orders has ada.lovelace@example.com placed?|find_customer_orders",
            "Can you show me all my purchases? My e-mail is grace.hopper@example.com|find_customer_orders",
            "How long does a refund take to reach my card?|search_knowledge_base",
            "How long is the warranty on an espresso machine?|search_knowledge_base",
            "What does express delivery cost?|search_knowledge_base",
            "My grinder from ORD-10002 arrived broken, please open a ticket|create_ticket",
            "The kettle I received is damaged and I want this fixed|create_ticket",
            "Please mark ticket TCK-1A2B3C4D as resolved|update_ticket",
            "Add a note to ticket TCK-1A2B3C4D: the customer sent photos|update_ticket",
            "I want to talk to a real person|handover_to_human",
            "This is useless, get me a human manager now|handover_to_human",
            "What is the delivery status of ORD-10003?|get_order_status",
            "Can you list everything I bought? My e-mail is ada.lovelace@example.com|find_customer_orders",
            "Show the purchases on the account grace.hopper@example.com|find_customer_orders",
            "How long is the warranty on a grinder?|search_knowledge_base",
            "Close ticket TCK-0000BBBB, it is solved|update_ticket",
            "Can a member of your staff call me back?|handover_to_human",
            "What is the status of ORD-10002?|get_order_status",
            "the status of ORD-10002?|get_order_status",
            "How long do refunds take?|search_knowledge_base"})
    void should_pick_the_tool_whose_description_matches_when_asked_in_plain_words(String message, String tool) {
        ChatResponse response = ask(message);
        assertThat(response.toolCalls()).as(message + " -> " + response.text()).hasSize(1);
        assertThat(response.toolCalls().get(0).name()).as(message).isEqualTo(tool);
        assertThat(response.generator()).isEqualTo(Generator.EXTRACTIVE_OFFLINE);
    }

    @Test
    void should_extract_identifiers_by_pattern_when_they_are_in_the_message() {
        JsonNode status = Json.tree(ask("Where is my order ORD-10001? Has it shipped yet?").toolCalls().get(0).argumentsJson());
        assertThat(status.get("orderNumber").asText()).isEqualTo("ORD-10001");
        JsonNode orders = Json.tree(ask("Which orders has ada.lovelace@example.com placed?").toolCalls().get(0).argumentsJson());
        assertThat(orders.get("email").asText()).isEqualTo("ada.lovelace@example.com");
        JsonNode update = Json.tree(ask("Please mark ticket TCK-1A2B3C4D as resolved").toolCalls().get(0).argumentsJson());
        assertThat(update.get("ticketId").asText()).isEqualTo("TCK-1A2B3C4D");
        assertThat(update.get("status").asText()).isEqualTo("resolved");
        assertThat(update.has("note")).isFalse();
    }

    @Test
    void should_take_an_identifier_from_an_earlier_message_when_the_new_one_refers_to_it() {
        ChatResponse response = ask("Where is my order ORD-10002?", "It arrived broken, please open a ticket");
        ToolCall call = response.toolCalls().get(0);
        assertThat(call.name()).isEqualTo("create_ticket");
        JsonNode arguments = Json.tree(call.argumentsJson());
        assertThat(arguments.get("orderNumber").asText()).isEqualTo("ORD-10002");
        assertThat(arguments.get("description").asText()).isEqualTo("It arrived broken, please open a ticket");
    }

    @Test
    void should_take_the_ticket_id_from_the_previous_turn_when_the_customer_says_my_ticket() {
        ChatResponse response = client.chat(new ChatRequest(withTicketTurn(
                "{\"ticketId\":\"TCK-1A2B3C4D\",\"status\":\"open\",\"summary\":\"Opened ticket TCK-1A2B3C4D\"}",
                "Opened ticket TCK-1A2B3C4D.", "Add a note to my ticket: I sent photos of the box"),
                List.of(), tools, 300, 0));

        ToolCall call = response.toolCalls().get(0);
        assertThat(call.name()).isEqualTo("update_ticket");
        JsonNode arguments = Json.tree(call.argumentsJson());
        assertThat(arguments.get("ticketId").asText()).isEqualTo("TCK-1A2B3C4D");
        assertThat(arguments.get("note").asText()).contains("photos");
    }

    @Test
    void should_ask_for_the_ticket_id_when_the_earlier_turn_named_more_than_one() {
        ChatResponse response = client.chat(new ChatRequest(withTicketTurn(
                "{\"summary\":\"Open tickets: TCK-1A2B3C4D and TCK-0000BBBB\"}",
                "You have two open tickets.", "Add a note to my ticket"), List.of(), tools, 300, 0));

        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.text()).contains("update_ticket").contains("ticketId");
    }

    private static List<ChatMessage> withTicketTurn(String toolResult, String reply, String next) {
        var call = new ToolCall("c1", "create_ticket", "{\"subject\":\"Damaged kettle\",\"description\":\"broken\"}");
        return List.of(ChatMessage.system("You are the support agent."),
                ChatMessage.user("My kettle arrived damaged, please open a ticket"),
                ChatMessage.assistant("", List.of(call)), ChatMessage.tool("c1", toolResult),
                ChatMessage.assistant(reply, List.of()), ChatMessage.user(next));
    }

    @Test
    void should_answer_from_the_refunds_passage_and_not_quote_shipping_times_when_asked_how_long_refunds_take() {
        var call = new ToolCall("c1", "search_knowledge_base", "{\"query\":\"How long do refunds take?\"}");
        var passages = Json.mapper().createObjectNode();
        var list = passages.putArray("passages");
        int number = 1;
        for (var policy : DemoDataset.policies()) {
            list.addObject().put("number", number++).put("title", policy.title()).put("documentId", policy.id())
                    .put("text", policy.text());
        }
        ChatResponse response = client.chat(new ChatRequest(List.of(ChatMessage.user("How long do refunds take?"),
                ChatMessage.assistant("", List.of(call)), ChatMessage.tool("c1", passages.toString())),
                List.of(), tools, 300, 0));

        assertThat(response.text()).contains("Refunds are paid to the original card within five business days")
                .doesNotContain("three to six days").doesNotContain("[2]");
        assertThat(response.citations()).containsExactly(1);
    }

    @Test
    void should_ask_for_the_missing_identifier_and_say_it_is_the_fallback_when_none_is_given() {
        ChatResponse response = ask("Where is my order? Has it shipped yet?");
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.text()).startsWith("[Offline fallback").contains("get_order_status").contains("orderNumber");
    }

    @Test
    void should_write_the_reply_from_tool_results_with_citations_when_a_search_ran() {
        var call = new ToolCall("c1", "search_knowledge_base", "{\"query\":\"refund\"}");
        String result = """
                {"passages":[{"number":1,"title":"Returns","documentId":"returns","text":"Refunds are paid to the original card within five business days. Items can be returned within 30 days."},
                             {"number":2,"title":"Shipping","documentId":"shipping","text":"Express delivery costs twelve euros."}],
                 "summary":"Found 2 passages"}""";
        ChatResponse response = client.chat(new ChatRequest(List.of(ChatMessage.user("How long do refunds take?"),
                ChatMessage.assistant("", List.of(call)), ChatMessage.tool("c1", result)), List.of(), tools, 300, 0));
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.text()).startsWith(OfflineReplies.PREFIX).contains("within five business days. [1]");
        assertThat(response.citations()).containsExactly(1);
        assertThat(response.usage().model()).isEqualTo(OfflineAgentLlmClient.MODEL_NAME);
        assertThat(response.usage().inputTokens()).isPositive();
    }

    @Test
    void should_relay_a_tools_error_in_the_reply_when_the_tool_failed() {
        var call = new ToolCall("c1", "get_order_status", "{\"orderNumber\":\"ORD-99999\"}");
        ChatResponse response = client.chat(new ChatRequest(List.of(ChatMessage.user("Where is ORD-99999?"),
                ChatMessage.assistant("", List.of(call)), ChatMessage.tool("c1", "{\"error\":\"No order ORD-99999 was found\"}")),
                List.of(), tools, 300, 0));
        assertThat(response.text()).contains("get_order_status could not help: No order ORD-99999 was found");
    }

    @Test
    void should_say_it_cannot_help_when_nothing_matches() {
        ChatResponse response = ask("Quantum chromodynamics lattice gauge symmetry");
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.text()).startsWith("[Offline fallback").contains("does not match");
    }
}
