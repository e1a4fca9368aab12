package com.aiplatform.acceptance;

import com.aiplatform.acceptance.AcceptancePlatform.Suite;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.testing.documents.DocumentFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Knowledge on the default composition: every supported format in, search, grounded answers, delete, events. */
@Order(1)
@ExtendWith(AcceptancePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnowledgeIT {

    private static final String DOCUMENTS = "/api/v1/knowledge/documents";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private Suite suite;
    private Api shop;

    @BeforeAll
    void connect(Suite suite) {
        this.suite = suite;
        this.shop = suite.shop();
    }

    @Test
    @Order(1)
    void should_ingest_text_markdown_html_pdf_and_docx_and_announce_each_when_posted() {
        ingest("kb-text", "text/plain", "Gift cards never expire and can be used in every store.");
        ingest("kb-markdown", "text/markdown", "# Account setup\n\nReset your password from the login page.\n");
        ingest("kb-html", "text/html", "<html><head><title>Privacy</title></head><body><p>We keep order data for "
                + "<b>seven years</b> because tax law requires it.</p></body></html>");
        ingest("kb-pdf", "application/pdf", DocumentFixtures.pdf("Warranty", List.of(
                "The warranty covers manufacturing defects for two years.", "Batteries are covered for six months.")));
        ingest("kb-docx", DOCX, DocumentFixtures.docx("Shipping", List.of("Parcels to Norway take seven days.",
                "Express delivery costs twelve euros.")));

        List<String> ids = List.of("kb-text", "kb-markdown", "kb-html", "kb-pdf", "kb-docx");
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> event("DocumentIngested", id) != null));
        PlatformEvent pdf = event("DocumentIngested", "kb-pdf");
        assertThat(pdf.data().get("chunkCount").asInt()).isPositive();
        assertThat(pdf.data().get("contentHash").asText()).hasSize(64);
        JsonNode listed = shop.get(DOCUMENTS).json().get("documents");
        assertThat(listed.findValuesAsText("documentId")).containsAll(ids);
        JsonNode pdfDocument = shop.get(DOCUMENTS + "/kb-pdf").json();
        assertThat(pdfDocument.get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(pdf.data().get("readers")).isEqualTo(pdfDocument.get("readers"));
        assertThat(pdf.data().get("readers").get("users")).isNotEmpty();
        assertThat(shop.get(DOCUMENTS + "/kb-docx").json().get("contentType").asText()).isEqualTo(DOCX);
    }

    @Test
    @Order(2)
    void should_find_each_format_by_what_it_says_when_searched() {
        Map<String, String> queries = Map.of("kb-text", "do gift cards expire", "kb-markdown", "reset my password",
                "kb-html", "how long is order data kept", "kb-pdf", "battery warranty", "kb-docx", "parcels to Norway");
        queries.forEach((id, query) -> {
            JsonNode results = shop.post("/api/v1/knowledge/search", Map.of("query", query, "topK", 3)).json().get("results");
            assertThat(results).as(query).isNotEmpty();
            assertThat(results.get(0).get("documentId").asText()).as(query + ": " + results).isEqualTo(id);
        });
    }

    @Test
    @Order(3)
    void should_answer_with_numbered_citations_from_the_tenants_documents_when_asked() {
        Api.Response asked = shop.post("/api/v1/knowledge/ask", Map.of("question", "How long are batteries covered by the warranty?"));

        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        JsonNode answer = asked.json();
        assertThat(answer.get("generator").asText()).isEqualTo("extractive-offline");
        assertThat(answer.get("answer").asText()).contains("six months").containsPattern("\\[\\d+]");
        assertThat(answer.get("citations").findValuesAsText("documentId")).contains("kb-pdf");
    }

    @Test
    @Order(4)
    void should_show_another_tenant_nothing_of_the_shops_documents() {
        Api rival = suite.rival();
        assertThat(rival.post("/api/v1/knowledge/search", Map.of("query", "battery warranty", "topK", 5)).json()
                .get("results")).isEmpty();
        assertThat(rival.get(DOCUMENTS + "/kb-pdf").status()).isEqualTo(404);
        assertThat(rival.get(DOCUMENTS).json().get("documents").findValuesAsText("documentId")).doesNotContain("kb-pdf");
        assertThat(rival.delete(DOCUMENTS + "/kb-pdf").status()).isEqualTo(404);
        assertThat(shop.get(DOCUMENTS + "/kb-pdf").status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void should_remove_a_document_from_reads_and_search_and_announce_it_when_deleted() {
        assertThat(shop.delete(DOCUMENTS + "/kb-html").status()).isEqualTo(204);

        assertThat(shop.get(DOCUMENTS + "/kb-html").status()).isEqualTo(404);
        JsonNode results = shop.post("/api/v1/knowledge/search", Map.of("query", "how long is order data kept",
                "topK", 10)).json().get("results");
        assertThat(results.findValuesAsText("documentId")).doesNotContain("kb-html");
        await().atMost(Duration.ofSeconds(30)).until(() -> event("DocumentDeleted", "kb-html") != null);
        assertThat(shop.delete(DOCUMENTS + "/kb-html").status()).isEqualTo(404);
    }

    private void ingest(String id, String contentType, String text) {
        ingest(id, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private void ingest(String id, String contentType, byte[] body) {
        Api.Response created = shop.send("POST", DOCUMENTS + "?documentId=" + id, contentType, body, Map.of());
        assertThat(created.status()).as(id + ": " + created).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("created");
    }

    /** The event of that type about the shop tenant's document, or null. */
    private PlatformEvent event(String type, String documentId) {
        return suite.events().stream()
                .filter(e -> e.type().equals("AiPlatform.Knowledge." + type))
                .filter(e -> e.data().path("documentId").asText().equals(documentId))
                .filter(e -> e.data().path("tenantId").asText().equals(AcceptancePlatform.TENANT))
                .findFirst().orElse(null);
    }
}
