package com.aiplatform.acceptance;

import com.aiplatform.acceptance.AcceptancePlatform.Suite;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers inside one tenant, through the gateway with every real app: two consumers of the shop's tenant in
 * different groups (kept by the platform app, forwarded by the gateway) each see only the documents they may read,
 * both see a tenant-wide one, a groups header sent by a client changes nothing, and research by one never cites the
 * other's private document.
 */
@Order(2)
@ExtendWith(AcceptancePlatform.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnowledgeReadersIT {

    private static final String DOCUMENTS = "/api/v1/knowledge/documents";
    private static final String SEARCH = "/api/v1/knowledge/search";

    private Api hr;
    private Api sales;

    @BeforeAll
    void connect(Suite suite) {
        hr = suite.admin().withKey(consumer(suite.admin(), "readers-hr", List.of("hr")));
        sales = suite.admin().withKey(consumer(suite.admin(), "readers-sales", List.of("sales")));
        ingest(hr, Map.of("documentId", "readers-bonus", "title", "Bonus plan",
                "text", "The confidential bonus plan pays a thirteenth salary to every engineer in December.",
                "readers", Map.of("groups", List.of("hr"))));
        ingest(sales, Map.of("documentId", "readers-quota", "title", "Sales quota",
                "text", "The confidential sales quota for the northern region is two million euros this year."));
        ingest(hr, Map.of("documentId", "readers-canteen", "title", "Canteen",
                "text", "The canteen serves a confidential soup recipe every Friday and closes at three.",
                "readers", Map.of("tenantWide", true)));
    }

    @Test
    @Order(1)
    void should_show_each_consumer_only_its_readable_documents_and_both_the_tenant_wide_one() {
        assertThat(found(hr, "confidential")).contains("readers-bonus", "readers-canteen").doesNotContain("readers-quota");
        assertThat(found(sales, "confidential")).contains("readers-quota", "readers-canteen").doesNotContain("readers-bonus");

        assertThat(listed(hr)).contains("readers-bonus", "readers-canteen").doesNotContain("readers-quota");
        assertThat(listed(sales)).contains("readers-quota", "readers-canteen").doesNotContain("readers-bonus");
        assertThat(sales.get(DOCUMENTS + "/readers-bonus").status()).isEqualTo(404);
        assertThat(hr.get(DOCUMENTS + "/readers-quota").status()).isEqualTo(404);
        JsonNode bonus = hr.get(DOCUMENTS + "/readers-bonus").json();
        assertThat(bonus.get("readers").get("groups").get(0).asText()).isEqualTo("hr");
        assertThat(sales.get(DOCUMENTS + "/readers-quota").json().get("readers").get("users").get(0).asText())
                .isEqualTo("readers-sales");
        assertThat(sales.delete(DOCUMENTS + "/readers-bonus").status()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void should_ignore_a_groups_header_sent_by_the_client() {
        Api.Response spoofed = sales.send("POST", SEARCH, "application/json",
                Api.bytes(Map.of("query", "thirteenth salary bonus plan", "topK", 10)), Map.of("x-aiplatform-groups", "hr"));

        assertThat(spoofed.status()).isEqualTo(200);
        assertThat(spoofed.json().get("results").findValuesAsText("documentId")).doesNotContain("readers-bonus");
    }

    @Test
    @Order(3)
    void should_answer_from_readable_documents_only() {
        JsonNode answer = sales.post("/api/v1/knowledge/ask", Map.of("question", "Who gets a thirteenth salary?")).json();

        assertThat(answer.get("answer").asText()).doesNotContain("thirteenth salary to every engineer");
        assertThat(answer.get("citations").findValuesAsText("documentId")).doesNotContain("readers-bonus");
        assertThat(answer.get("suggestions").findValuesAsText("documentId")).doesNotContain("readers-bonus");
    }

    @Test
    @Order(4)
    void should_refuse_readers_that_name_nobody_and_an_id_taken_by_a_document_the_caller_may_not_read() {
        Api.Response nobody = sales.post(DOCUMENTS, Map.of("text", "x", "readers", Map.of("groups", List.of())));
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(sales.post(DOCUMENTS, Map.of("documentId", "readers-bonus", "text", "Overwritten by sales."))
                .status()).isEqualTo(409);
        assertThat(found(hr, "thirteenth salary")).contains("readers-bonus");
    }

    @Test
    @Order(5)
    void should_never_cite_the_other_consumers_private_document_in_research() {
        Api.Response accepted = sales.post(ResearchIT.TASKS, Map.of(
                "question", "What does the confidential bonus plan pay, and what is the sales quota?",
                "maxSubquestions", 2));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String id = accepted.json().get("id").asText();

        JsonNode task = ResearchIT.awaitTerminal(sales, id);

        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("completed");
        JsonNode report = task.get("report");
        assertThat(report.get("citations").findValuesAsText("documentId")).doesNotContain("readers-bonus");
        assertThat(report.get("text").asText()).doesNotContain("thirteenth salary");
        assertThat(hr.get(ResearchIT.TASKS + "/" + id).status()).isEqualTo(404);
    }

    private static String consumer(Api admin, String consumerId, List<String> groups) {
        Api.Response created = admin.post("/api/v1/platform/consumers", Map.of("consumerId", consumerId,
                "tenantId", AcceptancePlatform.TENANT, "product", "standard", "roles", List.of(), "groups", groups));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("consumer").get("groups").get(0).asText()).isEqualTo(groups.get(0));
        return created.json().get("key").asText();
    }

    private static void ingest(Api api, Map<String, Object> document) {
        Api.Response created = api.post(DOCUMENTS, document);
        assertThat(created.status()).as(document.get("documentId") + ": " + created).isIn(200, 201);
    }

    private static List<String> found(Api api, String query) {
        return api.post(SEARCH, Map.of("query", query, "topK", 20)).json().get("results").findValuesAsText("documentId");
    }

    private static List<String> listed(Api api) {
        return api.get(DOCUMENTS).json().get("documents").findValuesAsText("documentId");
    }
}
