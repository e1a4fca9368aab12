package com.aiplatform.agent.conversation;

import com.aiplatform.agent.AgentTestKit;
import com.aiplatform.agent.FakeKnowledgeBase;
import com.aiplatform.agent.support.DemoDataset;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.llm.openai.http.OpenAiHttpLlmClient;
import com.aiplatform.shared.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import static com.aiplatform.agent.AgentTestKit.ALICE;
import static com.aiplatform.agent.AgentTestKit.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent through the OpenAI adapter its package runs (the JDK HttpClient one: the agent carries no openai-java)
 * against a local stand-in for Azure OpenAI's v1 API: the model asks for a tool, the agent runs it and sends the
 * result back as a tool message.
 */
class OpenAiToolCallingTest {

    private final Deque<String> replies = new ConcurrentLinkedDeque<>();
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server = start();

    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/", exchange -> {
                try (exchange) {
                    requests.add(Json.tree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                    byte[] body = replies.isEmpty() ? "{}".getBytes(StandardCharsets.UTF_8)
                            : replies.poll().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("content-type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String completion(String content, String toolName, String arguments) {
        ObjectNode completion = Json.mapper().createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("created", 1767225600L).put("model", "gpt-4o-mini");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0)
                .put("finish_reason", toolName == null ? "stop" : "tool_calls");
        choice.putNull("logprobs");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (content == null) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        if (toolName != null) {
            ObjectNode call = message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function");
            call.putObject("function").put("name", toolName).put("arguments", arguments);
        }
        completion.putObject("usage").put("prompt_tokens", 300).put("completion_tokens", 20).put("total_tokens", 320);
        return completion.toString();
    }

    @Test
    void should_run_the_tool_the_model_asks_for_and_send_the_result_back_when_using_azure_openai() {
        var settings = OpenAiSettings.from(Settings.of(Map.of("AZURE_OPENAI_ENDPOINT", "http://127.0.0.1:"
                + server.getAddress().getPort(), "AZURE_OPENAI_API_KEY", "test-key", "AZURE_OPENAI_CHAT_DEPLOYMENT", "gpt-4o-mini")));
        var llm = new OpenAiHttpLlmClient(HttpClient.newHttpClient(), settings, null, Clock.systemUTC());
        var kit = new AgentTestKit(llm, new FakeKnowledgeBase(), Clock.systemUTC(), Map.of());
        kit.services.seed().seed(ALICE);
        var order = DemoDataset.generate(LocalDate.now(ZoneOffset.UTC)).orders().get(0);
        replies.add(completion(null, "get_order_status", "{\"orderNumber\":\"" + order.orderNumber() + "\"}"));
        replies.add(completion("Your order is " + order.status() + ".", null, null));

        var conversation = kit.services.conversations().create(call(ALICE)).conversationId();
        var reply = kit.services.conversations().send(call(ALICE), conversation,
                new MessageRequest("Where is " + order.orderNumber() + "?"));

        assertThat(reply.reply()).isEqualTo("Your order is " + order.status() + ".");
        assertThat(reply.generator()).isEqualTo("model");
        assertThat(reply.toolCalls()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("ok"));
        assertThat(reply.usage().inputTokens()).isEqualTo(600);

        JsonNode first = requests.get(0);
        assertThat(first.path("tools")).hasSize(6);
        JsonNode statusTool = findTool(first, "get_order_status");
        assertThat(statusTool.path("function").path("parameters").path("required").get(0).asText()).isEqualTo("orderNumber");

        JsonNode messages = requests.get(1).path("messages");
        JsonNode assistant = messages.get(messages.size() - 2);
        JsonNode tool = messages.get(messages.size() - 1);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("tool_calls").get(0).path("id").asText()).isEqualTo("call_1");
        assertThat(tool.path("role").asText()).isEqualTo("tool");
        assertThat(tool.path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(Json.tree(tool.path("content").asText()).path("status").asText()).isEqualTo(order.status());
        assertThat(kit.usage.records()).hasSize(2).allSatisfy(r -> assertThat(r.model()).isEqualTo("gpt-4o-mini"));
    }

    private static JsonNode findTool(JsonNode request, String name) {
        for (JsonNode tool : request.path("tools")) {
            if (tool.path("function").path("name").asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("No tool " + name + " in " + request.path("tools"));
    }
}
