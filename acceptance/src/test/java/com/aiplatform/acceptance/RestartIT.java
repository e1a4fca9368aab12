package com.aiplatform.acceptance;

import com.aiplatform.acceptance.AcceptancePlatform.Suite;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the platform and starting it again on the same data folder, as a user's Ctrl-C and
 * {@code ./platform start} do, keeps documents (records, originals and the vector index), conversations,
 * research tasks with their reports, assistant files, and the consumers' keys.
 */
@Order(6)
@ExtendWith(AcceptancePlatform.class)
class RestartIT {

    @Test
    void should_keep_documents_conversations_tasks_files_and_keys_when_started_again_on_the_same_folder(Suite suite) {
        Api shop = suite.shop();
        ResearchIT.ingest(shop, "rs-lockers", "Lockers", "Lockers at the station hold parcels for ten days.");
        String conversationId = shop.post("/api/v1/agent/conversations", null).json().get("conversationId").asText();
        Api.Response turn = shop.post("/api/v1/agent/conversations/" + conversationId + "/messages",
                Map.of("text", "How long do lockers hold parcels?"));
        assertThat(turn.status()).as(turn.toString()).isEqualTo(200);
        String taskId = shop.post(ResearchIT.TASKS, Map.of("question", "How long do station lockers hold parcels?",
                "maxSubquestions", 2)).json().get("id").asText();
        JsonNode task = ResearchIT.awaitTerminal(shop, taskId);
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("completed");
        String fileId = AssistantIT.upload(shop, "lockers.txt", "text/plain",
                "Locker codes are sent by text message.".getBytes(StandardCharsets.UTF_8));
        AssistantIT.awaitReady(shop, fileId);
        JsonNode conversation = shop.get("/api/v1/agent/conversations/" + conversationId).json();
        String oldBaseUrl = suite.baseUrl();

        suite.restart();

        assertThat(suite.baseUrl()).isNotEqualTo(oldBaseUrl);
        JsonNode document = shop.get("/api/v1/knowledge/documents/rs-lockers").json();
        assertThat(document.get("documentId").asText()).isEqualTo("rs-lockers");
        JsonNode hits = shop.post("/api/v1/knowledge/search", Map.of("query", "station lockers parcels", "topK", 3))
                .json().get("results");
        assertThat(hits.get(0).get("documentId").asText()).as(hits.toString()).isEqualTo("rs-lockers");
        assertThat(shop.get("/api/v1/agent/conversations/" + conversationId).json().get("messages"))
                .isEqualTo(conversation.get("messages"));
        JsonNode again = shop.get(ResearchIT.TASKS + "/" + taskId).json();
        assertThat(again.get("status").asText()).isEqualTo("completed");
        assertThat(again.get("report")).isEqualTo(task.get("report"));
        JsonNode file = shop.get(AssistantIT.FILES + "/" + fileId).json();
        assertThat(file.get("status").asText()).isEqualTo("ready");
        Api.Response answer = shop.post(AssistantIT.FILES + "/" + fileId + "/ask", Map.of("question", "How are locker codes sent?"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("answer").asText()).contains("text message");
        Api.Response content = shop.get(AssistantIT.FILES + "/" + fileId + "/content");
        assertThat(content.text()).isEqualTo("Locker codes are sent by text message.");
        Api.Response turnAfter = shop.post("/api/v1/agent/conversations/" + conversationId + "/messages",
                Map.of("text", "Which orders has nobody@example.com placed?"));
        assertThat(turnAfter.status()).as("the conversation goes on: " + turnAfter).isEqualTo(200);
        assertThat(turnAfter.json().get("turn").asInt()).isEqualTo(2);
    }
}
