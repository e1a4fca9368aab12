package com.aiplatform.acceptance;

import com.aiplatform.acceptance.AcceptancePlatform.Suite;
import com.aiplatform.shared.event.PlatformEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ingestion off the request path on the default composition: a document too large for the request is queued
 * (202 and a status location), worked by the knowledge app's queue function, then searchable and announced;
 * a batch gives each document its own ingestion; bad input is refused before anything is queued; another
 * tenant cannot read an ingestion's status.
 */
@Order(8)
@ExtendWith(AcceptancePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeIngestionIT {

    private static final String DOCUMENTS = "/api/v1/knowledge/documents";
    private static final String INGESTIONS = "/api/v1/knowledge/ingestions";
    private static final Duration WORK = Duration.ofMinutes(8);

    private Suite suite;
    private Api shop;

    @BeforeAll
    void connect(Suite suite) {
        this.suite = suite;
        this.shop = suite.shop();
    }

    /** About 136 KB of distinct sections, twice the synchronous limit; one says where the lighthouse lens is. */
    private static String manual() {
        return IntStream.range(0, 1200).mapToObj(i -> i == 777
                ? "The spare lighthouse lens is kept in the copper cabinet behind depot seven."
                : "Section " + i + ". Depot " + i + " ships parcels to district " + i + " within " + (i % 9 + 1)
                        + " days and answers questions about consignment " + i + ".")
                .collect(Collectors.joining("\n\n"));
    }

    @Test
    void should_queue_a_large_document_then_index_it_and_announce_it_when_posted() {
        byte[] body = manual().getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(2 * 64 * 1024);

        Api.Response accepted = shop.send("POST", DOCUMENTS + "?documentId=ops-manual&title=Operations%20manual",
                "text/plain", body, Map.of());

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String location = accepted.raw().headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(INGESTIONS + "/ing-");
        assertThat(accepted.json().get("documentId").asText()).isEqualTo("ops-manual");
        assertThat(accepted.json().get("state").asText()).isEqualTo("queued");

        JsonNode done = await().atMost(WORK).pollInterval(Duration.ofMillis(500))
                .until(() -> shop.get(location).json(), status -> status.get("state").asText().equals("done"));
        JsonNode progress = done.get("progress");
        assertThat(progress.get("extracted").asBoolean()).isTrue();
        assertThat(progress.get("characters").asInt()).isGreaterThan(120_000);
        assertThat(progress.get("chunksTotal").asInt()).isGreaterThan(64);
        assertThat(progress.get("chunksEmbedded").asInt()).isEqualTo(progress.get("chunksTotal").asInt());
        assertThat(done.get("outcome").asText()).isEqualTo("created");
        assertThat(shop.get(done.get("document").asText()).json().get("chunkCount").asInt())
                .isEqualTo(progress.get("chunksTotal").asInt());

        JsonNode results = shop.post("/api/v1/knowledge/search", Map.of("query", "where is the spare lighthouse lens kept",
                "topK", 3)).json().get("results");
        assertThat(results).isNotEmpty();
        assertThat(results.get(0).get("documentId").asText()).isEqualTo("ops-manual");
        assertThat(results.get(0).get("text").asText()).contains("copper cabinet");
        await().atMost(Duration.ofSeconds(30)).until(() -> ingestedEvent("ops-manual") != null);
        assertThat(ingestedEvent("ops-manual").data().get("chunkCount").asInt())
                .isEqualTo(progress.get("chunksTotal").asInt());

        assertThat(suite.rival().get(location).status()).isEqualTo(404);
    }

    @Test
    void should_give_each_document_of_a_batch_its_own_status_when_posted_together() {
        Api.Response accepted = shop.post(INGESTIONS, Map.of("documents", List.of(
                Map.of("documentId", "batch-tides", "title", "Tides", "text", "High tide at the harbour is at six."),
                Map.of("documentId", "batch-ferry", "title", "Ferry", "text", "The island ferry leaves at nine.",
                        "metadata", Map.of("team", "travel")))));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode listed = accepted.json().get("ingestions");
        assertThat(listed.findValuesAsText("documentId")).containsExactly("batch-tides", "batch-ferry");
        assertThat(listed.findValuesAsText("ingestionId")).doesNotHaveDuplicates().hasSize(2);
        for (JsonNode ingestion : listed) {
            String location = ingestion.get("location").asText();
            await().atMost(WORK).pollInterval(Duration.ofMillis(500))
                    .until(() -> shop.get(location).json().get("state").asText().equals("done"));
            assertThat(suite.rival().get(location).status()).isEqualTo(404);
        }
        assertThat(shop.get(DOCUMENTS + "/batch-ferry").json().get("metadata").get("team").asText()).isEqualTo("travel");
    }

    @Test
    void should_refuse_bad_input_with_a_problem_and_queue_nothing_when_posted() {
        Api.Response emptyBatch = shop.post(INGESTIONS, Map.of("documents", List.of()));
        assertThat(emptyBatch.status()).as(emptyBatch.toString()).isEqualTo(400);

        Api.Response badMember = shop.post(INGESTIONS, Map.of("documents", List.of(
                Map.of("documentId", "never-queued", "text", "A fine document."), Map.of("text", ""))));
        assertThat(badMember.status()).as(badMember.toString()).isEqualTo(400);

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Api.Response image = shop.send("POST", DOCUMENTS + "?documentId=never-queued", "image/png", png,
                Map.of("Prefer", "respond-async"));
        assertThat(image.status()).as(image.toString()).isEqualTo(415);

        assertThat(shop.get(INGESTIONS + "/ing-000000000000000000000000").status()).isEqualTo(404);
        assertThat(shop.get(INGESTIONS + "/not-an-id").status()).isEqualTo(404);
        assertThat(shop.get(DOCUMENTS + "/never-queued").status()).isEqualTo(404);
    }

    private PlatformEvent ingestedEvent(String documentId) {
        return suite.events().stream()
                .filter(e -> e.type().equals("AiPlatform.Knowledge.DocumentIngested"))
                .filter(e -> e.data().path("documentId").asText().equals(documentId))
                .filter(e -> e.data().path("tenantId").asText().equals(AcceptancePlatform.TENANT))
                .findFirst().orElse(null);
    }
}
