package com.aiplatform.llm.chat;

import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.Generator;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.usage.Usage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatWireTest {

    private final ChatWire wire = new ChatWire(512, 4096);

    @Test
    void should_read_messages_tool_calls_and_tool_results_when_the_request_is_a_tool_round_trip() {
        ChatCall call = wire.parse(Json.tree("""
                {"model":"extractive-offline","stream":true,"stream_options":{"include_usage":true},
                 "tools":[{"type":"function","function":{"name":"order_status","parameters":{"type":"object"}}}],
                 "messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":"Where is order 7?"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                    "function":{"name":"order_status","arguments":"{\\"id\\":7}"}}]},
                  {"role":"tool","tool_call_id":"c1","content":"Order 7 shipped on Monday."}]}"""));

        assertThat(call.stream()).isTrue();
        assertThat(call.includeUsage()).isTrue();
        assertThat(call.request().maxOutputTokens()).isEqualTo(512);
        assertThat(call.request().tools()).extracting(t -> t.name()).containsExactly("order_status");
        assertThat(call.request().messages()).extracting(ChatMessage::role).containsExactly(ChatMessage.Role.SYSTEM,
                ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT, ChatMessage.Role.TOOL);
        assertThat(call.request().messages().get(2).toolCalls()).containsExactly(new ToolCall("c1", "order_status",
                "{\"id\":7}"));
    }

    @Test
    void should_refuse_naming_the_field_when_a_json_schema_or_a_forced_tool_is_asked_for() {
        assertThatThrownBy(() -> wire.parse(Json.tree("""
                {"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema"}}""")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problem().extensions()).containsEntry("param", "response_format");
                });
        assertThatThrownBy(() -> wire.parse(Json.tree("""
                {"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":"required"}""")))
                .isInstanceOfSatisfying(ProblemException.class, e ->
                        assertThat(e.problem().extensions()).containsEntry("param", "tool_choice"));
        assertThatThrownBy(() -> wire.parse(Json.tree("{\"model\":\"m\",\"messages\":[]}")))
                .isInstanceOfSatisfying(ProblemException.class, e ->
                        assertThat(e.problem().extensions()).containsEntry("param", "messages"));
    }

    @Test
    void should_end_the_stream_with_done_and_carry_usage_last_when_usage_is_asked_for() {
        var response = new ChatResponse("Order 7 shipped on Monday [1].", List.of(), List.of(1),
                Generator.EXTRACTIVE_OFFLINE, new Usage("extractive-offline", 20, 8), "stop");

        String events = CompletionView.stream("chatcmpl-1", 1, response, ChatCall.ResponseFormat.TEXT, true);

        assertThat(events).startsWith("data: {").endsWith("data: [DONE]\n\n");
        assertThat(events).contains("\"finish_reason\":\"stop\"").contains("\"total_tokens\":28")
                .contains("\"generator\":\"extractive-offline\"");
        assertThat(CompletionView.content(response, ChatCall.ResponseFormat.JSON_OBJECT))
                .isEqualTo("{\"answer\":\"Order 7 shipped on Monday [1].\",\"generator\":\"extractive-offline\"}");
    }
}
