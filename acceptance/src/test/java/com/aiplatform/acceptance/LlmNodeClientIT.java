package com.aiplatform.acceptance;

import com.aiplatform.acceptance.AcceptancePlatform.Suite;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.assertj.core.data.Offset;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model endpoint through the gateway, driven by the official openai npm client (tools/openai-node/journey.mjs)
 * with nothing set but the base URL and a key: models, chat, a tool round trip, embeddings, streaming and a
 * budget refusal, checked here from what the script saw.
 */
@Order(4)
@ExtendWith(AcceptancePlatform.class)
class LlmNodeClientIT {

    @Test
    void should_serve_the_official_node_client_chat_tools_embeddings_streaming_and_a_402(Suite suite) throws Exception {
        String key = consumer(suite, "llm-node-app", AcceptancePlatform.TENANT);
        String frugalKey = consumer(suite, "llm-node-frugal", AcceptancePlatform.BUDGET_TENANT);
        Api.Response set = suite.admin().withKey(frugalKey).put("/api/v1/platform/budgets/consumer/llm-node-frugal",
                Map.of("limitUsd", 0.000001, "period", "month"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);

        JsonNode seen = Api.JSON.readTree(OpenAiNode.journey(Map.of("AIP_BASE_URL", suite.baseUrl() + "/api/v1/llm/v1",
                "AIP_KEY", key, "AIP_FRUGAL_KEY", frugalKey)));

        assertThat(seen.get("models").findValuesAsText("id")).containsExactlyInAnyOrder("extractive-offline",
                "all-minilm-l6-v2");
        assertThat(seen.get("models").findValuesAsText("ownedBy")).containsExactlyInAnyOrder("extractive-offline",
                "bundled-onnx");
        JsonNode chat = seen.get("chat");
        assertThat(chat.get("content").asText()).contains("Refunds reach the card within five business days.")
                .doesNotContain("Gift cards");
        assertThat(chat.get("usage").get("total_tokens").asInt()).isEqualTo(
                chat.get("usage").get("prompt_tokens").asInt() + chat.get("usage").get("completion_tokens").asInt());
        assertThat(seen.get("tool").get("content").asText())
                .contains("Order 7 left the warehouse on Monday and arrives on Thursday.");
        JsonNode embeddings = seen.get("embeddings");
        assertThat(embeddings.get("count").asInt()).isEqualTo(2);
        assertThat(embeddings.get("dimensions").asInt()).isEqualTo(384);
        assertThat(embeddings.get("norm").asDouble()).isCloseTo(1.0, Offset.offset(1e-3));
        JsonNode stream = seen.get("stream");
        assertThat(stream.get("chunks").asInt()).isGreaterThan(2);
        assertThat(stream.get("content").asText()).isEqualTo(chat.get("content").asText());
        assertThat(stream.get("finishReason").asText()).isEqualTo("stop");
        assertThat(stream.get("usage").get("prompt_tokens").asInt()).isEqualTo(chat.get("usage").get("prompt_tokens").asInt());
        JsonNode refusal = seen.get("refusal");
        assertThat(refusal.get("status").asInt()).as(refusal.toString()).isEqualTo(402);
        assertThat(refusal.get("type").asText()).isEqualTo("insufficient_quota");
        assertThat(refusal.get("code").asText()).isEqualTo("budget_exceeded");
        assertThat(refusal.get("message").asText()).contains("USD left");
        assertThat(refusal.get("remaining").asText()).isNotBlank();
    }

    private static String consumer(Suite suite, String consumerId, String tenantId) {
        Api.Response created = suite.admin().post("/api/v1/platform/consumers", Map.of("consumerId", consumerId,
                "tenantId", tenantId, "product", "standard", "roles", List.of("admin")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("key").asText();
    }
}
